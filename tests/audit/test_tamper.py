"""Tampering with the store file directly (as someone with write access could) is detected and located.

The fixture store's events: 1 ingest, 2 deidentify, 3-4 normalize, 5 extract_mentions,
6 quarantine, 7 release, 8 certify, 9 pull.
"""

from __future__ import annotations

import duckdb
import pytest

from audit.chain import anchor_path, event_hash, CHAINED_FIELDS
from audit.verify import verify_store
from cardiocorpus.cli import main



def tamper(path, *statements):
    connection = duckdb.connect(str(path))
    try:
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


def rehash_from(path, first_id: int) -> None:
    """Recompute every hash from ``first_id`` on, as a careful forger would."""
    connection = duckdb.connect(str(path))
    try:
        columns = [d[0] for d in connection.execute("SELECT * FROM audit_events LIMIT 0").description]
        rows = [dict(zip(columns, r)) for r in connection.execute("SELECT * FROM audit_events ORDER BY event_id").fetchall()]
        previous = rows[first_id - 2]["event_hash"] if first_id > 1 else "0" * 64
        for row in rows[first_id - 1:]:
            row["prev_hash"] = previous
            previous = event_hash({name: row[name] for name in CHAINED_FIELDS})
            connection.execute("UPDATE audit_events SET prev_hash = ?, event_hash = ? WHERE event_id = ?",
                               [row["prev_hash"], previous, row["event_id"]])
    finally:
        connection.close()


def broken(path):
    report = verify_store(path)
    assert not report.ok
    return report.first_broken


def test_an_intact_store_verifies(store_path):
    report = verify_store(store_path)
    assert report.ok, report.first_broken
    assert report.events_checked == 9
    assert report.rows_checked == 4 + 3 + 4 + 2 + 2 + 1 + 3 + 1 + 1
    assert report.anchor == "checked"


def test_edited_event_is_located(store_path):
    tamper(store_path, "UPDATE audit_events SET actor = 'someone else' WHERE event_id = 4")
    found = broken(store_path)
    assert (found.event_id, found.action) == (4, "normalize")
    assert "edited" in found.problem


def test_edited_and_rehashed_event_breaks_the_next_link(store_path):
    tamper(store_path, "UPDATE audit_events SET details = '{}' WHERE event_id = 4")
    connection = duckdb.connect(str(store_path))
    row = connection.execute("SELECT * FROM audit_events WHERE event_id = 4").fetchone()
    columns = [d[0] for d in connection.description]
    connection.execute("UPDATE audit_events SET event_hash = ? WHERE event_id = 4",
                       [event_hash({n: v for n, v in zip(columns, row) if n in CHAINED_FIELDS})])
    connection.close()
    found = broken(store_path)
    assert found.event_id == 5 and "hash of event 4" in found.problem


def test_deleted_event_is_located(store_path):
    tamper(store_path, "DELETE FROM audit_events WHERE event_id = 5")
    found = broken(store_path)
    assert found.event_id == 5 and "not in the log" in found.problem


def test_deleted_event_and_its_rows_are_located(store_path):
    tamper(store_path, "DELETE FROM concept_mentions WHERE event_id = 5", "DELETE FROM audit_events WHERE event_id = 5")
    found = broken(store_path)
    assert found.event_id == 6 and "out of sequence" in found.problem


def test_inserted_event_is_located(store_path):
    tamper(store_path,
           "CREATE TABLE original AS SELECT * FROM audit_events",
           "DELETE FROM audit_events",
           "INSERT INTO audit_events SELECT * REPLACE (CASE WHEN event_id >= 5 THEN event_id + 1 ELSE event_id END "
           "AS event_id) FROM original",
           "DROP TABLE original")
    connection = duckdb.connect(str(store_path))
    previous = connection.execute("SELECT event_hash FROM audit_events WHERE event_id = 4").fetchone()[0]
    forged = {"event_id": 5, "recorded_at": connection.execute("SELECT recorded_at FROM audit_events "
                                                               "WHERE event_id = 4").fetchone()[0],
              "actor": "test", "action": "ingest", "run_id": "run-1", "asset": "raw/notes", "subject_ids": "[]",
              "input_sha256": None, "output_sha256": None, "policy_sha256": None, "rows_sha256": None,
              "details": "{}", "prev_hash": previous}
    forged["event_hash"] = event_hash(forged)
    connection.execute(f"INSERT INTO audit_events ({', '.join(forged)}) VALUES ({', '.join('?' * len(forged))})",
                       list(forged.values()))
    connection.close()
    found = broken(store_path)
    assert found.event_id == 5, found


def test_reordered_events_are_located(store_path):
    tamper(store_path, "UPDATE audit_events SET event_id = -1 WHERE event_id = 6",
           "UPDATE audit_events SET event_id = 6 WHERE event_id = 7",
           "UPDATE audit_events SET event_id = 7 WHERE event_id = -1")
    found = broken(store_path)
    assert found.event_id == 6 and "prev_hash" in found.problem


def test_truncated_log_is_located_through_the_head_anchor(store_path):
    tamper(store_path, "DELETE FROM access_log", "DELETE FROM certifications",
           "DELETE FROM audit_events WHERE event_id >= 8")
    found = broken(store_path)
    assert found.event_id == 8 and "truncated" in found.problem


def test_truncation_without_the_anchor_cannot_pass(store_path):
    tamper(store_path, "DELETE FROM access_log", "DELETE FROM audit_events WHERE event_id = 9")
    anchor_path(store_path).unlink()
    report = verify_store(store_path)
    assert not report.ok and report.anchor == "missing"
    assert "anchor" in report.first_broken.problem


def test_a_rewritten_chain_is_caught_by_the_anchor(store_path):
    tamper(store_path, "UPDATE audit_events SET actor = 'someone else' WHERE event_id = 3")
    rehash_from(store_path, 3)
    found = broken(store_path)
    assert found.event_id == 9 and "head anchor" in found.problem


def test_edited_deidentified_text_is_located_at_its_event(store_path):
    tamper(store_path, "UPDATE deidentified_documents SET text = 'Seen by Dr Oswin Tark.' WHERE doc_id = 'doc-1'")
    found = broken(store_path)
    assert (found.event_id, found.action) == (2, "deidentify")
    assert "doc-1" in found.problem and "text" in found.problem


def test_edited_text_with_its_hash_still_breaks_the_event(store_path):
    tamper(store_path, "UPDATE deidentified_documents SET text = 'x', text_sha256 = sha256('x') WHERE doc_id = 'doc-1'")
    found = broken(store_path)
    assert found.event_id == 2 and "digest" in found.problem


@pytest.mark.parametrize("statement, event_id", [
    ("DELETE FROM source_documents WHERE location LIKE '%note-1.txt'", 1),
    ("UPDATE clinical_conditions SET code = '0000' WHERE id = 'cond-0'", 3),
    ("INSERT INTO quarantine SELECT * REPLACE ('forged' AS quarantine_id) FROM quarantine LIMIT 1", 6),
    ("UPDATE release_members SET text_sha256 = sha256('other') WHERE doc_id = 'doc-2'", 7),
    ("UPDATE access_log SET pulled_by = 'nobody'", 9),
])
def test_edited_rows_are_located_at_the_event_vouching_for_them(store_path, statement, event_id):
    tamper(store_path, statement)
    found = broken(store_path)
    assert found.event_id == event_id, found


def test_rows_naming_an_unknown_event_are_found(store_path):
    tamper(store_path, "INSERT INTO quarantine SELECT * REPLACE ('forged' AS quarantine_id, 99 AS event_id) "
                       "FROM quarantine LIMIT 1")
    found = broken(store_path)
    assert found.event_id == 99 and "not in the log" in found.problem


def test_cli_verify_exit_codes(store_path, capsys):
    assert main(["audit", "verify", "--db", str(store_path)]) == 0
    tamper(store_path, "UPDATE audit_events SET run_id = 'run-x' WHERE event_id = 7")
    assert main(["audit", "verify", "--db", str(store_path)]) == 1
    assert "broken at event 7 (release)" in capsys.readouterr().err
