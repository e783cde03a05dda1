"""The quality gates, computed from the release files and the store so build and certification agree.

Blocking: ``files_intact`` (every file matches the manifest, none added), ``residual_phi``
(every member document has ``metadata.residual_identifiers`` recorded as 0 and the
``deidentify`` audit event vouching for it), ``patient_overlap`` (no patient in two splits,
recomputed from the lineage file and the store), ``format_valid`` (cookbook checks, minimum
count, token limit), ``audit_chain`` (``store.verify()``). Details are counts, never text.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from audit import CorpusStore
from releases.files import MANIFEST, file_entry, read_jsonl
from releases.format_checks import format_errors
from releases.records import CheckOutcome
from releases.tokens import example_tokens

SPLITS = ("train", "validation")


def files_intact(directory: Path, manifest: dict) -> CheckOutcome:
    listed = manifest.get("files", {})
    present = {p.name for p in directory.iterdir() if p.is_file() and p.name != MANIFEST}
    missing = sorted(set(listed) - present)
    unlisted = sorted(present - set(listed))
    differing = sorted(name for name in set(listed) & present
                       if file_entry(directory / name, None)["sha256"] != listed[name]["sha256"])
    return CheckOutcome(not (missing or unlisted or differing), True,
                        {"files": len(listed), "missing": missing, "unlisted": unlisted, "hash_mismatch": differing})


def residual_phi(store: CorpusStore, members: dict[str, str], require_count: bool = True) -> CheckOutcome:
    """``members``: doc_id -> the released text_sha256."""
    rows = store.query(
        "SELECT d.doc_id, d.metadata, e.action FROM deidentified_documents d "
        "JOIN (SELECT unnest($ids) AS doc_id, unnest($shas) AS text_sha256) m "
        "ON d.doc_id = m.doc_id AND d.text_sha256 = m.text_sha256 "
        "LEFT JOIN audit_events e ON e.event_id = d.event_id ORDER BY d.doc_id",
        {"ids": list(members), "shas": [members[d] for d in members]})
    found = {doc for doc, _, _ in rows}
    with_residual = unchecked = without_event = 0
    for _, metadata, action in rows:
        count = json.loads(metadata).get("residual_identifiers")
        if count is None:
            unchecked += 1
        elif int(count) != 0:
            with_residual += 1
        if action != "deidentify":
            without_event += 1
    missing = len(set(members) - found)
    passed = not (with_residual or without_event or missing or (require_count and unchecked))
    return CheckOutcome(passed, True, {"members": len(members), "with_residual_identifiers": with_residual,
                                       "residual_count_not_recorded": unchecked,
                                       "without_deidentify_event": without_event, "not_in_store": missing})


def _patients_of(store: CorpusStore, doc_ids: set[str], rows: dict[str, set[str]]) -> dict:
    patients: dict = {}
    if doc_ids:
        for doc, patient in store.query(
                "SELECT DISTINCT doc_id, patient_key FROM deidentified_documents WHERE doc_id IN (SELECT unnest($ids))",
                {"ids": sorted(doc_ids)}):
            patients[("doc", doc)] = patient
    tables = {name for (name,) in store.query("SELECT table_name FROM clinical_tables")}
    for table, ids in rows.items():
        if table not in tables:
            continue
        for row_id, patient in store.query(
                f'SELECT DISTINCT CAST(id AS VARCHAR), patient_key FROM "clinical_{table}" '
                "WHERE CAST(id AS VARCHAR) IN (SELECT unnest($ids))", {"ids": sorted(ids)}):
            patients[(table, row_id)] = patient
    return patients


def patient_overlap(store: CorpusStore, directory: Path) -> CheckOutcome:
    """Which split each patient's examples (and corpus documents, as training) are in, from the store."""
    lineage = read_jsonl(directory / "lineage.jsonl")
    corpus = [r["id"] for r in read_jsonl(directory / "corpus.jsonl") if isinstance(r, dict)]
    doc_ids = set(corpus)
    rows: dict[str, set[str]] = defaultdict(set)
    for entry in lineage:
        doc_ids.update(entry.get("doc_ids", []))
        for table, row_id in entry.get("clinical_rows", []):
            rows[table].add(str(row_id))
    patients = _patients_of(store, doc_ids, rows)
    splits_of: dict[str, set[str]] = defaultdict(set)
    unresolved = 0
    for entry in lineage:
        keys = [("doc", d) for d in entry.get("doc_ids", [])] + [tuple(r) for r in entry.get("clinical_rows", [])]
        if any(k not in patients for k in keys) or not keys:
            unresolved += 1
        for k in keys:
            if patients.get(k):
                splits_of[patients[k]].add(entry["split"])
    for doc in corpus:
        if patients.get(("doc", doc)):
            splits_of[patients[("doc", doc)]].add("train")
    overlapping = sum(1 for s in splits_of.values() if len(s) > 1)
    return CheckOutcome(overlapping == 0 and unresolved == 0, True,
                        {"patients": len(splits_of), "patients_in_both_splits": overlapping,
                         "examples_without_lineage_in_store": unresolved})


def format_valid(directory: Path, gates: dict) -> CheckOutcome:
    details: dict = {}
    errors: dict = {}
    over_limit = 0
    limit = int(gates.get("max_tokens_per_example", 16385))
    for split in SPLITS:
        records = read_jsonl(directory / f"{split}.jsonl")
        details[f"{split}_examples"] = len(records)
        for kind, n in format_errors(records).items():
            errors[kind] = errors.get(kind, 0) + n
        over_limit += sum(1 for r in records if isinstance(r, dict) and isinstance(r.get("messages"), list)
                          and all(isinstance(m, dict) for m in r["messages"])
                          and example_tokens(r["messages"]) > limit)
    minimum = int(gates.get("min_train_examples", 10))
    details.update({"errors": dict(sorted(errors.items())), "over_token_limit": over_limit,
                    "min_train_examples": minimum, "max_tokens_per_example": limit})
    return CheckOutcome(not errors and not over_limit and details["train_examples"] >= minimum, True, details)


def audit_chain(store: CorpusStore) -> CheckOutcome:
    report = store.verify()
    broken = report.first_broken.event_id if report.first_broken else None
    return CheckOutcome(report.ok, True, {"events_checked": report.events_checked, "first_broken_event": broken})


def blocking_checks(store: CorpusStore, directory: Path, manifest: dict, members: dict[str, str],
                    gates: dict) -> dict[str, CheckOutcome]:
    return {"files_intact": files_intact(directory, manifest),
            "residual_phi": residual_phi(store, members, bool(gates.get("require_residual_count", True))),
            "patient_overlap": patient_overlap(store, directory),
            "format_valid": format_valid(directory, gates),
            "audit_chain": audit_chain(store)}
