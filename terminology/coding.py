"""Validation and enrichment of one FHIR Coding against the concept store.

``valid`` is about the code's form (SNOMED CT Verhoeff check digit and partition, LOINC
mod-10 check digit, ICD-10-CM membership in the FY2026 release, RxNorm digits); ``known``
about the store; ``active`` about the release the store was built from (a concept a loaded
release marks inactive stays known, with ``active=False``). A valid code the store does not
hold is reported as unknown, never guessed at: with only the open seed loaded most of
SNOMED CT is "unknown", and ``reason`` says so.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

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
