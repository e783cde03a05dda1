"""Telephone, fax and pager numbers."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern

from deid.recognizers.base import RegexRecognizer

_PHONE_CONTEXT = regex.compile(r"\b(?:tel|telephone|phone|ph|cell|cellular|mobile|home|work|office|fax|pager|"
                               r"beeper|pg|contact|call|called|reach|reached|number|no|#)\b\W*$", regex.IGNORECASE)


class PhoneRecognizer(RegexRecognizer):
    ENTITY = "PHONE"
    PATTERNS = [
        # (410) 555-1234, 410-555-1234, 410 555 1234, 410.555.1234, 4105551234, +1 410..., 240444-1243
        Pattern("nanp", r"(?<![\d/.])(?<!\d-)(?P<phi>(?:\+?1[-. ]?)?\(?[2-9]\d\d\)?[-. /]{0,2}\d{3}[-. /]?\d{4,5})(?![\d/]|\.\d)", 0.7),
        # 555-1234 (seven digits, local)
        Pattern("local", r"(?<![\d/.:-])(?P<phi>\d{3}-\d{4})(?![\d/-]|\.\d)", 0.5),
        # Phone: 0496 46 46 70, mobile: +41 (0)71 222 33 44, fax 079 0442 1744 x12: any layout after a label
        Pattern("labelled", r"\b(?:phone|telephone|tel|ph|mobile|cell|cellular|fax|desk|home|work|office|contact|number)"
                            r"\s*(?:#|no\.?|number)?\s*[:.#]?\s*(?P<phi>\+?\(?\d[\d \t().-]{4,22}\d(?:\s*(?:x|ext\.?)\s*\d{1,5})?)", 0.85),
        # +1-604-696-5272x565, +44 20 7946 0958: international numbers start with +
        Pattern("international", r"(?<![\w+])(?P<phi>\+\d{1,3}[ \t().-]{0,3}\d[\d \t().-]{5,18}\d(?:\s*(?:x|ext\.?)\s*\d{1,5})?)", 0.8),
        # Pager #12345, beeper number 55037, PG 33445, ext 4411
        Pattern("pager", r"\b(?:pager|beeper|pg|bpr|beep|page|ext|extension|x)\b\.?\s*(?:number|no\.?|num)?\s*[:#]?\s*#?\s*(?P<phi>\d{4,6})\b", 0.8),
    ]

    def validate_match(self, view, match, start, end, pattern):
        if pattern.name == "local":
            before = view.text[max(0, start - 24):start]
            return 0.85 if _PHONE_CONTEXT.search(before) else False  # "900-1000cc" is a range
        if pattern.name in ("labelled", "international"):
            digits = sum(c.isdigit() for c in match.group("phi"))
            return 7 <= digits <= 16
        if pattern.name == "nanp":
            before = view.text[max(0, start - 24):start]
            digits = sum(c.isdigit() for c in match.group("phi"))
            if digits < 10 or digits > 12:
                return False
            return 0.9 if _PHONE_CONTEXT.search(before) else True
        return True
