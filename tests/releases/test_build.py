"""Building a release from the synthetic store: grounded answers, splits, duplicates, reproducible bytes."""

from __future__ import annotations

import json

import pytest

from audit import CorpusStore
from releases import Catalog, build_release
from releases.configuration import default_config_dict
from tests.releases.conftest import build_store, note_text


def _build(path, key, root, **kwargs):
    with CorpusStore.open(path) as store:
        return build_release(store, key=key, root=root, **kwargs)


def _examples(directory):
    lineage = [json.loads(line) for line in open(directory / "lineage.jsonl")]
    lines = {split: [json.loads(line) for line in open(directory / f"{split}.jsonl")]
             for split in ("train", "validation")}
    return [(entry, lines[entry["split"]][entry["line"] - 1]["messages"]) for entry in lineage]


def test_every_answer_is_traceable_to_store_rows(corpus_store, release_root, key):
    path, corpus = corpus_store
    build = _build(path, key, release_root)
    assert build.counts["train"] + build.counts["validation"] == len(_examples(build.directory))
    seen_tasks = set()
    for entry, messages in _examples(build.directory):
        assert [m["role"] for m in messages] == ["system", "user", "assistant"]
        answer, task = messages[2]["content"], entry["task"]
        seen_tasks.add(task)
        if task == "note_problem_list":
            note = corpus.notes[entry["doc_ids"][0]]
            expected = [m for m in note["mentions"] if not (m["negated"] or m["family"] or m["hypothetical"])]
            assert answer == "\n".join(f"- {m['display']} (SNOMED CT {m['code']})" for m in expected)
            assert note["text"] in messages[1]["content"]
        elif task == "paper_title":
            assert answer == corpus.papers[entry["doc_ids"][0]]["title"]
        elif task == "abstract_conclusions":
            assert answer == corpus.papers[entry["doc_ids"][0]]["conclusions"]
            assert answer not in messages[1]["content"]
        elif task == "patient_record/most_recent_lvef":
            observation = entry["clinical_rows"][0][1]
            patient = corpus.patients[int(observation.split("-")[1])]
            assert f"{corpus.lvef[patient]:g} %" in answer and observation.endswith("-1")
        elif task == "patient_record/current_anticoagulant":
            patient = corpus.patients[int(entry["clinical_rows"][0][1].split("-")[1])]
            assert corpus.anticoagulant[patient] in answer and ("dose 5 MG" in answer or "dose 20 MG" in answer)
        elif task == "patient_record/last_echo_relative_to_admission":
            assert "3 days after the start of its encounter, on " in answer
        elif task == "patient_record/active_cardiology_problems":
            assert "Diabetes" not in answer and "(SNOMED CT" in answer
    assert seen_tasks == {"note_problem_list", "paper_title", "abstract_conclusions",
                          "patient_record/most_recent_lvef", "patient_record/current_anticoagulant",
                          "patient_record/last_echo_relative_to_admission",
                          "patient_record/active_cardiology_problems"}


def test_negated_and_family_mentions_are_not_problems(corpus_store, release_root, key):
    path, _ = corpus_store
    build = _build(path, key, release_root)
    answers = [m[2]["content"] for e, m in _examples(build.directory) if e["task"] == "note_problem_list"]
    assert answers and all("Chest pain" not in a and "Takotsubo" not in a for a in answers)


def test_split_is_by_patient_and_keyed(corpus_store, release_root, key):
    path, corpus = corpus_store
    build = _build(path, key, release_root)
    splits_of: dict[str, set] = {}
    for entry, _ in _examples(build.directory):
        splits_of.setdefault(entry["group"], set()).add(entry["split"])
    assert all(len(s) == 1 for s in splits_of.values())
    assert build.counts["validation"] > 0 and build.counts["train"] > 0
    assert build.checks["patient_overlap"].passed and build.checks["patient_overlap"].details["patients"] == 12
    corpus_ids = {json.loads(line)["id"] for line in open(build.directory / "corpus.jsonl")}
    validation_docs = {d for e, _ in _examples(build.directory) if e["split"] == "validation" for d in e["doc_ids"]}
    assert not corpus_ids & validation_docs
    other = _build(path, b"another-key-entirely", release_root)
    assert other.version != build.version


def test_rebuild_is_byte_identical_and_a_no_op(corpus_store, tmp_path, key):
    path, _ = corpus_store
    first = _build(path, key, tmp_path / "a")
    again = _build(path, key, tmp_path / "a")
    assert again.reused and again.version == first.version and again.release_event_ids == first.release_event_ids
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(path.read_bytes())
    elsewhere = _build(copy, key, tmp_path / "b")
    assert elsewhere.version == first.version
    names = sorted(p.name for p in first.directory.iterdir())
    assert names == sorted(p.name for p in elsewhere.directory.iterdir())
    for name in names:
        assert (first.directory / name).read_bytes() == (elsewhere.directory / name).read_bytes(), name


def test_manifest_records_hashes_versions_and_lineage(corpus_store, release_root, key):
    from deid.pseudonyms import key_fingerprint

    path, _ = corpus_store
    build = _build(path, key, release_root)
    manifest = json.loads((build.directory / "manifest.json").read_text())
    assert manifest == build.manifest
    assert set(manifest["files"]) == {"train.jsonl", "validation.jsonl", "train.parquet", "validation.parquet",
                                      "corpus.jsonl", "lineage.jsonl", "README.md", "openai_job.json"}
    assert manifest["files"]["train.jsonl"]["records"] == build.counts["train"]
    assert manifest["key_fingerprint"] == key_fingerprint(key)
    assert manifest["policy"] == {"versions": ["1.0.0"], "sha256": ["ab" * 32]}
    assert manifest["terminology_versions"] == {"snomed": "invented-1"}
    assert manifest["sources"]["source_documents"] == 12 + 4 + 12   # notes, papers, bundles
    assert manifest["lineage"]["audit_events"] > 0 and len(manifest["config"]["sha256"]) == 64
    readme = (build.directory / "README.md").read_text()
    assert readme.startswith("---\n") and "intended_use:" in readme and "privacy:" in readme
    with CorpusStore.open(path) as store:
        info = Catalog(release_root, store).show(build.name)
        assert info.version == build.version and info.release_event_id == build.release_event_ids[0]
        assert info.recorded and info.certified is False
    import polars as pl

    frame = pl.read_parquet(build.directory / "train.parquet")
    assert frame.height == build.counts["train"]
    assert frame["messages"].to_list()[0] == json.loads(open(build.directory / "train.jsonl").readline())["messages"]


def test_exact_and_near_duplicates_are_removed(tmp_path, key):
    text, mentions = note_text(3)
    near = text + " Seen today."   # after every mention: same offsets, one shingle more
    path = tmp_path / "dup.duckdb"
    build_store(path, extra_notes=[(5, text, mentions), (7, near, mentions), (9, text + "  ", mentions)])
    config = default_config_dict()
    config["dedup"]["threshold"] = 0.8   # a short note: two added words change several 5-word shingles
    build = _build(path, key, tmp_path / "r", config=config)
    assert build.counts["task:note_problem_list"] == 12
    assert build.counts["removed_exact_duplicates"] == 2 and build.counts["removed_near_duplicates"] == 1
    assert build.checks["near_duplicates"].details
    notes = [m[1]["content"] for e, m in _examples(build.directory) if e["task"] == "note_problem_list"]
    assert len(notes) == len({" ".join(n.split()) for n in notes})


def test_near_duplicates_across_splits_keep_the_training_copy():
    from releases.configuration import load_config
    from releases.dedup import deduplicate
    from releases.records import Example
    from releases.tasks import chat

    config = load_config()
    text, _ = note_text(4)
    bodies = [text, text + " Seen today.", "A different text on valves and murmurs."]
    examples = [Example(f"ex-{i}", "t", chat(config, body, "answer"), f"g{i}") for i, body in enumerate(bodies)]
    kept, removed = deduplicate({"train": examples[:1], "validation": examples[1:]},
                                config.section("dedup") | {"threshold": 0.8})
    assert [e.example_id for e in kept["train"]] == ["ex-0"]
    assert [e.example_id for e in kept["validation"]] == ["ex-2"] and removed["validation_near"] == 1
    _, strict = deduplicate({"train": examples[:1], "validation": examples[1:]},
                            config.section("dedup") | {"threshold": 0.95})
    assert strict == {}   # an LSH candidate below the threshold is kept


def test_an_existing_version_with_other_content_is_refused(corpus_store, release_root, key):
    path, _ = corpus_store
    _build(path, key, release_root, version="v1")
    config = default_config_dict()
    config["tasks"]["paper_title"]["enabled"] = False
    with pytest.raises(ValueError, match="immutable"):
        _build(path, key, release_root, version="v1", config=config)


def test_checks_and_manifest_hold_counts_not_text(corpus_store, release_root, key):
    path, corpus = corpus_store
    build = _build(path, key, release_root)
    reported = json.dumps({n: c.to_json() for n, c in build.checks.items()}) + json.dumps(build.manifest)
    for note in corpus.notes.values():
        assert note["text"][:40] not in reported and note["patient_key"] not in reported
    assert all(p["title"] not in reported for p in corpus.papers.values())


def test_catalog_reads_without_a_store(corpus_store, release_root, key):
    path, _ = corpus_store
    build = _build(path, key, release_root)
    catalog = Catalog(release_root)
    [info] = catalog.list()
    assert (info.name, info.version, info.certified, info.recorded) == (build.name, build.version, None, None)
    assert len(catalog.read_examples(build.name, build.version, "validation")) == build.counts["validation"]
    with pytest.raises(ValueError):
        catalog.read_examples(build.name, build.version, "test")
