"""The value-level operations of the rule file: date shifts, keyed hashes, generalization, noise.

Everything keyed comes from the one secret through ``deid.pseudonyms``, so the same input
and key always give the same output and a patient's resources shift by the offset the text
engine uses for that patient's notes.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import regex

from deid.dates import year_shift
from deid.pseudonyms import keyed_hash, keyed_int
from deid.surrogates import generalize_zip

# FHIR date, dateTime and instant: YYYY, YYYY-MM, YYYY-MM-DD, then an optional time and zone.
_FHIR_DATE = regex.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(T.*)?)?)?")
_REFERENCE = regex.compile(r"(?:(?P<base>https?://\S+?)/)?(?P<type>[A-Z][A-Za-z]+)/(?P<id>[A-Za-z0-9\-.]{1,64})"
                           r"(?P<history>/_history/[A-Za-z0-9\-.]{1,64})?")
_UUID_URN = "urn:uuid:"
#: Absolute references and fullUrls lose their server (it names the institution) for this one.
NEUTRAL_BASE = "https://fhir.cardiocorpus.invalid"


class UnshiftableDate(ValueError):
    """A value in a date element is not a FHIR date; the caller reports the element path."""


def shift_fhir_date(value: str, offset_days: int) -> str:
    """Shift a FHIR date/dateTime/instant by whole days, keeping its precision, time and zone.

    Full dates move exactly, so intervals are preserved; a year-month moves with its 15th;
    a year alone moves by whole years (never by zero).
    """
    match = _FHIR_DATE.fullmatch(value)
    if not match:
        raise UnshiftableDate("not a FHIR date")
    year, month, day, rest = match.group(1), match.group(2), match.group(3), match.group(4) or ""
    if month is None:
        return f"{int(year) + year_shift(offset_days):04d}"
    try:
        if day is None:
            shifted = date(int(year), int(month), 15) + timedelta(days=offset_days)
            return f"{shifted.year:04d}-{shifted.month:02d}"
        shifted = date(int(year), int(month), int(day)) + timedelta(days=offset_days)
    except ValueError:
        raise UnshiftableDate("not a calendar date") from None
    return shifted.isoformat() + rest


def parse_fhir_date(value: str) -> date | None:
    match = _FHIR_DATE.fullmatch(value or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return None


def pseudonymous_id(key: bytes, original_id: str) -> str:
    """A resource id's pseudonym: a UUID from HMAC, valid as an id and after ``urn:uuid:``."""
    return str(uuid.UUID(keyed_hash(key, "fhir-id", original_id)[:32]))


def hash_identifier(key: bytes, value: str) -> str:
    """An identifier value's keyed hash (the system is kept, so conditional references still match)."""
    return keyed_hash(key, "fhir-identifier", value)[:32]


def pseudonymize_reference(key: bytes, reference: str) -> str:
    """``urn:uuid:X``, ``#X``, ``Type/X[/_history/v]``, ``base/Type/X`` and conditional
    ``Type?identifier=system|value`` keep their form with X (or value) replaced by its
    pseudonym; a server base becomes :data:`NEUTRAL_BASE`. Anything else becomes a urn:uuid."""
    if reference.startswith(_UUID_URN):
        return _UUID_URN + pseudonymous_id(key, reference[len(_UUID_URN):])
    if reference.startswith("#"):
        return "#" + pseudonymous_id(key, reference[1:]) if len(reference) > 1 else reference
    if "?" in reference:
        resource_type, _, query = reference.partition("?")
        return resource_type + "?" + _pseudonymize_query(key, query)
    match = _REFERENCE.fullmatch(reference)
    if match:
        base = NEUTRAL_BASE + "/" if match["base"] else ""
        return f"{base}{match['type']}/{pseudonymous_id(key, match['id'])}{match['history'] or ''}"
    if regex.fullmatch(r"[A-Z][A-Za-z]+", reference):
        return reference  # a bare resource type (transaction request.url for a create)
    return "urn:uuid:" + pseudonymous_id(key, reference)


def _pseudonymize_query(key: bytes, query: str) -> str:
    parts = []
    for parameter in query.split("&"):
        name, _, value = parameter.partition("=")
        system, bar, code = value.rpartition("|")
        if name.split(":")[0] == "identifier" and code:
            parts.append(f"{name}={system}{bar}{hash_identifier(key, code)}")
        elif name in ("_id",):
            parts.append(f"{name}={pseudonymous_id(key, value)}")
        else:
            parts.append(f"{name}={hash_identifier(key, value)}")
    return "&".join(parts)


def reference_parts(reference: str) -> tuple[str | None, str | None]:
    """(resource type, id) a literal reference names, when it says so itself."""
    match = _REFERENCE.fullmatch(reference)
    if match:
        return match["type"], match["id"]
    if "?" in reference:
        return reference.partition("?")[0], None
    return None, None


def generalize_birth_date(value: str, offset_days: int, max_age: int, reference_year: int) -> str:
    """The (shifted) birth year; births implying an age over ``max_age`` at ``reference_year``
    become the year that gives ``max_age + 1``."""
    year = int(shift_fhir_date(value, offset_days)[:4])
    return str(max(year, reference_year - max_age - 1))


def generalize_age(value: float | int, max_age: int):
    return max_age + 1 if value > max_age else value


def generalize_postal_code(value: str) -> str:
    digits = "".join(c for c in value if c.isdigit())
    return generalize_zip(digits) if len(digits) >= 3 else "000"


def perturb(key: bytes, seed: str, value: float | int, span: float, digits: int | None):
    """Keyed uniform noise of +-``span`` (a fraction of the value), rounded to ``digits``."""
    unit = (keyed_int(key, "perturb", seed) % 2_000_001) / 1_000_000 - 1.0  # in [-1, 1]
    noisy = value * (1 + span * unit)
    if digits is not None:
        noisy = round(noisy, digits)
        if digits == 0:
            noisy = int(noisy)
    return noisy
