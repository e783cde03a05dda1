"""Units of work: idempotent, all-or-nothing, one writer; reads and snapshots."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import duckdb
import polars as pl
import pytest

from audit.records import DeidentifiedDocument, QuarantineItem, SourceDocument
from audit.snapshot import SnapshotError, open_snapshot, read_manifest, verify_snapshot
from audit.store import CorpusStore
from audit.chain import anchor_path
from audit.verify import verify_connection, verify_store
from tests.audit.conftest import (ENGINE_VERSIONS, bundle_sources, POLICY_SHA, RELEASE, conditions_frame, deidentified, mentions,
                                  patients_frame, populate, sha, sources)

CONTENT_TABLES = ("source_documents", "deidentified_documents", "concept_mentions", "quarantine", "releases",
                  "release_members", "certifications", "access_log", "clinical_patients", "clinical_conditions")


def counts(store) -> dict[str, int]:
    tables = [t for (t,) in store.query("SELECT table_name FROM information_schema.tables "
                                        "WHERE table_type = 'BASE TABLE'")]
    return {t: store.query(f"SELECT count(*) FROM {t}")[0][0] for t in tables if t != "schema_migrations"}


def test_everything_twice_adds_nothing_but_the_new_pull(store_path):
    with CorpusStore.open(store_path) as store:
        before = counts(store)
        populate(store)
        after = counts(store)
        assert store.verify().ok
    assert after.pop("access_log") == before.pop("access_log") + 1   # every pull is an access
    assert after.pop("audit_events") == before.pop("audit_events") + 1
    assert after == before


def test_reingest_returns_the_events_already_vouching(tmp_path):
    with CorpusStore.open(tmp_path / "c.duckdb") as store:
        first = store.record_sources("run-1", "raw/notes", sources(3))
        again = store.record_sources("run-2", "raw/notes", sources(3))
        more = store.record_sources("run-2", "raw/notes", sources(4))
        assert first == again == [1]
        assert more == [1, 2]
        details = json.loads(store.query("SELECT details FROM audit_events WHERE event_id = 2")[0][0])
        assert details == {"by_kind": {"note": 1}, "skipped_existing": 3, "sources": 1}
        assert store.query("SELECT count(*) FROM source_documents")[0][0] == 4


def test_a_new_text_for_a_document_is_a_new_version(tmp_path):
    with CorpusStore.open(tmp_path / "c.duckdb") as store:
        srcs = sources(1)
        store.record_sources("run-1", "raw/notes", srcs)
        document = deidentified(srcs)[0]
        store.record_deidentified("run-1", "deid/clinical_notes", [document], "1.0", POLICY_SHA, ENGINE_VERSIONS, {})
        changed = DeidentifiedDocument(**{**document.__dict__, "text": document.text + " [DATE]"})
        store.record_deidentified("run-2", "deid/clinical_notes", [changed], "1.1", POLICY_SHA, ENGINE_VERSIONS, {})
        assert [d["policy_version"] for d in store.documents()] == ["1.0", "1.1"]
        assert [d["run_id"] for d in store.documents(run_id="run-2")] == ["run-2"]


def test_a_failing_stage_leaves_no_partial_rows(tmp_path):
    with CorpusStore.open(tmp_path / "c.duckdb") as store:
        srcs = sources(2)
        store.record_sources("run-1", "raw/notes", srcs[:1])   # the second source is never recorded
        before = counts(store)
        with pytest.raises(ValueError, match="record_sources first"):
            store.record_deidentified("run-1", "deid/clinical_notes", deidentified(srcs), "1.0", POLICY_SHA,
                                      ENGINE_VERSIONS, {"PERSON": 2})
        with pytest.raises(ValueError, match="not in the store"):
            store.record_mentions("run-1", "normalized/mentions", mentions(), {})
        with pytest.raises(ValueError, match="no declared key"):
            store.record_tables("run-1", "normalized/fhir_tables",
                                {"patients": patients_frame(), "vitals": pl.DataFrame({"x": [1]})},
                                srcs[0].content_sha256)   # patients is written first, then rolled back
        assert counts(store) == before
        assert store.query("SELECT count(*) FROM clinical_tables")[0][0] == 0
        assert store.verify().ok


def test_clinical_tables_keep_their_columns(tmp_path):
    with CorpusStore.open(tmp_path / "c.duckdb") as store:
        store.record_sources("run-1", "raw/fhir", bundle_sources("b1", "b2", "b3", "b4"))
        with pytest.raises(ValueError, match="source is not recorded"):
            store.record_tables("run-1", "t", {"patients": patients_frame()}, sha("b5"))
        assert store.record_tables("run-1", "t", {"patients": patients_frame()}, sha("b1")) == [2]
        assert store.record_tables("run-1", "t", {"patients": patients_frame()}, sha("b1")) == []
        with pytest.raises(ValueError, match=r"differing: \['zip3'\]"):
            store.record_tables("run-1", "t", {"patients": patients_frame().with_columns(zip3=pl.lit("021"))},
                                sha("b2"))
        with pytest.raises(ValueError, match="share a key"):
            store.record_tables("run-1", "t", {"conditions": pl.concat([
                conditions_frame(), conditions_frame().with_columns(code=pl.lit("x"))])}, sha("b3"))
        assert store.record_tables("run-1", "t", {"observations": pl.DataFrame({"obs": ["o1"]})}, sha("b4"),
                                   keys={"observations": ["obs"]}) == [3]
        assert store.query("SELECT source_sha256, event_id FROM clinical_observations") == [(sha("b4"), 3)]


def test_bad_input_names_what_and_where(tmp_path):
    with CorpusStore.open(tmp_path / "c.duckdb") as store:
        with pytest.raises(ValueError, match="raw/notes: source 1 content_sha256"):
            store.record_sources("run-1", "raw/notes", [sources(1)[0], SourceDocument("abc", "note", "x")])
        with pytest.raises(ValueError, match="quarantine item 0 sha256"):
            store.record_quarantine("run-1", "raw/notes", [QuarantineItem("x", "nothex", "read", "r")])
        with pytest.raises(ValueError, match="mention 0 lacks end"):
            store.record_mentions("run-1", "m", [{"doc_id": "d", "start": 0, "text": "AF"}], {})


def test_releases_are_immutable_and_pulls_need_a_release(store_path):
    with CorpusStore.open(store_path) as store:
        with pytest.raises(ValueError, match="immutable"):
            store.record_release("run-3", *RELEASE, {"format": "parquet"}, ["doc-0"])
        with pytest.raises(ValueError, match="not recorded"):
            store.record_pull("cardiology-notes", "9.9", "trainer-b", "s3://x")
        with pytest.raises(ValueError, match="not in the store"):
            store.record_release("run-3", "other", "1", {}, ["doc-0", "doc-404"])
        failing = store.record_certification(*RELEASE, "steward-a", {"residual_phi": "fail", "dedup": True})
        details = json.loads(store.query("SELECT details FROM audit_events WHERE event_id = ?", failing)[0][0])
        assert details["passed"] is False and details["failed_checks"] == ["residual_phi"]


def test_query_is_read_only(store_path):
    with CorpusStore.open(store_path) as store:
        for statement in ("DELETE FROM audit_events", "SELECT 1; DELETE FROM audit_events",
                          "UPDATE quarantine SET reason = ''", "DROP TABLE access_log"):
            with pytest.raises(PermissionError):
                store.query(statement)
        assert store.query("SELECT count(*) FROM audit_events WHERE action = ?", ["normalize"]) == [(2,)]


def test_one_writer_at_a_time(store_path):
    reader = [sys.executable, "-c", f"import duckdb; duckdb.connect({str(store_path)!r}, read_only=True)"]
    with CorpusStore.open(store_path):
        locked = subprocess.run(reader, capture_output=True, text=True, timeout=60)
    assert locked.returncode != 0 and "lock" in locked.stderr.lower()
    assert subprocess.run(reader, capture_output=True, timeout=60).returncode == 0


def test_snapshot_copies_every_table_and_is_logged(store_path):
    with CorpusStore.open(store_path) as store:
        directory = store.snapshot()
        event = store.query("SELECT action, output_sha256, details FROM audit_events ORDER BY event_id DESC LIMIT 1")[0]
        assert store.verify().ok
    manifest = read_manifest(directory)
    assert event[0] == "snapshot" and json.loads(event[2])["snapshot"] == directory.name
    assert directory.parent == store_path.parent / "snapshots"
    assert set(CONTENT_TABLES) | {"audit_events", "clinical_tables", "schema_migrations"} == set(manifest["tables"])
    assert manifest["tables"]["audit_events"]["rows"] == manifest["head_event_id"] == 9
    snapshot = open_snapshot(directory)
    assert snapshot.execute("SELECT count(*) FROM compliance_release_lineage").fetchone()[0] == 3
    snapshot.close()
    assert verify_snapshot(directory).ok
    (directory / "quarantine.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(SnapshotError, match="quarantine.parquet does not match"):
        open_snapshot(directory)


def test_migrations_apply_once(store_path):
    with CorpusStore.open(store_path) as store:
        applied = store.query("SELECT name FROM schema_migrations ORDER BY name")
    assert [name for (name,) in applied] == ["001_corpus.sql", "002_compliance_views.sql"]


def test_zoned_times_hash_the_same_in_any_session_zone(tmp_path):
    path = tmp_path / "c.duckdb"
    frame = pl.DataFrame({"id": ["enc-0"], "patient_key": ["pk-0"],
                          "start": [datetime(2020, 3, 1, 8, 30, tzinfo=timezone(timedelta(hours=-5)))]})
    with CorpusStore.open(path) as store:
        store.record_sources("run-1", "raw/fhir", bundle_sources("bundle"))
        store.record_tables("run-1", "normalized/fhir_tables", {"encounters": frame}, sha("bundle"))
    elsewhere = duckdb.connect(str(path), read_only=True)
    elsewhere.execute("SET TimeZone = 'Asia/Tokyo'")   # without the pin, zoned times would hash differently
    assert not verify_connection(elsewhere, anchor_path(path)).ok
    elsewhere.close()
    assert verify_store(path).ok   # open_connection pins UTC
