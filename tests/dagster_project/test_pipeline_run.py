"""The whole graph on the samples and on bad deliveries: what reaches the store, what is
quarantined, what Dagster keeps (no PHI), and that re-delivery changes nothing."""

from __future__ import annotations

import shutil

import dagster as dg
import duckdb

from dagster_project.deliveries import PARTITIONS, scan
from dagster_project.local import materialize_landing
from dagster_project.sensors import new_partitions

from readers.common import file_sha256
from tests.dagster_project.conftest import BAD_FHIR, BAD_NOTES, HUGE_NOTE, sample_phi_strings


def _hashes(run, kind: str, names) -> list[str]:
    return [file_sha256(run.home / "landing" / kind / name) for name in names]


def _store(run):
    return duckdb.connect(str(run.home / "corpus.duckdb"), read_only=True)


def test_every_delivery_ran_and_reached_the_store(pipeline_run):
    assert pipeline_run.outcome.runs and all(pipeline_run.outcome.runs.values())
    with _store(pipeline_run) as store:
        kinds = dict(store.execute("SELECT kind, count(*) FROM deidentified_documents GROUP BY kind").fetchall())
        sources = store.execute("SELECT count(*) FROM source_documents").fetchone()[0]
        unvouched = store.execute("SELECT count(*) FROM compliance_documents_without_deid_event").fetchone()[0]
    # samples: 6 JSONL notes, 2 .txt notes, 2 CSV notes, 3 papers, 2 case reports; the truncated JSONL keeps its good line
    assert kinds["note"] == 6 + 2 + 2 + 1 and kinds["paper"] == 3 and kinds["case_report"] == 2
    delivered = len({d.sha256 for kind in ("fhir", "notes", "papers") for d in scan(pipeline_run.home, kind)})
    assert sources == delivered and unvouched == 0


def test_bad_note_deliveries_are_quarantined_with_reasons(pipeline_run):
    with _store(pipeline_run) as store:
        rows = store.execute("SELECT stage, reason FROM quarantine WHERE input_sha256 IN (SELECT unnest(?))",
                             [_hashes(pipeline_run, "notes", [*BAD_NOTES, HUGE_NOTE])]).fetchall()
    reasons = " | ".join(reason for _, reason in rows)
    assert len(rows) == len(BAD_NOTES) + 1, reasons
    for expected in ("invalid JSON", "binary data", "empty file", "over the"):
        assert expected in reasons
    assert {stage for stage, _ in rows} == {"read"}


def test_bad_fhir_deliveries_are_quarantined_and_the_others_written(pipeline_run):
    with _store(pipeline_run) as store:
        quarantined = store.execute("SELECT count(DISTINCT input_sha256) FROM quarantine WHERE input_sha256 IN "
                                    "(SELECT unnest(?))", [_hashes(pipeline_run, "fhir", BAD_FHIR)]).fetchone()[0]
        patients = store.execute("SELECT count(*) FROM clinical_patients").fetchone()[0]
    assert quarantined == len(BAD_FHIR)
    assert patients == len(list((pipeline_run.home / "landing" / "fhir").glob("MRN*.json")))


def test_partition_keys_and_locations_in_dagster_never_carry_file_names(pipeline_run):
    keys = [k for kind in ("notes", "papers") for k in pipeline_run.instance.get_dynamic_partitions(PARTITIONS[kind].name)]
    names = [p.stem for p in (pipeline_run.home / "landing").rglob("*") if p.is_file()]
    assert keys and all(k.startswith("d-") and not any(n in k for n in names) for k in keys)


def test_no_phi_in_dagster_storage_event_log_or_compute_logs(pipeline_run):
    phi = sample_phi_strings()
    found = set()
    files = [p for p in (pipeline_run.home / "dagster").rglob("*") if p.is_file()]
    for path in files:
        data = path.read_bytes()
        found |= {s for s in phi if s.encode() in data}
    assert files and not found, f"{len(found)} known PHI strings found under DAGSTER_HOME"


def test_materialization_metadata_gives_stewards_counts_and_versions(pipeline_run):
    records = pipeline_run.instance.fetch_materializations(dg.AssetKey(["deid", "notes"]), limit=100).records
    metadata = [r.asset_materialization.metadata for r in records]
    assert len(metadata) == len(scan(pipeline_run.home, "notes"))
    detections = [m["detections by entity type"].value for m in metadata]
    assert any(detections) and all(isinstance(n, int) for d in detections for n in d.values())
    assert all(m["policy version"].value and len(m["policy sha256"].value) == 64 for m in metadata)
    corpus = pipeline_run.instance.fetch_materializations(dg.AssetKey(["corpus", "notes"]), limit=100).records
    assert any(r.asset_materialization.metadata["audit event ids"].value for r in corpus)


def test_a_redelivered_identical_file_changes_nothing(pipeline_run):
    notes = pipeline_run.home / "landing" / "notes"
    shutil.copy2(notes / "notes.jsonl", notes / "notes-again.jsonl")
    assert new_partitions(pipeline_run.instance, pipeline_run.home, "notes") == []
    with _store(pipeline_run) as store:
        before = store.execute("SELECT count(*) FROM audit_events").fetchone()[0]
        documents_before = store.execute("SELECT count(*) FROM deidentified_documents").fetchone()[0]
    again = materialize_landing(pipeline_run.instance, pipeline_run.home, pipeline_run.definitions, quiet=True)
    assert list(again.runs) == ["audit_log", "release"]  # only the log is re-verified and the release re-checked
    with _store(pipeline_run) as store:
        documents = store.execute("SELECT count(*) FROM deidentified_documents").fetchone()[0]
        after = store.execute("SELECT count(*) FROM audit_events WHERE action <> 'snapshot'").fetchone()[0]
        releases = store.execute("SELECT count(*) FROM releases").fetchone()[0]
        before_non_snapshot = before - store.execute(
            "SELECT count(*) FROM audit_events WHERE action = 'snapshot' AND event_id <= ?", [before]).fetchone()[0]
    assert after == before_non_snapshot and documents == documents_before and releases == 1


def test_a_note_is_checked_against_its_fhir_patients_identifiers(pipeline_run):
    import json

    from deid.pseudonyms import patient_key
    from tests.conftest import TEST_SECRET_KEY

    sidecar = json.loads((pipeline_run.home / "landing" / "notes" / "clinic_followup.json").read_text())
    pseudonym = patient_key(TEST_SECRET_KEY.encode(), sidecar["patient_id"])
    with _store(pipeline_run) as store:
        [(text, metadata)] = store.execute("SELECT text, metadata FROM deidentified_documents "
                                           "WHERE patient_key = ? AND kind = 'note'", [pseudonym]).fetchall()
        fhir_patients = store.execute("SELECT count(*) FROM clinical_patients WHERE patient_key = ?",
                                      [pseudonym]).fetchone()[0]
    assert fhir_patients == 1  # the note and the FHIR record share the patient's pseudonym
    assert json.loads(metadata)["residual_identifiers"] == 0
    for identifier in ("Crestmoor", "CRESTMOOR", "Tamsin", "TAMSIN", "7357143", "753-6631", "04/10/1968"):
        assert identifier not in text


def test_the_graph_ends_in_a_release_that_passed_its_gates_but_awaits_certification(pipeline_run):
    from releases import Catalog

    event = pipeline_run.instance.get_latest_materialization_event(dg.AssetKey(["release", "finetune_dataset"]))
    metadata = event.asset_materialization.metadata
    info = Catalog(root=pipeline_run.home / "releases").show(metadata["name"].value, metadata["version"].value)
    assert info.manifest["counts"]["train"] >= 10
    assert not [c for c in pipeline_run.outcome.failed_checks if c[0] == "release/finetune_dataset"]
    with _store(pipeline_run) as store:
        assert store.execute("SELECT count(*) FROM certifications").fetchone()[0] == 0
