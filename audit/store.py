"""CorpusStore: the single write path to the DuckDB corpus store.

Every ``record_*`` method is one unit of work: one transaction that inserts the rows not yet
present (idempotent by content hash or declared key) and appends the audit event(s) vouching
for them. A failure anywhere rolls the whole unit back, so a stage leaves no partial rows.
Python rows reach DuckDB through a Parquet file written by polars (``_staged``): DuckDB's
``executemany`` is slow, and it keeps one typed path for every table.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from audit.chain import anchor_path, canonical_json, sha256_text, utc_now, write_anchor
from audit.log import AuditLog
from audit.records import DeidentifiedDocument, QuarantineItem, SourceDocument, VerificationReport
from audit.schema import migrate, open_connection
from audit.snapshot import write_snapshot
from audit.tables import CLINICAL_LINEAGE_COLUMNS, CLINICAL_TABLES, clinical_table
from audit.verify import verify_connection

log = logging.getLogger(__name__)
DB_NAME = "corpus.duckdb"
_READ_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


def default_path() -> Path:
    from cardiocorpus.settings import home

    return home() / DB_NAME


def _digest_of(values) -> str:
    """sha256 over sorted values, one a line: the hash of a batch, independent of its order."""
    return sha256_text("\n".join(sorted(values)))


def _is_sha256(value) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def _check_sha256(value, what: str) -> None:
    if not _is_sha256(value):
        raise ValueError(f"{what}: not a lower-case hex sha256")


class CorpusStore:
    """The corpus store; use ``with CorpusStore.open() as store:``."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path, actor: str):
        self._connection = connection
        self.path = path
        self.actor = actor
        self._log = AuditLog(connection, actor)

    @classmethod
    def open(cls, path: str | Path | None = None, actor: str = "cardiocorpus") -> "CorpusStore":
        """Open (creating and migrating) the store; one writer process at a time."""
        path = Path(path) if path is not None else default_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f".{path.name}.staging-*"):
            shutil.rmtree(stale, ignore_errors=True)  # left by a killed writer
        connection = open_connection(str(path))
        try:
            migrate(connection)
        except Exception:
            connection.close()
            raise
        return cls(connection, path, actor)

    def __enter__(self) -> "CorpusStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._connection.close()

    # ----------------------------------------------------------------- units of work

    @contextmanager
    def _unit_of_work(self):
        """One transaction; the head anchor is rewritten only after the commit succeeded."""
        staging = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.staging-", dir=self.path.parent))
        self._connection.begin()
        try:
            yield staging
            self._connection.commit()
        except BaseException:
            self._connection.rollback()
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        events, head_hash = self._log.head()
        if events:
            write_anchor(self.path, events, head_hash)

    def _staged(self, staging: Path, name: str, frame: pl.DataFrame) -> str:
        """Write ``frame`` as Parquet and return a ``read_parquet(...)`` expression for it."""
        file = staging / f"{name}.parquet"
        frame.write_parquet(file)
        return "read_parquet('" + str(file).replace("'", "''") + "')"

    def _insert_new(self, table: str, source: str, key: list[str]) -> int:
        """Insert the staged rows whose key is not in ``table`` yet; returns how many."""
        match = " AND ".join(f't."{k}" IS NOT DISTINCT FROM s."{k}"' for k in key)
        inserted = self._connection.execute(
            f'INSERT INTO "{table}" BY NAME SELECT * FROM {source} AS s '
            f'WHERE NOT EXISTS (SELECT 1 FROM "{table}" AS t WHERE {match})').fetchone()
        return int(inserted[0])

    def _events_for(self, table: str, key_sql: str, values: list[str]) -> list[int]:
        """The events vouching for the rows of ``table`` whose ``key_sql`` is one of ``values``."""
        if not values:
            return []
        rows = self._connection.execute(
            f'SELECT DISTINCT event_id FROM "{table}" WHERE {key_sql} IN (SELECT unnest($values))',
            {"values": list(values)}).fetchall()
        return sorted(int(r[0]) for r in rows)

    # ----------------------------------------------------------------- writes

    def record_sources(self, run_id: str, asset: str, sources: list[SourceDocument]) -> list[int]:
        """Record raw inputs by hash and location; returns the events vouching for all of them."""
        unique: dict[str, SourceDocument] = {}
        for index, source in enumerate(sources):
            _check_sha256(source.content_sha256, f"{asset}: source {index} content_sha256")
            unique.setdefault(source.content_sha256, source)
        if not unique:
            return []
        with self._unit_of_work() as staging:
            event_id = self._log.next_id()
            frame = pl.DataFrame(
                [{"content_sha256": s.content_sha256, "kind": s.kind, "location": s.location,
                  "patient_key": s.patient_key, "received_at": s.received_at, "event_id": event_id}
                 for s in unique.values()],
                schema={"content_sha256": pl.String, "kind": pl.String, "location": pl.String,
                        "patient_key": pl.String, "received_at": pl.Datetime("us"), "event_id": pl.Int64})
            new = self._insert_new("source_documents", self._staged(staging, "sources", frame), ["content_sha256"])
            if new:
                rows = self._connection.execute(
                    "SELECT kind, patient_key FROM source_documents WHERE event_id = ?", [event_id]).fetchall()
                self._log.append(
                    event_id, "ingest", run_id=run_id, asset=asset, subject_ids=[p for _, p in rows if p],
                    input_sha256=_digest_of(unique), vouched_tables=["source_documents"],
                    details={"sources": new, "skipped_existing": len(unique) - new,
                             "by_kind": dict(Counter(kind for kind, _ in rows))})
            return self._events_for("source_documents", "content_sha256", list(unique))

    def record_deidentified(self, run_id: str, asset: str, documents: list[DeidentifiedDocument],
                            policy_version: str, policy_sha256: str, engine_versions: dict,
                            detections: dict[str, int]) -> list[int]:
        """Record de-identified texts (their sources must be recorded); ``detections``: counts by entity type."""
        _check_sha256(policy_sha256, f"{asset}: policy_sha256")
        counts = {str(label): int(n) for label, n in detections.items()}
        unique: dict[tuple[str, str], DeidentifiedDocument] = {}
        for index, document in enumerate(documents):
            _check_sha256(document.source_sha256, f"{asset}: document {index} ({document.doc_id}) source_sha256")
            unique.setdefault((document.doc_id, sha256_text(document.text)), document)
        if not unique:
            return []
        with self._unit_of_work() as staging:
            event_id = self._log.next_id()
            frame = pl.DataFrame(
                [{"doc_id": d.doc_id, "text_sha256": text_sha, "source_sha256": d.source_sha256,
                  "patient_key": d.patient_key, "kind": d.kind, "text": d.text,
                  "metadata": canonical_json(d.metadata), "policy_version": policy_version,
                  "policy_sha256": policy_sha256, "engine_versions": canonical_json(engine_versions),
                  "run_id": run_id, "event_id": event_id} for (_, text_sha), d in unique.items()],
                schema={name: pl.String for name in ("doc_id", "text_sha256", "source_sha256", "patient_key", "kind",
                                                     "text", "metadata", "policy_version", "policy_sha256",
                                                     "engine_versions", "run_id")} | {"event_id": pl.Int64})
            new = self._insert_new("deidentified_documents", self._staged(staging, "deidentified", frame),
                                   ["doc_id", "text_sha256"])
            if new:
                orphans = self._connection.execute(
                    "SELECT doc_id FROM deidentified_documents d WHERE event_id = ? AND NOT EXISTS "
                    "(SELECT 1 FROM source_documents s WHERE s.content_sha256 = d.source_sha256) "
                    "ORDER BY doc_id", [event_id]).fetchall()
                if orphans:
                    raise ValueError(f"{asset}: {len(orphans)} de-identified documents name a source that is not "
                                     f"recorded (record_sources first), e.g. document {orphans[0][0]}")
                rows = self._connection.execute(
                    "SELECT doc_id, text_sha256, source_sha256, patient_key, kind FROM deidentified_documents "
                    "WHERE event_id = ?", [event_id]).fetchall()
                self._log.append(
                    event_id, "deidentify", run_id=run_id, asset=asset, subject_ids=[r[3] for r in rows if r[3]],
                    input_sha256=_digest_of({r[2] for r in rows}),
                    output_sha256=_digest_of(f"{r[0]}:{r[1]}" for r in rows), policy_sha256=policy_sha256,
                    vouched_tables=["deidentified_documents"],
                    details={"documents": new, "skipped_existing": len(unique) - new, "detections": counts,
                             "by_kind": dict(Counter(r[4] for r in rows)), "policy_version": policy_version,
                             "engine_versions": engine_versions})
            return self._events_for("deidentified_documents", "doc_id || ':' || text_sha256",
                                    [f"{doc_id}:{text_sha}" for doc_id, text_sha in unique])

    def record_tables(self, run_id: str, asset: str, tables: dict[str, pl.DataFrame], source_sha256: str,
                      keys: dict[str, list[str]] | None = None) -> list[int]:
        """Store clinical frames as ``clinical_<name>`` (one normalize event per table), new keys only.

        The source (bundle or NDJSON file) must be recorded. A table's key is ``keys[name]``, else
        the declared key in ``audit.tables.CLINICAL_TABLES``.
        The first frame of a name fixes the table's columns; a later frame must have the same ones.
        """
        _check_sha256(source_sha256, f"{asset}: source_sha256")
        keys = keys or {}
        events: list[int] = []
        with self._unit_of_work() as staging:
            if tables and not self._connection.execute(
                    "SELECT 1 FROM source_documents WHERE content_sha256 = ?", [source_sha256]).fetchone():
                raise ValueError(f"{asset}: the tables' source is not recorded (record_sources first)")
            for name, frame in sorted(tables.items()):
                table = clinical_table(name)
                key = keys.get(name) or CLINICAL_TABLES.get(name, (None,))[0]
                if not key:
                    raise ValueError(f"{asset}: table {name} has no declared key; pass keys={{'{name}': [...]}}")
                missing = [k for k in key if k not in frame.columns]
                clashing = [c for c in CLINICAL_LINEAGE_COLUMNS if c in frame.columns]
                if missing or clashing:
                    raise ValueError(f"{asset}: table {name}: key columns missing {missing}, "
                                     f"reserved columns present {clashing}")
                frame = frame.unique(maintain_order=True)
                if frame.select(key).is_duplicated().any():
                    raise ValueError(f"{asset}: table {name}: {int(frame.select(key).is_duplicated().sum())} rows "
                                     f"share a key {key} with different values")
                event_id = self._log.next_id()
                frame = frame.with_columns(pl.lit(source_sha256).alias("source_sha256"),
                                           pl.lit(event_id, dtype=pl.Int64).alias("event_id"))
                source = self._staged(staging, table, frame)
                self._ensure_clinical_table(name, table, source, key, asset)
                new = self._insert_new(table, source, key)
                if new:
                    subjects = []
                    if "patient_key" in frame.columns:
                        subjects = [r[0] for r in self._connection.execute(
                            f'SELECT DISTINCT patient_key FROM "{table}" WHERE event_id = ? AND patient_key IS NOT NULL',
                            [event_id]).fetchall()]
                    self._log.append(event_id, "normalize", run_id=run_id, asset=asset, subject_ids=subjects,
                                     input_sha256=source_sha256, vouched_tables=[table],
                                     details={"table": name, "rows": new, "skipped_existing": frame.height - new})
                    events.append(event_id)
        return events

    def _ensure_clinical_table(self, name: str, table: str, source: str, key: list[str], asset: str) -> None:
        columns = [[c, t] for c, t, *_ in self._connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
        known = self._connection.execute(
            "SELECT columns FROM clinical_tables WHERE table_name = ?", [name]).fetchone()
        if known is None:
            self._connection.execute(f'CREATE TABLE "{table}" AS SELECT * FROM {source} LIMIT 0')
            self._connection.execute("INSERT INTO clinical_tables VALUES (?, ?, ?)",
                                     [name, canonical_json(key), canonical_json(columns)])
            return
        expected = json.loads(known[0])
        if expected != columns:
            differing = sorted({c for c, _ in expected} ^ {c for c, _ in columns}) or \
                sorted(c for (c, t), (_, u) in zip(expected, columns) if t != u)
            raise ValueError(f"{asset}: table {name} has other columns than the stored {table} "
                             f"(differing: {differing}); add a migration for a schema change")

    def record_mentions(self, run_id: str, asset: str, mentions: list[dict], terminology_versions: dict) -> list[int]:
        """Record concept mentions of de-identified documents (``doc_id`` or ``id``, start, end, text, ...)."""
        rows: dict[str, dict] = {}
        for index, mention in enumerate(mentions):
            doc_id = mention.get("doc_id", mention.get("id"))
            missing = [f for f in ("start", "end", "text") if mention.get(f) is None] + ([] if doc_id else ["doc_id"])
            if missing:
                raise ValueError(f"{asset}: mention {index} lacks {', '.join(missing)}")
            mention_id = sha256_text(canonical_json([doc_id, mention["start"], mention["end"],
                                                     mention.get("system"), mention.get("code")]))
            rows.setdefault(mention_id, {
                "mention_id": mention_id, "doc_id": str(doc_id), "start": int(mention["start"]),
                "end": int(mention["end"]), "text": str(mention["text"]),
                **{f: mention.get(f) for f in ("system", "code", "display", "cui")},
                "score": None if mention.get("score") is None else float(mention["score"]),
                **{f: None if mention.get(f) is None else bool(mention[f])
                   for f in ("negated", "historical", "family", "hypothetical", "uncertain")},
                "terminology_versions": canonical_json(terminology_versions), "run_id": run_id})
        if not rows:
            return []
        with self._unit_of_work() as staging:
            event_id = self._log.next_id()
            schema = {"mention_id": pl.String, "doc_id": pl.String, "start": pl.Int32, "end": pl.Int32,
                      "text": pl.String, "system": pl.String, "code": pl.String, "display": pl.String,
                      "cui": pl.String, "score": pl.Float64, "negated": pl.Boolean, "historical": pl.Boolean,
                      "family": pl.Boolean, "hypothetical": pl.Boolean, "uncertain": pl.Boolean,
                      "terminology_versions": pl.String, "run_id": pl.String, "event_id": pl.Int64}
            frame = pl.DataFrame([r | {"event_id": event_id} for r in rows.values()], schema=schema)
            new = self._insert_new("concept_mentions", self._staged(staging, "mentions", frame), ["mention_id"])
            if new:
                unknown = self._connection.execute(
                    "SELECT DISTINCT doc_id FROM concept_mentions m WHERE event_id = ? AND NOT EXISTS "
                    "(SELECT 1 FROM deidentified_documents d WHERE d.doc_id = m.doc_id) ORDER BY doc_id",
                    [event_id]).fetchall()
                if unknown:
                    raise ValueError(f"{asset}: mentions of {len(unknown)} documents not in the store, "
                                     f"e.g. document {unknown[0][0]}")
                stored = self._connection.execute(
                    "SELECT coalesce(system, 'none'), negated, doc_id FROM concept_mentions WHERE event_id = ?",
                    [event_id]).fetchall()
                self._log.append(event_id, "extract_mentions", run_id=run_id, asset=asset,
                                 input_sha256=_digest_of({r[2] for r in stored}), vouched_tables=["concept_mentions"],
                                 details={"mentions": new, "skipped_existing": len(rows) - new,
                                          "by_system": dict(Counter(r[0] for r in stored)),
                                          "negated": sum(1 for r in stored if r[1]),
                                          "terminology_versions": terminology_versions})
            return self._events_for("concept_mentions", "mention_id", list(rows))

    def record_quarantine(self, run_id: str, asset: str, items: list[QuarantineItem]) -> list[int]:
        """Record refused inputs; the event counts them by stage (reasons stay in the table)."""
        rows: dict[str, dict] = {}
        for index, item in enumerate(items):
            _check_sha256(item.sha256, f"{asset}: quarantine item {index} sha256")
            quarantine_id = sha256_text(canonical_json([item.location, item.sha256, item.stage, item.reason]))
            rows.setdefault(quarantine_id, {"quarantine_id": quarantine_id, "location": item.location,
                                            "input_sha256": item.sha256, "stage": item.stage,
                                            "reason": item.reason, "run_id": run_id, "asset": asset})
        if not rows:
            return []
        with self._unit_of_work() as staging:
            event_id = self._log.next_id()
            frame = pl.DataFrame([r | {"event_id": event_id} for r in rows.values()],
                                 schema={c: pl.String for c in next(iter(rows.values()))} | {"event_id": pl.Int64})
            new = self._insert_new("quarantine", self._staged(staging, "quarantine", frame), ["quarantine_id"])
            if new:
                stored = self._connection.execute(
                    "SELECT stage, input_sha256 FROM quarantine WHERE event_id = ?", [event_id]).fetchall()
                self._log.append(event_id, "quarantine", run_id=run_id, asset=asset,
                                 input_sha256=_digest_of({r[1] for r in stored}), vouched_tables=["quarantine"],
                                 details={"items": new, "skipped_existing": len(rows) - new,
                                          "by_stage": dict(Counter(r[0] for r in stored))})
            return self._events_for("quarantine", "quarantine_id", list(rows))

    def record_release(self, run_id: str, name: str, version: str, manifest: dict,
                       member_doc_ids: list[str]) -> list[int]:
        """Record an immutable release: each member pinned to its newest de-identified version."""
        manifest_json = canonical_json(manifest)
        manifest_sha256 = sha256_text(manifest_json)
        members = sorted(set(member_doc_ids))
        with self._unit_of_work() as staging:
            existing = self._connection.execute(
                "SELECT manifest_sha256, event_id FROM releases WHERE name = ? AND version = ?",
                [name, version]).fetchone()
            if existing:
                stored_members = [r[0] for r in self._connection.execute(
                    "SELECT doc_id FROM release_members WHERE name = ? AND version = ? ORDER BY doc_id",
                    [name, version]).fetchall()]
                if existing[0] != manifest_sha256 or stored_members != members:
                    raise ValueError(f"release {name} {version} is already recorded with another manifest or "
                                     "members; releases are immutable, record a new version")
                return [int(existing[1])]
            event_id = self._log.next_id()
            pinned = self._connection.execute(
                "SELECT doc_id, arg_max(text_sha256, event_id) FROM deidentified_documents "
                "WHERE doc_id IN (SELECT unnest($ids)) GROUP BY doc_id", {"ids": members}).fetchall()
            unknown = sorted(set(members) - {doc for doc, _ in pinned})
            if unknown:
                raise ValueError(f"release {name} {version}: {len(unknown)} member documents are not in the store, "
                                 f"e.g. document {unknown[0]}")
            self._connection.execute("INSERT INTO releases VALUES (?, ?, ?, ?, ?, ?)",
                                     [name, version, manifest_json, manifest_sha256, run_id, event_id])
            frame = pl.DataFrame({"name": [name] * len(pinned), "version": [version] * len(pinned),
                                  "doc_id": [d for d, _ in pinned], "text_sha256": [t for _, t in pinned],
                                  "event_id": [event_id] * len(pinned)},
                                 schema={"name": pl.String, "version": pl.String, "doc_id": pl.String,
                                         "text_sha256": pl.String, "event_id": pl.Int64})
            self._insert_new("release_members", self._staged(staging, "members", frame), ["name", "version", "doc_id"])
            return [self._log.append(event_id, "release", run_id=run_id, asset=f"release/{name}",
                                     input_sha256=_digest_of(f"{d}:{t}" for d, t in pinned),
                                     output_sha256=manifest_sha256, vouched_tables=["releases", "release_members"],
                                     details={"members": len(pinned), "version": version})]

    def _require_release(self, name: str, version: str) -> None:
        if not self._connection.execute("SELECT 1 FROM releases WHERE name = ? AND version = ?",
                                        [name, version]).fetchone():
            raise ValueError(f"release {name} {version} is not recorded")

    def record_certification(self, name: str, version: str, by: str, checks: dict) -> list[int]:
        """Record a certification of a release; it passes when every check is true or "pass"."""
        checks_json = canonical_json(checks)
        checks_sha256 = sha256_text(checks_json)
        failed = sorted(str(check) for check, result in checks.items() if not _check_passed(result))
        with self._unit_of_work():
            self._require_release(name, version)
            existing = self._connection.execute(
                "SELECT event_id FROM certifications WHERE name = ? AND version = ? AND checks_sha256 = ?",
                [name, version, checks_sha256]).fetchone()
            if existing:
                return [int(existing[0])]
            event_id = self._log.next_id()
            self._connection.execute("INSERT INTO certifications VALUES (?, ?, ?, ?, ?, ?, ?)",
                                     [name, version, by, checks_json, checks_sha256, not failed, event_id])
            return [self._log.append(event_id, "certify", asset=f"release/{name}", output_sha256=checks_sha256,
                                     vouched_tables=["certifications"],
                                     details={"version": version, "checks": len(checks), "passed": not failed,
                                              "failed_checks": failed})]

    def record_pull(self, name: str, version: str, by: str, destination: str) -> list[int]:
        """Record that ``by`` pulled a release to ``destination``; every pull is logged (no deduplication)."""
        with self._unit_of_work():
            self._require_release(name, version)
            event_id = self._log.next_id()
            pulled_at = utc_now()
            pull_id = sha256_text(canonical_json([name, version, by, destination, pulled_at.isoformat(), event_id]))
            self._connection.execute("INSERT INTO access_log VALUES (?, ?, ?, ?, ?, ?, ?)",
                                     [pull_id, name, version, by, destination, pulled_at, event_id])
            return [self._log.append(event_id, "pull", asset=f"release/{name}", output_sha256=pull_id,
                                     vouched_tables=["access_log"], details={"version": version})]

    def snapshot(self) -> Path:
        """Parquet copies of every table (with sha256) in ``<store folder>/snapshots/<ts>/``, logged."""
        with self._unit_of_work():
            directory, manifest_sha256, details = write_snapshot(self._connection, self.path.parent / "snapshots",
                                                                 self._log.head())
            self._log.append(self._log.next_id(), "snapshot", asset="corpus/snapshot",
                             output_sha256=manifest_sha256, details=details)
        return directory

    # ----------------------------------------------------------------- reads

    def query(self, sql: str, params=None) -> list[tuple]:
        """Run one read-only statement (SELECT, WITH, EXPLAIN) and return its rows."""
        statements = duckdb.extract_statements(sql)
        if len(statements) != 1 or statements[0].type not in _READ_STATEMENTS:
            raise PermissionError("CorpusStore.query runs exactly one SELECT statement; writes go through record_*")
        self._connection.begin()
        try:
            return self._connection.execute(sql, params).fetchall() if params is not None \
                else self._connection.execute(sql).fetchall()
        finally:
            self._connection.rollback()

    def documents(self, run_id: str | None = None, kind: str | None = None,
                  patient_key: str | None = None) -> list[dict]:
        """De-identified documents (every stored version), filtered by run, kind or patient."""
        columns = ["doc_id", "text_sha256", "source_sha256", "patient_key", "kind", "text", "metadata",
                   "policy_version", "policy_sha256", "engine_versions", "run_id", "event_id"]
        rows = self.query(
            f"SELECT {', '.join(columns)} FROM deidentified_documents WHERE ($run_id IS NULL OR run_id = $run_id) "
            "AND ($kind IS NULL OR kind = $kind) AND ($patient_key IS NULL OR patient_key = $patient_key) "
            "ORDER BY doc_id, event_id", {"run_id": run_id, "kind": kind, "patient_key": patient_key})
        documents = []
        for row in rows:
            record = dict(zip(columns, row))
            record["metadata"] = json.loads(record["metadata"])
            record["engine_versions"] = json.loads(record["engine_versions"])
            documents.append(record)
        return documents

    def verify(self) -> VerificationReport:
        return verify_connection(self._connection, anchor_path(self.path))


def _check_passed(result) -> bool:
    if isinstance(result, dict):
        result = result.get("passed", result.get("ok", False))
    if isinstance(result, str):
        return result.lower() in ("pass", "passed", "ok")
    return result is True
