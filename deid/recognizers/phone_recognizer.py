"""Telephone, fax and pager numbers."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern

from deid.recognizers.base import RegexRecognizer

_PHONE_CONTEXT = regex.compile(r"\b(?:tel|telephone|phone|ph|cell|cellular|mobile|home|work|office|fax|pager|"
                               r"beeper|pg|contact|call|called|reach|reached|number|no|#)\b\W*$", regex.IGNORECASE)


# any national layout: 0494 92 82 32, (64) 3591-3246, 01.84.17.61.18, +41 (0)38 549 02 90, 0961-7596216
_ANY_LAYOUT = r"(?:\+\d{1,3}[ .-]{0,2})?\(?\d{1,5}\)?(?:(?:[ .-]{1,2}|(?<=\)))\(?\d{1,8}\)?){0,5}"
# a cue right before: "call me on", "not answering at", "messages to", "my registered", "mobile number is"
_CUE_BEFORE = (r"(?:\b(?:call(?:ed|ing)?|ring|text|reach(?:ed)?|contact(?:ed)?|dial(?:ed)?)(?:[ \t]+[\w']+){0,3}?"
               r"[ \t]+(?:on|at)|\b(?:call|called|calling|dial|dialed|dialled)(?=[ \t]+[(+\d])|\b(?:answering|messages?|texts?|calls?|sms)[ \t]+(?:at|to|on|from)|\bregistered"
               r"(?:[ \t]+(?:phone|mobile|cell|number|no\.?))?|\b(?:phone|tel|telephone|mobile|cell|fax|office|home|work)"
               r"(?:[ \t]+(?:number|no\.?))?[ \t]+(?:is|at|on))[ \t]*:?[ \t]*")
# a cue right after: "416 60 039 office", "07700 063 966-Fax"
_CUE_AFTER = r"(?=[ \t]*-?[ \t]*(?:office|fax|mobile|cell|home|work|tel|phone)\b)"
_DATE_LIKE = regex.compile(r"\d{1,4}([./-])\d{1,2}\1\d{1,4}|\d{1,2}([ ])\d{1,2}\2\d{4}")


_UNIT_AFTER = regex.compile(r"[ \t]*(?:mg|mcg|ml|cc|units?|mmhg|meq|mmol|kg|g|%|hrs?|min|times)\b", regex.IGNORECASE)


def _series(phi: str) -> bool:
    """A run of readings rather than one number: "1200 1230 1300" (times of day), "140 150 160"
    (round values), "2 3 4 5 6" (single digits)."""
    groups = regex.findall(r"\d+", phi)
    if len(groups) >= 2 and all(len(g) == 4 and int(g[:2]) < 24 and int(g[2:]) < 60 for g in groups):
        return True
    if len(groups) >= 3 and all(len(g) >= 2 and g.endswith("0") for g in groups):
        return True
    return sum(len(g) == 1 for g in groups) >= 3


class PhoneRecognizer(RegexRecognizer):
    ENTITY = "PHONE"
    PATTERNS = [
        # (410) 555-1234, 410-555-1234, 410 555 1234, 410.555.1234, 4105551234, +1 410..., 240444-1243
        Pattern("nanp", r"(?<![\d/.])(?<!\d-)(?P<phi>(?:\+?1[-. ]?)?\(?[2-9]\d\d\)?[-. /]{0,2}\d{3}[-. /]?\d{4,5}(?P<ext>[ \t]*,?[ \t]*(?:x|ext\.?|extension)[ \t]*\d{1,5}\b)?)(?![\d/]|\.\d)", 0.7),
        # 555-1234 (seven digits, local)
        Pattern("local", r"(?<![\d/.:-])(?P<phi>\d{3}-\d{4})(?![\d/-]|\.\d)", 0.5),
        # Phone: 0496 46 46 70, mobile: +41 (0)71 222 33 44, fax 079 0442 1744 x12: any layout after a label
        Pattern("labelled", r"\b(?:phone|telephone|tel|ph|mobile|cell|cellular|fax|desk|home|work|office|contact|number)"
                            r"\s*(?:#|no\.?|number)?\s*[:.#]?\s*(?P<phi>\+?\(?\d[\d \t().-]{4,22}\d(?:\s*(?:x|ext\.?)\s*\d{1,5})?)", 0.85),
        # +1-604-696-5272x565, +44 20 7946 0958: international numbers start with +
        Pattern("international", r"(?<![\w+])(?P<phi>\+\d{1,3}[ \t().-]{0,3}\d[\d \t().-]{5,18}\d(?:\s*(?:x|ext\.?)\s*\d{1,5})?)", 0.8),
        # call me on 9472 7916, not answering at 71-33-52-22, my registered 024 971 50 30
        Pattern("cued", rf"{_CUE_BEFORE}(?<![\d+])(?P<phi>{_ANY_LAYOUT})(?![\w+])", 0.85),
        Pattern("cued_after", rf"(?<![\w+.-])(?P<phi>{_ANY_LAYOUT}){_CUE_AFTER}", 0.85),
        # Pager #12345, beeper number 55037, PG 33445, ext 4411
        Pattern("pager", r"\b(?:pager|beeper|pg|bpr|beep|page|ext|extension|x)\b\.?\s*(?:number|no\.?|num)?\s*[:#]?\s*#?\s*(?P<phi>\d{4,6})\b", 0.8),
    ]

    def validate_match(self, view, match, start, end, pattern):
        if pattern.name == "local":
            before = view.text[max(0, start - 24):start]
            return 0.85 if _PHONE_CONTEXT.search(before) else False  # "900-1000cc" is a range
        if pattern.name in ("cued", "cued_after"):
            phi = match.group("phi")
            digits = sum(c.isdigit() for c in phi)
            return 7 <= digits <= 15 and not _DATE_LIKE.fullmatch(phi) and phi[-1].isdigit() \
                and not _series(phi) and not _UNIT_AFTER.match(view.text, end)
        if pattern.name in ("labelled", "international"):
            digits = sum(c.isdigit() for c in match.group("phi"))
            return 7 <= digits <= 16 and not _series(match.group("phi"))
        if pattern.name == "nanp":
            before = view.text[max(0, start - 24):start]
            number = match.group("phi")[:len(match.group("phi")) - len(match.group("ext") or "")]
            digits = sum(c.isdigit() for c in number)  # "486-230-6829 ext 25": the extension is part of it
            if digits < 10 or digits > 12:
                return False
            return 0.9 if _PHONE_CONTEXT.search(before) else True
        return True
