"""``cardiocorpus extract-concepts`` and ``terminology-import`` as the installed script runs them."""

import json
import subprocess

from tests.conftest import CLI, REPO

from .conftest import FIXTURES


def run(*args, timeout=240, cwd="/"):
    # run outside the repository, as the independent evaluation does
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True, timeout=timeout, cwd=cwd)


def test_extract_concepts_contract(tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Atrial fibrillation (AF) with CHF; no chest pain. AF persisted.", "x": 1}),
        "this line is not JSON",
        json.dumps({"id": "b", "text": "The weather was fine."}),
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": "Family history of hypertension."}),
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("extract-concepts", source, "--output", out)
    assert result.returncode != 0
    assert "line 2" in result.stderr and "line 4" in result.stderr
    assert "this line is not JSON" not in result.stderr          # errors never echo content
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "d"]
    assert records[1]["mentions"] == []
    a = records[0]["mentions"]
    assert [m["text"] for m in a] == ["Atrial fibrillation", "AF", "CHF", "chest pain", "AF"]
    assert {m["system"] for m in a} <= {"SNOMED", "ICD10CM", "LOINC", "RXNORM"}
    assert [m["negated"] for m in a] == [False, False, False, True, False]
    text = json.loads(lines[0])["text"]
    assert all(text[m["start"]:m["end"]] == m["text"] for m in a)
    assert records[2]["mentions"][0]["family"] is True


def test_extract_concepts_clean_input_exits_zero(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": 7, "text": "Hypertension."}) + "\n", encoding="utf-8")
    result = run("extract-concepts", source, "--output", tmp_path / "out.jsonl")
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "out.jsonl").read_text())["id"] == "7"


def test_terminology_import_builds_a_store_the_extractor_uses(tmp_path):
    store = tmp_path / "store"
    result = run("terminology-import", "--snomed", FIXTURES / "snomed_rf2", "--umls", FIXTURES / "umls_META",
                 "--loinc", FIXTURES / "loinc" / "Loinc.csv", "--output", store, "--duckdb", tmp_path / "t.duckdb",
                 cwd=REPO)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["versions"]["snomed"].startswith("RF2 snapshot")
    from terminology.coding import annotate_coding
    from terminology.store import ConceptStore

    loaded = ConceptStore.from_directory(store)
    assert annotate_coding("http://snomed.info/sct", "1234567009", store=loaded).active is False
    assert (tmp_path / "t.duckdb").is_file()


def test_terminology_import_without_a_release_fails_cleanly(tmp_path):
    result = run("terminology-import", "--snomed", tmp_path, "--output", tmp_path / "store")
    assert result.returncode == 2 and "sct2_Concept_Snapshot" in result.stderr
