"""The DuckDB corpus store and its hash-chained audit log: every write to the store goes here.

Schema: ``audit/sql/*.sql`` (applied in order by ``audit.schema``), described in docs/schema.md;
compliance queries: docs/compliance-queries.md; threat model of the log: docs/schema.md.

Public API (the pipeline and the release builder call these)::

    with CorpusStore.open(path=None, actor="cardiocorpus") as store:   # $CARDIOCORPUS_HOME/corpus.duckdb
        store.record_sources(run_id, asset, [SourceDocument(content_sha256, kind, location,
                                                            patient_key, received_at)])
        store.record_deidentified(run_id, asset, [DeidentifiedDocument(doc_id, source_sha256, patient_key,
                                                                       kind, text, metadata)],
                                  policy_version, policy_sha256, engine_versions: dict,
                                  detections: dict[str, int])
        store.record_tables(run_id, asset, {"patients": polars.DataFrame, ...}, source_sha256,
                            keys: dict[str, list[str]] | None = None)
        store.record_mentions(run_id, asset, [{"doc_id", "start", "end", "text", "system", "code",
                                               "display", "cui", "score", "negated", ...}],
                              terminology_versions: dict)
        store.record_quarantine(run_id, asset, [QuarantineItem(location, sha256, stage, reason)])
        store.record_release(run_id, name, version, manifest: dict, member_doc_ids: list[str])
        store.record_certification(name, version, by, checks: dict)
        store.record_pull(name, version, by, destination)
        store.snapshot() -> Path                       # snapshots/<ts>/ next to the store
        store.query(sql, params=None) -> list[tuple]   # one SELECT, always rolled back
        store.documents(run_id=None, kind=None, patient_key=None) -> list[dict]
        store.verify() -> VerificationReport

    verify_store(path=None, anchor_file=None) -> VerificationReport(ok, events_checked, first_broken,
                                                                   rows_checked, anchor, seconds)
    open_snapshot(directory) -> duckdb connection (tables + compliance views, hashes checked)
    verify_snapshot(directory) -> VerificationReport

Every ``record_*`` is one transaction and returns the ids of the audit events vouching for
what was passed (sorted ``list[int]``): a new event for new rows, the existing events for
content already stored (idempotent by content hash, or by declared key for clinical tables).
When nothing is new, nothing is written and only the old ids come back. Derived rows need
their inputs recorded first (de-identified documents and clinical tables their sources, mentions
their documents, releases their members): lineage is checked inside the same transaction. Pulls are never
deduplicated: every pull is an access. Releases are immutable (another manifest for the same
name and version is refused).

What it does NOT do: it never receives raw content (only hashes and locations), cannot tell
PHI from text (callers pass de-identified text and PHI-free reasons and metadata), and does
not stop someone with write access to the file from editing it: it makes edits detectable
(``verify``), see the threat model in docs/schema.md.

May import: ``cardiocorpus.settings`` (the home folder) and nothing else of cardiocorpus.
"""

from audit.records import (BrokenEvent, DeidentifiedDocument, QuarantineItem, SourceDocument,
                           VerificationReport)
from audit.snapshot import open_snapshot, verify_snapshot
from audit.store import CorpusStore
from audit.verify import verify_store

__all__ = ["BrokenEvent", "CorpusStore", "DeidentifiedDocument", "QuarantineItem", "SourceDocument",
           "VerificationReport", "open_snapshot", "verify_snapshot", "verify_store"]
