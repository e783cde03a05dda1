"""Web addresses (with a scheme, www., or a host with a known public suffix)."""

from __future__ import annotations

from presidio_analyzer import Pattern

from deid.recognizers.base import RegexRecognizer
from deid.recognizers.email_recognizer import offline_tld_extractor


class UrlRecognizer(RegexRecognizer):
    ENTITY = "URL"
    PATTERNS = [
        # a trailing full stop or comma ends the sentence, not the address
        Pattern("scheme", r"\b(?:https?|ftp)://[^\s<>\"')\]]{1,2000}[^\s<>\"')\].,;:!?]", 0.9),
        Pattern("www", r"\bwww\.[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}(?:/[^\s<>\"')\]]{0,2000}[^\s<>\"')\].,;:!?])?", 0.85),
        # bare hosts such as mychart.example.org/login: only with a real public suffix
        Pattern("host", r"(?<![@\w.])[a-z][\w-]{1,62}(?:\.[a-z][\w-]{0,62}){1,5}\.(?:com|org|net|edu|gov|io|us|info)\b(?:/(?:[^\s<>\"')\]]{0,2000}[^\s<>\"')\].,;:!?])?)?", 0.6),
    ]

    def validate_match(self, view, match, start, end, pattern):
        if pattern.name != "host":
            return True
        return bool(offline_tld_extractor()(match.group(0).split("/")[0]).suffix)
