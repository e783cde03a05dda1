"""How long `audit verify` takes on a store of N events (default 1 million), each vouching for one row.

Builds the store in bulk (the writer's per-unit transactions would take far longer than the
measurement): N source rows through Parquet, their per-event row digests from DuckDB, then the
hash chain in one Python loop with the writer's own serialization (audit.chain), and the head
anchor. Then times ``verify_store`` (chain, anchor, row digests, texts) and a tampered copy.

    .venv/bin/python benchmarks/audit_verify.py [--events 1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit.chain import GENESIS_HASH, canonical_json, event_hash, write_anchor  # noqa: E402
from audit.store import CorpusStore  # noqa: E402
from audit.tables import rows_digest_sql  # noqa: E402
from audit.verify import verify_store  # noqa: E402
from _common import write_result  # noqa: E402


def build(path: Path, events: int) -> float:
    started = time.perf_counter()
    CorpusStore.open(path, actor="benchmark").close()   # schema
    staging = path.parent / "staging"
    staging.mkdir()
    ids = pl.int_range(1, events + 1, eager=True, dtype=pl.Int64)
    pl.DataFrame({
        "content_sha256": ids.map_elements(lambda i: hashlib.sha256(f"raw {i}".encode()).hexdigest(),
                                           return_dtype=pl.String),
        "kind": "note", "location": ids.map_elements(lambda i: f"landing/notes/{i}.txt", return_dtype=pl.String),
        "patient_key": ids.map_elements(lambda i: f"pk-{i % 5000}", return_dtype=pl.String),
        "received_at": datetime(2026, 1, 1), "event_id": ids,
    }).write_parquet(staging / "sources.parquet")
    connection = duckdb.connect(str(path))
    connection.execute(f"INSERT INTO source_documents SELECT * FROM read_parquet('{staging}/sources.parquet')")
    digests = connection.execute(rows_digest_sql(["source_documents"]) + " ORDER BY event_id").fetchall()
    details = canonical_json({"by_kind": {"note": 1}, "skipped_existing": 0, "sources": 1})
    frame = pl.DataFrame({"event_id": [d[0] for d in digests], "rows_sha256": [d[2] for d in digests]})
    del digests
    frame = frame.with_columns(
        recorded_at=pl.lit(datetime(2026, 1, 1)) + pl.duration(milliseconds=pl.col("event_id")),
        actor=pl.lit("benchmark"), action=pl.lit("ingest"),
        run_id=pl.format("run-{}", pl.col("event_id") // 1000), asset=pl.lit("raw/notes"),
        subject_ids=pl.format('["pk-{}"]', pl.col("event_id") % 5000),
        input_sha256=pl.lit(None, dtype=pl.String), output_sha256=pl.lit(None, dtype=pl.String),
        policy_sha256=pl.lit(None, dtype=pl.String), details=pl.lit(details))
    previous, prev_hashes, hashes = GENESIS_HASH, [], []
    for event in frame.iter_rows(named=True):   # the chain is sequential: one tight loop
        prev_hashes.append(previous)
        event["prev_hash"] = previous
        previous = event_hash(event)
        hashes.append(previous)
    frame.with_columns(prev_hash=pl.Series(prev_hashes), event_hash=pl.Series(hashes)).write_parquet(
        staging / "events.parquet")
    connection.execute(f"INSERT INTO audit_events BY NAME SELECT * FROM read_parquet('{staging}/events.parquet')")
    connection.execute("CHECKPOINT")
    connection.close()
    shutil.rmtree(staging)
    write_anchor(path, events, previous)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="build the store here and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="audit-verify-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "corpus.duckdb"
    try:
        build_seconds = build(path, args.events)
        report = verify_store(path)
        assert report.ok, report.first_broken
        started = time.perf_counter()
        again = verify_store(path)
        verify_seconds = time.perf_counter() - started
        connection = duckdb.connect(str(path))
        middle = args.events // 2
        connection.execute("UPDATE audit_events SET actor = 'someone else' WHERE event_id = ?", [middle])
        connection.close()
        started = time.perf_counter()
        tampered = verify_store(path)
        tampered_seconds = time.perf_counter() - started
        assert not tampered.ok and tampered.first_broken.event_id == middle
        result = {"events": again.events_checked, "rows": again.rows_checked, "build_seconds": round(build_seconds, 1),
                  "verify_seconds": round(verify_seconds, 2), "verify_seconds_first_run": round(report.seconds, 2),
                  "tampered_verify_seconds": round(tampered_seconds, 2),
                  "tampered_first_broken": tampered.first_broken.event_id,
                  "events_per_second": round(again.events_checked / verify_seconds),
                  "store_mb": round(path.stat().st_size / 1e6, 1), "duckdb": duckdb.__version__}
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result, indent=2))
    print(f"written {write_result('audit_verify', result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
