"""Ages over 89 (Safe Harbor aggregates them into "90 or older")."""

from __future__ import annotations

from presidio_analyzer import Pattern

from deid.recognizers.base import RegexRecognizer

_AGE = r"(?:9\d|1[01]\d)"


class AgeRecognizer(RegexRecognizer):
    ENTITY = "AGE"
    PATTERNS = [
        # 92 yo, 92 y/o, 92-year-old, 92 yr old, 92M, 95 F
        Pattern("age_unit", rf"(?<![\d.])(?P<phi>{_AGE})[\s-]*(?:yo\b|y/o|y\.o\.?|yrs?\.?(?:\s+old)?\b|years?[\s-]+old|year-old|y\b|(?-i:[MF])\b)", 0.9),
        # age 92, aged 95, age: 101
        Pattern("age_word", rf"\bage[ds]?\s*[:=]?\s*(?:of\s+)?(?P<phi>{_AGE})\b(?!\d|\.\d)", 0.9),
        # a ninety-two year old, one hundred and one years old
        Pattern("age_in_words", r"\b(?P<phi>(?:ninety|one\s+hundred(?:\s+and)?)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)"
                                r"[\s-]+(?:years?|yrs?)[\s-]*old\b", 0.9),
        # in her 90s, nonagenarian
        Pattern("decade", r"\b(?:in\s+(?:his|her|their)\s+)(?P<phi>(?:late\s+|early\s+|mid\s*-?\s*)?(?:9\d'?s|nineties))", 0.85),
        # "my dad, 91, has AS", "pt is 94": an age right after a person word
        Pattern("age_after_person", rf"\b(?:mother|father|mom|dad|husband|wife|grandmother|grandfather|patient|pt|"
                                    rf"he|she|man|woman|male|female|gentleman|lady)\b(?:'s)?,?\s+(?:is\s+|was\s+|aged?\s+)?"
                                    rf"(?P<phi>{_AGE})\b(?!\s*(?:%|mg|mmhg|bpm|/|\.\d|kg|lbs?|cm|mm|min|sec|ml|cc|units))", 0.75),
        Pattern("nonagenarian", r"\b(?P<phi>nonagenarian|centenarian)\b", 0.8),
    ]
