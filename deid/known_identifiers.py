"""A patient's known identifiers: find them in any spelling, and check none survived.

The FHIR adapter (or any caller) passes what it knows of the patient: names, MRN and
other identifiers, phones, addresses, birth date. Names are matched as full names,
"Last, First", initials with surname, and each name part on its own; identifiers and
phones ignore separators and case. After de-identification :func:`residual_identifiers`
re-scans the output and reports survivors by kind and hash, never by value.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from datetime import date

import regex

from deid.lexicons import Lexicons


@dataclass(frozen=True)
class KnownIdentifiers:
    names: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    birth_dates: tuple[date, ...] = ()
    emails: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict | None) -> "KnownIdentifiers":
        if not data:
            return cls()
        births = tuple(d if isinstance(d, date) else date.fromisoformat(str(d)[:10]) for d in data.get("birth_dates", ()))
        return cls(tuple(data.get("names", ())), tuple(data.get("identifiers", ())), tuple(data.get("phones", ())),
                   tuple(data.get("addresses", ())), births, tuple(data.get("emails", ())))

    def __post_init__(self) -> None:
        # tuples, so the value is hashable and its compiled patterns can be cached
        for name in ("names", "identifiers", "phones", "addresses", "birth_dates", "emails"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    def __bool__(self) -> bool:
        return any((self.names, self.identifiers, self.phones, self.addresses, self.birth_dates, self.emails))


@dataclass
class KnownPattern:
    kind: str  # PERSON, ID, PHONE, LOCATION, DATE, EMAIL
    pattern: regex.Pattern
    fingerprint: str = field(default="")


def _fingerprint(value: str) -> str:
    return hashlib.sha256(value.lower().encode()).hexdigest()[:12]


def _flexible(value: str) -> str:
    """A regex for an identifier that ignores separators between its characters."""
    chars = [regex.escape(c) for c in value if c.isalnum()]
    return r"[\s.\-/()]{0,2}".join(chars)


def _date_forms(d: date) -> list[str]:
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
    m, day, y = d.month, d.day, d.year
    forms = [f"{m}/{day}/{y}", f"{m:02d}/{day:02d}/{y}", f"{m}/{day}/{y % 100:02d}", f"{m:02d}/{day:02d}/{y % 100:02d}",
             f"{y}-{m:02d}-{day:02d}", f"{m}-{day}-{y}", f"{m:02d}-{day:02d}-{y}",
             f"{months[m - 1]} {day}, {y}", f"{months[m - 1]} {day} {y}", f"{day} {months[m - 1]} {y}",
             f"{months[m - 1][:3]} {day}, {y}", f"{day} {months[m - 1][:3]} {y}", f"{day}-{months[m - 1][:3]}-{y}"]
    return forms


@functools.lru_cache(maxsize=256)  # a patient's patterns serve the search and the residual pass of all their notes
def compile_known(known: KnownIdentifiers, lexicons: Lexicons) -> tuple[KnownPattern, ...]:
    patterns: list[KnownPattern] = []
    flags = regex.IGNORECASE
    for full in known.names:
        parts = [p for p in regex.findall(r"[A-Za-z][A-Za-z'’-]*", full)]
        if not parts:
            continue
        given, family = parts[:-1], parts[-1]
        variants = [r"[\s,]+".join(regex.escape(p) for p in parts)]
        if given:
            variants.append(regex.escape(family) + r"\s*,\s*" + r"\s+".join(regex.escape(g) for g in given))
            variants.append(regex.escape(given[0][0]) + r"\.?\s*" + regex.escape(family))
            variants.append(regex.escape(family) + r"\s*,\s*" + regex.escape(given[0][0]) + r"\b\.?")
        for part in parts:
            # each part alone, unless it is clinical vocabulary or too short to be telling
            if len(part) >= 2 and not lexicons.is_clinical(part):
                variants.append(regex.escape(part))
        pattern = regex.compile(r"(?<![A-Za-z])(?:" + "|".join(sorted(variants, key=len, reverse=True)) + r")(?![A-Za-z])", flags)
        patterns.append(KnownPattern("PERSON", pattern, _fingerprint(full)))
    for value in known.identifiers:
        if sum(c.isalnum() for c in value) >= 4:
            patterns.append(KnownPattern("ID", regex.compile(r"(?<![A-Za-z0-9])" + _flexible(value) + r"(?![A-Za-z0-9])", flags), _fingerprint(value)))
    for value in known.phones:
        digits = "".join(c for c in value if c.isdigit())
        if len(digits) >= 7:
            core = digits[-10:] if len(digits) > 10 else digits
            patterns.append(KnownPattern("PHONE", regex.compile(r"(?<!\d)" + _flexible(core) + r"(?!\d)"), _fingerprint(value)))
    for value in known.addresses:
        words = regex.findall(r"\w+", value)
        if len(words) >= 2:
            abbreviations = {"street": "st", "avenue": "ave", "road": "rd", "drive": "dr", "lane": "ln",
                             "boulevard": "blvd", "court": "ct", "place": "pl", "suite": "ste", "apartment": "apt"}
            pieces = []
            for word in words:
                alt = abbreviations.get(word.lower())
                inverse = {v: k for k, v in abbreviations.items()}.get(word.lower())
                options = [regex.escape(word)] + ([alt] if alt else []) + ([inverse] if inverse else [])
                pieces.append("(?:" + "|".join(options) + r")\.?")
            patterns.append(KnownPattern("LOCATION", regex.compile(r"\b" + r"[\s,.#]+".join(pieces) + r"\b", flags), _fingerprint(value)))
    for d in known.birth_dates:
        forms = "|".join(regex.escape(f) for f in _date_forms(d))
        patterns.append(KnownPattern("DATE", regex.compile(r"(?<![\d/])(?:" + forms + r")(?![\d/])", flags), _fingerprint(d.isoformat())))
    for value in known.emails:
        patterns.append(KnownPattern("EMAIL", regex.compile(regex.escape(value), flags), _fingerprint(value)))
    return tuple(patterns)


def residual_identifiers(text: str, known: KnownIdentifiers, lexicons: Lexicons) -> list[dict]:
    """Known identifiers still present in ``text``: kind, fingerprint and offset, never the value."""
    found = []
    for known_pattern in compile_known(known, lexicons):
        for match in known_pattern.pattern.finditer(text):
            found.append({"kind": known_pattern.kind, "fingerprint": known_pattern.fingerprint, "start": match.start()})
    return found
