"""The audit chain's canonical serialization, in Python (the writer) and in SQL (the verifier).

An event's hash is sha256 over ``"cardiocorpus-audit-v1"`` followed by every chained field in
``CHAINED_FIELDS`` order, each written as ``<byte length>:<UTF-8 value>`` (``~`` for NULL).
Length prefixes make the serialization unambiguous without escaping. The two implementations
must agree byte for byte; tests/audit/test_chain.py checks them against each other.

The head anchor is a sidecar file next to the database (``corpus.duckdb.head``) holding the
event count and the last event's hash after every commit: truncating the log (deleting its
newest events) leaves a valid chain, and only something kept outside the table can show it.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timezone
from pathlib import Path

VERSION_TAG = "cardiocorpus-audit-v1"
GENESIS_HASH = "0" * 64
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
CHAINED_FIELDS = ("event_id", "recorded_at", "actor", "action", "run_id", "asset", "subject_ids",
                  "input_sha256", "output_sha256", "policy_sha256", "rows_sha256", "details", "prev_hash")


def canonical_json(value) -> str:
    """The one JSON spelling stored in the log: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256_file(path) -> str:
    """A file's sha256, read in 1 MB blocks (snapshots and releases are large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _field_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime(TIME_FORMAT)
    return str(value)


def serialize_event(event: dict) -> str:
    """The canonical serialization of an event (a dict with every field of CHAINED_FIELDS)."""
    parts = [VERSION_TAG]
    for name in CHAINED_FIELDS:
        text = _field_text(event[name])
        parts.append("~" if text is None else f"{len(text.encode('utf-8'))}:{text}")
    return "".join(parts)


def event_hash(event: dict) -> str:
    return sha256_text(serialize_event(event))


def _sql_field(name: str) -> str:
    column = f'"{name}"'
    if name == "recorded_at":
        text = f"strftime({column}, '{TIME_FORMAT}')"
    elif name == "event_id":
        text = f"CAST({column} AS VARCHAR)"
    else:
        text = column
    return f"CASE WHEN {text} IS NULL THEN '~' ELSE CAST(strlen({text}) AS VARCHAR) || ':' || {text} END"


# The same serialization as a DuckDB expression over an audit_events row.
EVENT_HASH_SQL = "sha256('" + VERSION_TAG + "' || " + " || ".join(_sql_field(n) for n in CHAINED_FIELDS) + ")"


def anchor_path(db_path: Path) -> Path:
    return Path(str(db_path) + ".head")


def write_anchor(db_path: Path, events: int, head_hash: str) -> None:
    """Replace the sidecar atomically: a crash leaves the old anchor (behind, never ahead)."""
    path = anchor_path(db_path)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(canonical_json({"events": events, "head_hash": head_hash}) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def read_anchor(path: Path) -> dict | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return {"events": int(data["events"]), "head_hash": str(data["head_hash"])}


def utc_now() -> datetime:
    """Now in UTC, naive (the store's TIMESTAMP columns are UTC by convention)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
