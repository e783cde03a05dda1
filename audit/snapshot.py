"""Parquet snapshots of the store, and reading one back: how auditors read without the writer.

DuckDB admits one writer and no concurrent readers of the same file from other processes, so
readers get a snapshot: every table as Parquet (DuckDB's own writer), its sha256 and row count
in ``manifest.json`` with the log's head at snapshot time. ``open_snapshot`` checks every
file's hash, then serves the tables (and the compliance views) from an in-memory DuckDB;
``verify_snapshot`` runs the full verification with the manifest's head as the anchor.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from audit.chain import canonical_json, sha256_file, sha256_text, utc_now
from audit.records import VerificationReport

MANIFEST = "manifest.json"


def _tables(connection) -> list[str]:
    return [r[0] for r in connection.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]


def write_snapshot(connection, snapshots: Path, head: tuple[int, str]) -> tuple[Path, str, dict]:
    """Write the snapshot; returns its folder, the manifest's sha256 and the event's details (counts)."""
    stamp = utc_now().strftime("%Y%m%dT%H%M%S%fZ")
    directory = snapshots / stamp
    directory.mkdir(parents=True, exist_ok=False)
    tables = {}
    for table in _tables(connection):
        file = directory / f"{table}.parquet"
        columns = [r[0] for r in connection.execute(f'DESCRIBE "{table}"').fetchall()]
        order = " ORDER BY event_id" if "event_id" in columns else ""
        connection.execute(f"COPY (SELECT * FROM \"{table}\"{order}) TO '{file}' (FORMAT PARQUET)")
        rows = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        tables[table] = {"file": file.name, "rows": int(rows), "sha256": sha256_file(file)}
    manifest = {"created_at": stamp, "head_event_id": head[0], "head_hash": head[1], "tables": tables}
    text = canonical_json(manifest)
    (directory / MANIFEST).write_text(text + "\n", encoding="utf-8")
    details = {"snapshot": stamp, "tables": len(tables), "rows": sum(t["rows"] for t in tables.values()),
               "head_event_id": head[0]}
    return directory, sha256_text(text + "\n"), details


class SnapshotError(RuntimeError):
    pass


def read_manifest(directory: Path) -> dict:
    return json.loads((Path(directory) / MANIFEST).read_text(encoding="utf-8"))


def open_snapshot(directory: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose tables are the snapshot's files (hashes checked) plus the views."""
    from audit.schema import migration_files, open_connection

    directory = Path(directory)
    manifest = read_manifest(directory)
    connection = open_connection()
    for table, entry in manifest["tables"].items():
        file = directory / entry["file"]
        if sha256_file(file) != entry["sha256"]:
            raise SnapshotError(f"snapshot {directory.name}: {entry['file']} does not match its sha256 in the manifest")
        connection.execute(f"CREATE TABLE \"{table}\" AS SELECT * FROM read_parquet('{file}')")
    for name, sql in migration_files():
        if name.endswith("_views.sql"):  # convention: view-only files end in _views.sql
            connection.execute(sql)
    return connection


def verify_snapshot(directory: str | Path) -> VerificationReport:
    """Verify a snapshot as a store, its manifest's head serving as the anchor."""
    from audit.verify import verify_connection

    manifest = read_manifest(directory)
    connection = open_snapshot(directory)
    try:
        anchor = {"events": manifest["head_event_id"], "head_hash": manifest["head_hash"]}
        return verify_connection(connection, anchor=anchor if anchor["events"] else None)
    finally:
        connection.close()
