"""build_release: store -> examples -> gates -> files -> recorded release (idempotent by content).

Steps: read the store (``sources``), make examples (``tasks``, ``patient_record``), drop those
over the token limit, split by keyed hash (``split``), remove duplicates (``dedup``), write the
files into a staging folder, derive the version from their hashes and the config, run the gates
(``checks``) on the written files, then move the folder into place and ``record_release``.
Nothing in the files depends on the time or the order rows were stored in.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from audit import CorpusStore
from deid.pseudonyms import key_fingerprint, keyed_hash
from releases import checks as gates_module
from releases.card import data_card
from releases.configuration import load_config
from releases.dedup import deduplicate
from releases.files import file_entry, read_manifest, write_chat_parquet, write_jsonl, write_manifest
from releases.patient_record import patient_record_examples
from releases.records import CheckOutcome, Example, ReleaseBuild
from releases.sources import read_inputs
from releases.split import split_of
from releases.tasks import abstract_conclusions_examples, group_of, note_problem_list_examples, paper_title_examples
from releases.tokens import O200K_SHA256, epochs_and_cost, example_tokens, o200k_base

log = logging.getLogger(__name__)
DEFAULT_NAME = "cardiology-finetune"
_DATA_FILES = ("train.jsonl", "validation.jsonl", "train.parquet", "validation.parquet", "corpus.jsonl",
               "lineage.jsonl")


def releases_root(root: str | Path | None = None) -> Path:
    if root is not None:
        return Path(root)
    from cardiocorpus.settings import home

    return home() / "releases"


def _check_name(value: str, what: str) -> str:
    if not value or not all(c.isalnum() or c in "-_." for c in value) or value.startswith("."):
        raise ValueError(f"release {what} must be letters, digits, '-', '_' or '.'")
    return value


def build_release(store: CorpusStore, *, key: bytes, name: str = DEFAULT_NAME, version: str | None = None,
                  config=None, root: str | Path | None = None, run_id: str | None = None) -> ReleaseBuild:
    """Build (or find) the release of the store's current corpus; see the package docstring."""
    _check_name(name, "name")
    config = load_config(config)
    inputs = read_inputs(store)
    examples = (note_problem_list_examples(inputs.documents, inputs.mentions, config)
                + patient_record_examples(inputs.clinical, config)
                + abstract_conclusions_examples(inputs.documents, config)
                + paper_title_examples(inputs.documents, config))
    gates = config.section("gates")
    limit = int(gates.get("max_tokens_per_example", 16385))
    encoding = o200k_base()
    tokens = {e.example_id: example_tokens(e.messages, encoding) for e in examples}
    within = [e for e in examples if tokens[e.example_id] <= limit]
    fraction = float(config.section("split").get("validation_fraction", 0.2))
    splits: dict[str, list[Example]] = {"train": [], "validation": []}
    for example in within:
        splits[split_of(key, example.group, fraction)].append(example)
    kept, removed = deduplicate(splits, config.section("dedup"))

    corpus_settings = config.section("corpus")
    kinds = corpus_settings.get("kinds")
    corpus_documents = [d for d in inputs.documents
                        if (kinds is None or d["kind"] in kinds)
                        and len(d["text"].strip()) >= int(corpus_settings.get("min_characters", 0))
                        and split_of(key, group_of(d, config), fraction) == "train"]
    corpus_documents, corpus_duplicates = _unique_texts(corpus_documents)
    by_id = {d["doc_id"]: d for d in inputs.documents}
    member_ids = sorted({d["doc_id"] for d in corpus_documents}
                        | {doc for split in kept.values() for e in split for doc in e.doc_ids})
    members = {doc: by_id[doc]["text_sha256"] for doc in member_ids}

    root = releases_root(root)
    (root / name).mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=root / name))
    try:
        counts = _write_data(staging, kept, corpus_documents, key)
        counts.update({"removed_exact_duplicates": removed["train_exact"] + removed["validation_exact"],
                       "removed_near_duplicates": removed["train_near"] + removed["validation_near"],
                       "removed_over_token_limit": len(examples) - len(within),
                       "removed_corpus_duplicates": corpus_duplicates})
        files = {f: file_entry(staging / f, counts.get(f)) for f in _DATA_FILES}
        content = hashlib.sha256(json.dumps([files, config.sha256, key_fingerprint(key)],
                                            sort_keys=True).encode("utf-8")).hexdigest()
        version = _check_name(version, "version") if version else f"r-{content[:12]}"
        manifest = _write_job_card_and_manifest(name, version, staging, files, counts, kept, tokens, inputs,
                                                members, by_id, config, key)
        write_manifest(staging, manifest)
        checks = gates_module.blocking_checks(store, staging, manifest, members, gates)
        checks["near_duplicates"] = CheckOutcome(True, False, {k: removed[k] for k in sorted(removed)})
        directory = root / name / version
        reused = directory.exists()
        if reused:
            if read_manifest(directory) != manifest:
                raise ValueError(f"release {name} {version} already exists under {directory} with other content; "
                                 "releases are immutable, build a new version")
        else:
            staging.chmod(0o755)   # mkdtemp made it private; a release is read by training teams
            staging.rename(directory)
        try:
            event_ids = store.record_release(run_id or f"release-{version}", name, version, manifest, member_ids)
        except Exception:
            if not reused:
                shutil.rmtree(directory, ignore_errors=True)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("release %s %s: %d train, %d validation examples, %d corpus documents%s", name, version,
             counts["train"], counts["validation"], counts["corpus"], " (existing)" if reused else "")
    return ReleaseBuild(name, version, directory, manifest, counts, checks, event_ids, reused)


def _unique_texts(documents: list[dict]) -> tuple[list[dict], int]:
    """Pre-training documents without exact repeats (whitespace and case folded), first doc id kept."""
    seen, unique = set(), []
    for document in documents:
        digest = hashlib.sha256(" ".join(document["text"].lower().split()).encode("utf-8")).digest()
        if digest not in seen:
            seen.add(digest)
            unique.append(document)
    return unique, len(documents) - len(unique)


def _lineage_group(key: bytes, group: str) -> str:
    return keyed_hash(key, "release-lineage", group)[:16]


def _write_data(directory: Path, kept: dict[str, list[Example]], corpus_documents: list[dict], key: bytes) -> dict:
    counts: Counter = Counter()
    lineage = []
    for split in ("train", "validation"):
        examples = sorted(kept[split], key=lambda e: e.example_id)
        records = [e.record() for e in examples]
        counts[split] = write_jsonl(directory / f"{split}.jsonl", records)
        counts[f"{split}.jsonl"] = counts[f"{split}.parquet"] = counts[split]
        write_chat_parquet(directory / f"{split}.parquet", records)
        for line, example in enumerate(examples, 1):
            counts[f"task:{example.task}"] += 1
            lineage.append({"split": split, "line": line, "example_id": example.example_id, "task": example.task,
                            "group": _lineage_group(key, example.group), "doc_ids": list(example.doc_ids),
                            "clinical_rows": [list(r) for r in example.clinical_rows]})
    counts["lineage.jsonl"] = write_jsonl(directory / "lineage.jsonl", lineage)
    counts["corpus"] = counts["corpus.jsonl"] = write_jsonl(
        directory / "corpus.jsonl", ({"id": d["doc_id"], "kind": d["kind"], "text": d["text"]} for d in corpus_documents))
    return dict(sorted(counts.items()))


def _write_job_card_and_manifest(name, version, directory, files, counts, kept, tokens, inputs, members, by_id,
                                 config, key) -> dict:
    """Writes openai_job.json and README.md (they need the estimate and counts); returns the manifest."""
    estimate_settings = config.section("estimate")
    limit = int(config.section("gates").get("max_tokens_per_example", 16385))
    train_tokens = [tokens[e.example_id] for e in kept["train"]]
    estimate = epochs_and_cost(train_tokens, estimate_settings, limit)
    job = {"model": estimate_settings.get("model"), "training_file": "train.jsonl",
           "validation_file": "validation.jsonl", "suffix": name[:40],
           "hyperparameters": {"n_epochs": estimate["epochs"], **(estimate_settings.get("hyperparameters") or {})}}
    (directory / "openai_job.json").write_text(json.dumps(job, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    member_documents = [by_id[d] for d in sorted(members)]
    clinical_sources = {row.get("source_sha256") for rows in inputs.clinical.values() for row in rows
                        if row.get("source_sha256")}
    input_events = sorted({d["event_id"] for d in member_documents}
                          | {m["event_id"] for d in members for m in inputs.mentions.get(d, [])}
                          | {row["event_id"] for rows in inputs.clinical.values() for row in rows if "event_id" in row})
    facts = {"policy_versions": sorted({d["policy_version"] for d in member_documents}),
             "key_fingerprint": key_fingerprint(key),
             "dedup_threshold": config.section("dedup").get("threshold", 0.9), "max_tokens": limit,
             "estimate": estimate}
    (directory / "README.md").write_text(data_card(name, version, counts, facts), encoding="utf-8")
    files = dict(files)
    files["openai_job.json"] = file_entry(directory / "openai_job.json", None)
    files["README.md"] = file_entry(directory / "README.md", None)
    all_tokens = [tokens[e.example_id] for split in kept.values() for e in split]
    return {
        "name": name, "version": version, "format": "openai-chat-jsonl", "files": dict(sorted(files.items())),
        "counts": counts,
        "config": {"version": config.version, "sha256": config.sha256, "source": config.source,
                   "gates": config.section("gates"), "split": config.section("split")},
        "policy": {"versions": facts["policy_versions"],
                   "sha256": sorted({d["policy_sha256"] for d in member_documents})},
        "engine_versions": [json.loads(v) for v in sorted({json.dumps(d["engine_versions"], sort_keys=True)
                                                                    for d in member_documents})],
        "terminology_versions": inputs.terminology_versions,
        "tokenizer": {"encoding": "o200k_base", "file_sha256": O200K_SHA256,
                      "examples_tokens": sum(all_tokens), "max_example_tokens": max(all_tokens, default=0)},
        "estimate": estimate,
        "key_fingerprint": key_fingerprint(key),
        "sources": {"member_documents": len(members),
                    "members_sha256": hashlib.sha256("\n".join(f"{d}:{s}" for d, s in sorted(members.items()))
                                                     .encode("utf-8")).hexdigest(),
                    "source_documents": len({d["source_sha256"] for d in member_documents} | clinical_sources),
                    "clinical_sources": len(clinical_sources)},
        "lineage": {"audit_events": len(input_events), "first_event": input_events[0] if input_events else None,
                    "last_event": input_events[-1] if input_events else None,
                    "events_sha256": hashlib.sha256(",".join(map(str, input_events)).encode()).hexdigest()},
    }
