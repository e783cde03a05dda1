"""E-mail addresses; the top-level domain is checked against tldextract's bundled suffix list."""

from __future__ import annotations

import functools

import tldextract
from presidio_analyzer import Pattern

from deid.recognizers.base import RegexRecognizer


@functools.lru_cache(maxsize=1)
def offline_tld_extractor() -> tldextract.TLDExtract:
    """tldextract with its bundled Public Suffix List snapshot: never fetches it."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


class EmailRecognizer(RegexRecognizer):
    ENTITY = "EMAIL"
    PATTERNS = [Pattern("email", r"\b[\w.%+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b", 0.9)]

    def validate_match(self, view, match, start, end, pattern):
        domain = match.group(0).rsplit("@", 1)[1]
        return bool(offline_tld_extractor()(domain).suffix)
