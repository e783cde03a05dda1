"""Fixture stores for the audit tests: every table populated with invented, already
de-identified content (no engine needed), built fresh per test in a temporary folder."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from audit.records import DeidentifiedDocument, QuarantineItem, SourceDocument
from audit.store import CorpusStore

POLICY_SHA = hashlib.sha256(b"policy default 1.0 (test)").hexdigest()
ENGINE_VERSIONS = {"engine": "test-0", "model": "none"}
RELEASE = ("cardiology-notes", "2026.12.0")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sources(n: int = 3, prefix: str = "note") -> list[SourceDocument]:
    return [SourceDocument(sha(f"{prefix} raw content {i}"), "note", f"landing/notes/{prefix}-{i}.txt",
                           f"pk-{i % 2}", datetime(2026, 11, 2, 9, i)) for i in range(n)]


def deidentified(srcs: list[SourceDocument]) -> list[DeidentifiedDocument]:
    return [DeidentifiedDocument(f"doc-{i}", s.content_sha256, s.patient_key, "note",
                                 f"[PERSON] seen for AF with LVEF 35% on day {i}.", {"chars": 40 + i})
            for i, s in enumerate(srcs)]


def bundle_sources(*names: str) -> list[SourceDocument]:
    """FHIR bundles as delivered (the clinical tables' sources)."""
    return [SourceDocument(sha(name), "fhir_bundle", f"landing/fhir/{name.replace(' ', '-')}.json", None,
                           datetime(2026, 11, 2, 8, 0)) for name in names]


def patients_frame() -> pl.DataFrame:
    return pl.DataFrame({"id": ["pat-0", "pat-1"], "patient_key": ["pk-0", "pk-1"],
                         "gender": ["female", "male"], "birth_year": [1948, 1961]})


def conditions_frame() -> pl.DataFrame:
    return pl.DataFrame({"id": ["cond-0", "cond-1"], "patient_key": ["pk-0", "pk-1"],
                         "system": ["http://snomed.info/sct"] * 2, "code": ["49436004", "84114007"],
                         "display": ["Atrial fibrillation", "Heart failure"],
                         "onset": [datetime(2019, 5, 1), datetime(2020, 7, 9)]})


def mentions() -> list[dict]:
    return [{"doc_id": "doc-0", "start": 13, "end": 15, "text": "AF", "system": "SNOMED", "code": "49436004",
             "display": "Atrial fibrillation", "cui": "C0004238", "score": 0.97, "negated": False},
            {"doc_id": "doc-1", "start": 21, "end": 25, "text": "LVEF", "system": "LOINC", "code": "10230-1",
             "negated": False, "historical": True}]


def populate(store: CorpusStore) -> None:
    """One of every unit of work, in pipeline order."""
    srcs = sources()
    store.record_sources("run-1", "raw/deliveries", srcs + bundle_sources("bundle 0"))
    store.record_deidentified("run-1", "deid/clinical_notes", deidentified(srcs), "1.0", POLICY_SHA,
                              ENGINE_VERSIONS, {"PERSON": 3, "DATE": 1})
    store.record_tables("run-1", "normalized/fhir_tables",
                        {"patients": patients_frame(), "conditions": conditions_frame()}, sha("bundle 0"))
    store.record_mentions("run-1", "normalized/mentions", mentions(), {"SNOMED": "2026-09", "LOINC": "2.80"})
    store.record_quarantine("run-1", "raw/notes", [
        QuarantineItem("landing/notes/broken.txt", sha("broken"), "read", "line 3: not UTF-8"),
        QuarantineItem("landing/fhir/b7.json", sha("b7"), "validate", "Patient/pseudo-7: birthDate missing")])
    store.record_release("run-2", *RELEASE, {"format": "jsonl", "documents": 3}, ["doc-0", "doc-1", "doc-2"])
    store.record_certification(*RELEASE, "steward-a", {"residual_phi": "pass", "dedup": True})
    store.record_pull(*RELEASE, "trainer-b", "s3://training/cardiology-notes")


@pytest.fixture
def store_path(tmp_path) -> Path:
    """A populated, closed store: tests may open it, or tamper with the file directly."""
    path = tmp_path / "corpus.duckdb"
    with CorpusStore.open(path, actor="test") as store:
        populate(store)
    return path
