"""Format and check-digit validation of codes, without any release at hand.

- SNOMED CT identifiers (SCTIDs): 6-18 digits, the last is a Verhoeff check digit and the
  two before it the partition (00/10 concept, 01/11 description, 02/12 relationship).
- LOINC codes: ``NNNNN-C`` where C is the mod-10 (Luhn-style) check digit of the number.
  LOINC answer (``LA``), part (``LP``) and group (``LG``) codes get a format check only: their
  trailing digit is not the mod-10 digit of the number (the seed's ``LA`` codes fail it).
- ICD-10-CM codes are checked against the FY2026 release that ``simple-icd-10-cm`` ships:
  there is no check digit, only membership.

A valid check digit says the code is well formed, not that it exists: existence is the
store's job (``ConceptStore.lookup_code``).
"""

from __future__ import annotations

import re

_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 4, 0, 6, 7, 8, 9, 5), (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7), (4, 0, 1, 2, 3, 9, 5, 6, 7, 8), (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2), (7, 6, 5, 9, 8, 2, 1, 0, 4, 3), (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 5, 7, 6, 2, 8, 3, 0, 9, 4), (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7), (9, 4, 5, 3, 1, 2, 6, 8, 7, 0), (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5), (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
_SCTID = re.compile(r"[1-9][0-9]{5,17}")
_LOINC = re.compile(r"(LA|LP|LG)?([0-9]{1,7})-([0-9])")
CONCEPT_PARTITIONS = frozenset({"00", "10"})


def verhoeff_valid(digits: str) -> bool:
    check = 0
    for i, ch in enumerate(reversed(digits)):
        check = _D[check][_P[i % 8][int(ch)]]
    return check == 0


def sctid_valid(code: str, concept_only: bool = True) -> bool:
    """A well-formed SCTID; by default also a *concept* id (partition 00 or 10)."""
    if not _SCTID.fullmatch(code) or not verhoeff_valid(code):
        return False
    return not concept_only or code[-3:-1] in CONCEPT_PARTITIONS


def loinc_check_digit(number: str) -> int:
    """Mod-10 check digit of the numeric part: double every other digit from the right."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n // 10 + n % 10
    return (10 - total % 10) % 10


def loinc_valid(code: str) -> bool:
    match = _LOINC.fullmatch(code)
    if not match:
        return False
    return bool(match.group(1)) or loinc_check_digit(match.group(2)) == int(match.group(3))


def icd10cm_valid(code: str) -> bool:
    """A code (with or without the dot) that is an item of the ICD-10-CM FY2026 tabular list."""
    import simple_icd_10_cm as icd

    try:
        return bool(code) and icd.is_valid_item(code) and not icd.is_chapter_or_block(code)
    except (ValueError, KeyError):
        return False


def rxcui_valid(code: str) -> bool:
    """RxNorm concept ids are plain positive integers (no check digit)."""
    return code.isascii() and code.isdigit() and not code.startswith("0")
