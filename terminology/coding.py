"""Validation and enrichment of one FHIR Coding against the concept store.

``valid`` is about the code's form (SNOMED CT Verhoeff check digit and partition, LOINC
mod-10 check digit, ICD-10-CM membership in the FY2026 release, RxNorm digits); ``known``
about the store; ``active`` about the release the store was built from (a concept a loaded
release marks inactive stays known, with ``active=False``). A valid code the store does not
hold is reported as unknown, never guessed at: with only the open seed loaded most of
SNOMED CT is "unknown", and ``reason`` says so.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import polars as pl

from terminology.checkdigits import icd10cm_valid, loinc_valid, rxcui_valid, sctid_valid
from terminology.normalize import normalize_term
from terminology.store import ConceptStore, canonical_code

SYSTEM_URIS = {
    "http://snomed.info/sct": "SNOMED",
    "http://loinc.org": "LOINC",
    "http://hl7.org/fhir/sid/icd-10-cm": "ICD10CM",
    "http://www.nlm.nih.gov/research/umls/rxnorm": "RXNORM",
}
_VALIDATORS = {"SNOMED": sctid_valid, "LOINC": loinc_valid, "ICD10CM": icd10cm_valid, "RXNORM": rxcui_valid}


@dataclass
class CodingAnnotation:
    system_uri: str
    system: str | None          # SNOMED / LOINC / ICD10CM / RXNORM, None for other systems
    code: str
    valid: bool | None          # None: a system we cannot validate
    known: bool
    active: bool | None         # None when unknown
    preferred_term: str | None = None
    cui: str | None = None
    category: str | None = None
    display_matches: bool | None = None  # the Coding's display equals one of the concept's terms
    cross_maps: list[dict] = field(default_factory=list)
    reason: str | None = None   # why a code is invalid / unknown / inactive

    def to_json(self) -> dict:
        return asdict(self)


def annotate_coding(system_uri: str, code: str, display: str | None = None,
                    store: ConceptStore | None = None) -> CodingAnnotation:
    system = SYSTEM_URIS.get((system_uri or "").rstrip("/"))
    code = (code or "").strip()
    if system is None:
        return CodingAnnotation(system_uri, None, code, None, False, None, reason="system not handled")
    code = canonical_code(system, code)
    valid = _VALIDATORS[system](code)
    if not valid:
        return CodingAnnotation(system_uri, system, code, False, False, None,
                                reason=f"invalid {system} code (format or check digit)")
    store = store or ConceptStore.default()
    concept = store.lookup_code(system, code)
    if concept is None:
        return CodingAnnotation(system_uri, system, code, True, False, None,
                                reason=f"not in the concept store ({store.versions.get('store', 'unversioned')})")
    maps = [{"system": s, "code": c, "source": source} for s, c, source in store.cross_maps_of(system, code)]
    cui = concept.cui or next((m["code"] for m in maps if m["system"] == "UMLS"), None)
    matches = None
    if display:
        wanted = normalize_term(display)
        matches = any(c.code == concept.code and c.system == system for c in store.lookup_term(display)) \
            or wanted == normalize_term(concept.preferred_term)
    return CodingAnnotation(system_uri, system, code, True, True, concept.active, concept.preferred_term, cui,
                            concept.category, matches, maps,
                            reason=None if concept.active else "inactive in the loaded release")


def annotate_table_codings(tables: dict, store: ConceptStore | None = None) -> pl.DataFrame:
    """One row per distinct coding in flattened FHIR tables (columns ``system``, ``code``, ``display``
    and optionally ``codings``), validated and annotated by :func:`annotate_coding`."""
    store = store or ConceptStore.default()
    seen: dict[tuple, dict] = {}
    for name, frame in sorted(tables.items()):
        if not {"system", "code"} <= set(frame.columns):
            continue
        columns = ["system", "code", "display"] + (["codings"] if "codings" in frame.columns else [])
        for row in frame.select(columns).iter_rows(named=True):
            for coding in row.get("codings") or [row]:
                system, code = coding.get("system"), coding.get("code")
                if not system or not code or (name, system, code) in seen:
                    continue
                note = annotate_coding(system, code, coding.get("display"), store=store)
                seen[(name, system, code)] = {
                    "source_table": name, "system_uri": system, "code": code, "system": note.system,
                    "valid": note.valid, "known": note.known, "active": note.active,
                    "preferred_term": note.preferred_term, "cui": note.cui, "category": note.category,
                    "display_matches": note.display_matches, "reason": note.reason,
                    "cross_maps": json.dumps(note.cross_maps, sort_keys=True)}
    schema = {"source_table": pl.String, "system_uri": pl.String, "code": pl.String, "system": pl.String,
              "valid": pl.Boolean, "known": pl.Boolean, "active": pl.Boolean, "preferred_term": pl.String,
              "cui": pl.String, "category": pl.String, "display_matches": pl.Boolean, "reason": pl.String,
              "cross_maps": pl.String}
    return pl.DataFrame(list(seen.values()), schema=schema)
