"""Verification of the audit log and of the rows its events vouch for, vectorized in DuckDB SQL.

Four checks, each one query over the whole table, so a million events take seconds:
1. chain: ids run 1..n without gaps, each prev_hash is the previous event's hash, each hash
   matches the event's canonical serialization (audit/chain.py);
2. anchor: the head anchor kept outside the table (sidecar file, or a snapshot's manifest)
   names an event that exists and has that hash, which is how truncation shows;
3. rows: per event, the digest of the rows carrying its id equals the rows_sha256 it recorded,
   and no row names an event that is not in the log or that wrote no rows;
4. texts: every de-identified text hashes to its text_sha256.
The first broken event is the lowest event id any check reports.
"""

from __future__ import annotations

import time
from pathlib import Path

from audit.chain import EVENT_HASH_SQL, GENESIS_HASH, anchor_path, read_anchor
from audit.records import BrokenEvent, VerificationReport
from audit.schema import open_connection
from audit.tables import rows_digest_sql, vouched_tables

# Three narrow scans rather than one wide one: hashing dominates, the windows stay cheap.
_SEQUENCE_SQL = """
SELECT event_id, action, 'event id out of sequence (expected ' || position
       || '): events before it were deleted or inserted'
FROM (SELECT event_id, action, row_number() OVER (ORDER BY event_id) AS position FROM audit_events)
WHERE event_id <> position ORDER BY event_id LIMIT 1
"""
_LINK_SQL = f"""
SELECT event_id, action, 'prev_hash does not match the hash of event '
       || coalesce(CAST(previous_id AS VARCHAR), '0 (genesis)')
       || ': an event was deleted, inserted, reordered, or edited and rehashed'
FROM (SELECT event_id, action, prev_hash, lag(event_id) OVER (ORDER BY event_id) AS previous_id,
             coalesce(lag(event_hash) OVER (ORDER BY event_id), '{GENESIS_HASH}') AS previous_hash
      FROM audit_events)
WHERE prev_hash <> previous_hash ORDER BY event_id LIMIT 1
"""
_HASH_SQL = f"""
SELECT event_id, action, 'hash does not match the event''s content: the event was edited'
FROM audit_events WHERE {EVENT_HASH_SQL} <> event_hash ORDER BY event_id LIMIT 1
"""


def _rows_sql(tables: list[str]) -> str:
    return f"""
WITH actual AS ({rows_digest_sql(tables)})
SELECT coalesce(e.event_id, a.event_id) AS event_id, e.action, CASE
    WHEN e.event_id IS NULL THEN a.rows || ' rows name this event id, which is not in the log'
    WHEN e.rows_sha256 IS NULL THEN a.rows || ' rows name this event, which recorded writing none'
    WHEN a.event_id IS NULL THEN 'the rows this event wrote are gone (deleted)'
    ELSE 'its rows do not match the digest it recorded: rows edited, added or deleted' END AS problem
FROM audit_events e FULL OUTER JOIN actual a ON a.event_id = e.event_id
WHERE e.event_id IS NULL OR (e.rows_sha256 IS NULL AND a.event_id IS NOT NULL)
   OR (e.rows_sha256 IS NOT NULL AND a.rows_sha256 IS DISTINCT FROM e.rows_sha256)
ORDER BY 1 LIMIT 1
"""


_TEXT_SQL = """
SELECT d.event_id, e.action, 'the text of de-identified document ' || d.doc_id
       || ' does not match its text_sha256: the text was edited'
FROM deidentified_documents d LEFT JOIN audit_events e USING (event_id)
WHERE sha256(d.text) <> d.text_sha256
ORDER BY d.event_id LIMIT 1
"""


def _anchor_problem(connection, anchor: dict | None, events: int, last_id: int) -> tuple[BrokenEvent | None, str]:
    if anchor is None:
        if events == 0:
            return None, "empty log"
        return BrokenEvent(last_id, None, "no head anchor: truncation of the log cannot be ruled out"), "missing"
    if anchor["events"] > events:
        return BrokenEvent(events + 1, None, f"log truncated: the head anchor records {anchor['events']} events, "
                                             f"the log holds {events}"), "checked"
    row = connection.execute("SELECT action, event_hash FROM audit_events WHERE event_id = ?",
                             [anchor["events"]]).fetchone()
    if row is None or row[1] != anchor["head_hash"]:
        return BrokenEvent(anchor["events"], row[0] if row else None,
                           "does not match the head anchor's hash: the log was rewritten up to here"), "checked"
    behind = events - anchor["events"]
    return None, "checked" if behind == 0 else f"checked up to event {anchor['events']} ({behind} newer events " \
                                               "unanchored: a writer stopped between commit and anchor update)"


def verify_connection(connection, anchor_file: Path | None = None, anchor: dict | None = None) -> VerificationReport:
    """Verify the store open on ``connection`` against ``anchor`` (or the sidecar ``anchor_file``)."""
    started = time.perf_counter()
    events, last_id = connection.execute("SELECT count(*), coalesce(max(event_id), 0) FROM audit_events").fetchone()
    if anchor is None and anchor_file is not None:
        anchor = read_anchor(anchor_file)
    tables = vouched_tables(connection)
    rows_checked = connection.execute(
        "SELECT " + " + ".join(f"(SELECT count(*) FROM {t})" for t in tables)).fetchone()[0]
    found = [BrokenEvent(*row) for sql in (_SEQUENCE_SQL, _LINK_SQL, _HASH_SQL, _TEXT_SQL, _rows_sql(tables))
             if (row := connection.execute(sql).fetchone())]
    anchor_broken, anchor_status = _anchor_problem(connection, anchor, events, last_id)
    if anchor_broken:
        found.append(anchor_broken)
    first = min(found, key=lambda b: b.event_id) if found else None
    return VerificationReport(ok=first is None, events_checked=int(events), first_broken=first,
                              rows_checked=int(rows_checked), anchor=anchor_status,
                              seconds=time.perf_counter() - started)


def verify_store(path: str | Path | None = None, anchor_file: str | Path | None = None) -> VerificationReport:
    """Open the store read-only (no writer may hold it) and verify it; see the module docstring."""
    if path is None:
        from audit.store import default_path

        path = default_path()
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no corpus store at {path}")
    connection = open_connection(str(path), read_only=True)
    try:
        return verify_connection(connection, Path(anchor_file) if anchor_file else anchor_path(path))
    finally:
        connection.close()
