"""US Social Security numbers, with the SSA's never-issued ranges excluded."""

from __future__ import annotations

from presidio_analyzer import Pattern

from deid.recognizers.base import RegexRecognizer


class SsnRecognizer(RegexRecognizer):
    ENTITY = "SSN"
    PATTERNS = [
        # 123-45-6789, 123 45 6789
        Pattern("ssn", r"(?<![\d-])(?P<phi>\d{3}([- ])\d{2}\2\d{4})(?![\d-])", 0.85),
        # SSN 123456789
        Pattern("ssn_context", r"\b(?:ssn|social security(?: number| no\.?| #)?|ss#)\s*[:#]?\s*(?P<phi>\d{9})\b", 0.95),
    ]

    def validate_match(self, view, match, start, end, pattern):
        digits = "".join(c for c in match.group("phi") if c.isdigit())
        area, group, serial = digits[:3], digits[3:5], digits[5:]
        return not (area in ("000", "666") or area.startswith("9") or group == "00" or serial == "0000")
