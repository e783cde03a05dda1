"""AuditLog: the only code that appends to ``audit_events`` (CorpusStore is its only caller).

An event is appended inside the caller's transaction, after the rows it vouches for, so the
rows and their event commit or vanish together. Its id is the next integer after the head,
which is safe because the store has a single writer (DuckDB's rule, and CorpusStore's).
"""

from __future__ import annotations

from audit.chain import GENESIS_HASH, canonical_json, event_hash, utc_now
from audit.tables import rows_digest_sql

ACTIONS = ("ingest", "deidentify", "normalize", "extract_mentions", "quarantine",
           "release", "certify", "pull", "snapshot")


class AuditLog:
    def __init__(self, connection, actor: str):
        self._connection = connection
        self.actor = actor

    def head(self) -> tuple[int, str]:
        """(last event id, its hash); (0, genesis) for an empty log."""
        row = self._connection.execute(
            "SELECT event_id, event_hash FROM audit_events ORDER BY event_id DESC LIMIT 1").fetchone()
        return (0, GENESIS_HASH) if row is None else (int(row[0]), row[1])

    def next_id(self) -> int:
        return self.head()[0] + 1

    def append(self, event_id: int, action: str, *, run_id: str | None = None, asset: str | None = None,
               subject_ids=(), input_sha256: str | None = None, output_sha256: str | None = None,
               policy_sha256: str | None = None, details: dict | None = None,
               vouched_tables: list[str] = ()) -> int:
        """Append event ``event_id`` (from ``next_id()``), vouching for its rows in ``vouched_tables``."""
        if action not in ACTIONS:
            raise ValueError(f"unknown audit action {action!r}; one of {', '.join(ACTIONS)}")
        last_id, prev_hash = self.head()
        if event_id != last_id + 1:
            raise RuntimeError(f"audit event {event_id} is not next after {last_id}: another writer?")
        rows_sha256 = None
        if vouched_tables:
            found = self._connection.execute(
                rows_digest_sql(list(vouched_tables), "WHERE event_id = $event_id"), {"event_id": event_id}).fetchone()
            rows_sha256 = found[2] if found else None
        event = {"event_id": event_id, "recorded_at": utc_now(), "actor": self.actor, "action": action,
                 "run_id": run_id, "asset": asset, "subject_ids": canonical_json(sorted({s for s in subject_ids if s})),
                 "input_sha256": input_sha256, "output_sha256": output_sha256, "policy_sha256": policy_sha256,
                 "rows_sha256": rows_sha256, "details": canonical_json(details or {}), "prev_hash": prev_hash}
        event["event_hash"] = event_hash(event)
        columns = ", ".join(event)
        self._connection.execute(f"INSERT INTO audit_events ({columns}) VALUES ({', '.join('?' * len(event))})",
                                 list(event.values()))
        return event_id
