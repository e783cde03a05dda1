"""Keyed pseudonyms derived from the one secret (DESIGN.md, "Keys and consistency").

Everything per patient comes from HMAC-SHA256 over the secret key: the pseudonymous
patient key, the date offset and the seed of surrogate choices. Same key, same input:
same output; another key: other pseudonyms. The key itself is never logged or returned.
"""

from __future__ import annotations

import hashlib
import hmac

#: Dates move back by 30..1095 days (never 0, so a shifted date is never the real one).
MIN_SHIFT_DAYS, MAX_SHIFT_DAYS = 30, 1095


def keyed_hash(key: bytes, *parts: str) -> str:
    message = "\x1f".join(parts).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def keyed_int(key: bytes, *parts: str) -> int:
    return int(keyed_hash(key, *parts)[:15], 16)


def patient_key(key: bytes, patient_id: str) -> str:
    """The pseudonymous patient key used in every output and table."""
    return "p-" + keyed_hash(key, "patient", patient_id)[:20]


def date_offset_days(key: bytes, patient_pseudonym: str) -> int:
    span = MAX_SHIFT_DAYS - MIN_SHIFT_DAYS + 1
    return -(MIN_SHIFT_DAYS + keyed_int(key, "date-offset", patient_pseudonym) % span)


def key_fingerprint(key: bytes) -> str:
    """A public fingerprint of the key (to tell releases made with different keys apart)."""
    return hashlib.sha256(b"cardiocorpus-key-fingerprint\x00" + key).hexdigest()[:16]
