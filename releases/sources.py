"""Everything the release reads from the corpus store, in one place, sorted so builds are reproducible.

Only ``CorpusStore.query`` is used (read-only). Each document is taken at its newest
de-identified version, the one ``record_release`` pins; mentions are kept only where they
still point at their text in that version. Clinical tables are read whole, by column name,
because their exact columns belong to the FHIR adapter.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from audit import CorpusStore

_DOCUMENT_COLUMNS = ("doc_id", "text_sha256", "source_sha256", "patient_key", "kind", "text", "metadata",
                     "policy_version", "policy_sha256", "engine_versions", "event_id")
_MENTION_COLUMNS = ("doc_id", "start", "end", "text", "system", "code", "display", "cui", "negated",
                    "historical", "family", "hypothetical", "uncertain", "terminology_versions", "event_id")
_SKIPPED_CLINICAL_COLUMNS = {"codings", "text"}   # nested codings and de-identified text live elsewhere


@dataclass
class CorpusInputs:
    documents: list[dict]
    mentions: dict[str, list[dict]]                       # doc_id -> mentions, by offset
    clinical: dict[str, list[dict]] = field(default_factory=dict)   # table name -> rows
    terminology_versions: dict = field(default_factory=dict)


def to_day(value) -> date | None:
    """A stored (shifted) time as a UTC calendar day; naive values are taken as UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return (value.astimezone(timezone.utc) if value.tzinfo else value).date()
    if isinstance(value, date):
        return value
    return None


def sort_time(value) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.min


def read_inputs(store: CorpusStore) -> CorpusInputs:
    rows = store.query(
        f"SELECT {', '.join(_DOCUMENT_COLUMNS)} FROM (SELECT *, row_number() OVER "
        "(PARTITION BY doc_id ORDER BY event_id DESC, text_sha256) AS newest FROM deidentified_documents) "
        "WHERE newest = 1 ORDER BY doc_id")
    documents = []
    for row in rows:
        record = dict(zip(_DOCUMENT_COLUMNS, row))
        record["metadata"] = json.loads(record["metadata"])
        record["engine_versions"] = json.loads(record["engine_versions"])
        documents.append(record)
    texts = {d["doc_id"]: d["text"] for d in documents}
    mentions: dict[str, list[dict]] = {}
    versions: dict = {}
    quoted = ", ".join(f'"{c}"' for c in _MENTION_COLUMNS)
    for row in store.query(f"SELECT {quoted} FROM concept_mentions ORDER BY doc_id, start, \"end\", system, code"):
        mention = dict(zip(_MENTION_COLUMNS, row))
        text = texts.get(mention["doc_id"])
        if text is None or text[mention["start"]:mention["end"]] != mention["text"]:
            continue   # a mention of an older version of the text
        versions.update(json.loads(mention.pop("terminology_versions")))
        mentions.setdefault(mention["doc_id"], []).append(mention)
    return CorpusInputs(documents, mentions, _clinical_tables(store), dict(sorted(versions.items())))


def _clinical_tables(store: CorpusStore) -> dict[str, list[dict]]:
    tables: dict[str, list[dict]] = {}
    for (name,) in store.query("SELECT table_name FROM clinical_tables ORDER BY table_name"):
        columns = [c for (c,) in store.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [f"clinical_{name}"]) if c not in _SKIPPED_CLINICAL_COLUMNS]
        if not columns:
            continue
        quoted = ", ".join(f'"{c}"' for c in columns)
        order = ", ".join(f'"{c}"' for c in columns if c in ("patient_key", "id", "component")) or "1"
        tables[name] = [dict(zip(columns, row))
                        for row in store.query(f'SELECT {quoted} FROM "clinical_{name}" ORDER BY {order}')]
    return tables
