"""Deterministic keyed split: a group (patient, or document for papers without one) goes to one split."""

from __future__ import annotations

from deid.pseudonyms import keyed_int

_BUCKETS = 10_000


def split_of(key: bytes, group: str, validation_fraction: float) -> str:
    """``train`` or ``validation`` from an HMAC of the group; another key gives another split."""
    bucket = keyed_int(key, "release-split", group) % _BUCKETS
    return "validation" if bucket < round(validation_fraction * _BUCKETS) else "train"
