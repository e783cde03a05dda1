"""Record, account, plan, licence, device and other identifying numbers.

Three routes: a number after a label ("MRN: 1234567", "pacemaker serial PJN123456") or
after the patient's name ("Pt Okafor 930538"), and long bare digit runs or letter-digit
codes that no clinical notation uses. The engine also calls ``numbers_after_names`` once the
names are found: "AMANDA RAY 740845".
"""

from __future__ import annotations

from typing import Iterable

import regex
from presidio_analyzer import Pattern, RecognizerResult

from deid.recognizers.base import RegexRecognizer, found_after_names

LABELS = {
    "MRN": r"mrn|mr\s?#|medical\s+record(?:\s+(?:number|no\.?|#))?|unit\s+(?:number|no\.?)|record\s+#|record(?=\s*[:#]?\s*\d{5,}\b)|chart\s+#|patient\s+id|pt\s+id",
    "ACCOUNT": r"acct|account(?:\s+(?:number|no\.?|#))?|billing\s+(?:number|no\.?|#)|encounter\s+(?:number|no\.?|#|id)|visit\s+(?:number|no\.?|#|id)",
    "HEALTH_PLAN": r"member\s+id|subscriber\s+id|policy(?:\s+(?:number|no\.?|#))?|insurance\s+(?:id|number|no\.?|#)|health\s+plan(?:\s+(?:id|number|no\.?|#))?|medicaid(?:\s+(?:id|number|no\.?|#))?|medicare(?:\s+(?:id|number|no\.?|#))?|group\s+(?:number|no\.?|#)",
    "LICENSE": r"licen[cs]e(?:\s+(?:number|no\.?|#))?|lic\.?\s?#|npi|dea(?:\s+(?:number|no\.?|#))?|certificate(?:\s+(?:number|no\.?|#))?",
    "DEVICE_ID": r"serial(?:\s+(?:number|no\.?|#))?|s/n|sn|udi|lot(?:\s+(?:number|no\.?|#))?|model\s+(?:number|no\.?|#)|device\s+(?:id|number|no\.?|#)|implant\s+(?:id|number|no\.?|#)",
    "VEHICLE_ID": r"vin|license\s+plate|plate(?:\s+(?:number|no\.?|#))?",
    "ID": r"id\s+(?:number|no\.?|#)|identifier|ref(?:erence)?\s+(?:number|no\.?|#)|case\s+(?:number|no\.?|#)",
}
_CODE = r"(?=[A-Z0-9-]{0,40}\d)[A-Z0-9][A-Z0-9-]{3,40}"


class IdNumberRecognizer(RegexRecognizer):
    ENTITY = "ID"
    PATTERN_ENTITIES = {**{label: label for label in LABELS}, "iban": "ACCOUNT", "udi": "DEVICE_ID", "after_patient": "MRN"}
    PATTERNS = [
        *[Pattern(label, rf"\b(?:{words})\s*[:#=]?\s*(?:is\s+)?(?:#\s*)?(?P<phi>{_CODE})(?![\w-])", 0.9)
          for label, words in LABELS.items()],
        # long digit runs: 7+ digits, not a decimal, phone-shaped numbers are the phone recognizer's
        Pattern("long_number", r"(?<![\d.,/-])(?P<phi>\d{7,20})(?![\d/]|[.,]\d)", 0.6),
        # a bare number right after the patient's name: "Pt Okafor 930538 for DCCV", "pt Lind (357148)"
        Pattern("after_patient", r"\b(?:pt|patient)\.?[ \t]+(?:\p{L}[\p{L}'’-]*,?[ \t]+){1,3}\(?"
                r"(?P<phi>\d{6,12}|\d{2,3}-\d{3}-\d{3,4})(?![\d/]|[.,]\d|[ \t]*(?:units?|mg|mcg|ml|cc|%))", 0.7),
        # GS1 UDI: (01)00643169001763(17)160712(21)21A9920, device identifier with its application parts
        Pattern("udi", r"(?P<phi>\(01\)\d{14}(?:\(\d{2,4}\)[A-Za-z0-9-]{1,20}){0,6})", 0.95),
        # IBAN: two letters, two check digits, up to 30 letters and digits
        Pattern("iban", r"(?-i:\b(?P<phi>[A-Z]{2}\d{2}[A-Z0-9]{11,30})\b)", 0.8),
        # letter-digit codes of 6+ characters in capitals, e.g. A12B34567
        Pattern("code", r"(?-i:\b(?P<phi>(?=[A-Z]{0,12}\d)(?=\d{0,12}[A-Z])[A-Z0-9]{7,20})\b)", 0.5),
    ]

    def validate_match(self, view, match, start, end, pattern):
        token = match.group("phi")
        if pattern.name == "code" and (not view.cased or self.lexicons.is_clinical(token)
                                       or regex.search(r"(?:MG|MCG|MCGS|ML|CC|CMH2O|MEQ|UNITS?|HR|X\d*)$|X\d", token)):
            return False  # doses and vent settings run together in ALL-CAPS notes ("TYLENOL650MG")
        if pattern.name == "code" and sum(c.isdigit() for c in token) < 3:
            return False
        if pattern.name == "DEVICE_ID" and token.isdigit() and len(token) < 5:
            return False
        return True


# right after a name: "AMANDA RAY 740845", "HUDSON ROBERT 46-318-371", "james, john 760733 -"
_NUMBER_AFTER_NAME = regex.compile(r"[ \t]*,?[ \t]*\(?(?P<phi>\d{6,12}|\d{2,3}-\d{3}-\d{3,4}|(?-i:[A-Z])\d{6,11})\)?"
                                   r"(?![\d/]|[.,]\d|[ \t]*(?:units?|mg|mcg|ml|cc|%|kg|lbs?|steps|calories)\b)", regex.IGNORECASE)


def numbers_after_names(text: str, found: Iterable[RecognizerResult], min_score: float = 0.6) -> list[RecognizerResult]:
    """A record number written right after a name found with confidence: the name says whose
    number it is, so six digits or a letter and digits are enough."""
    return found_after_names(text, found, _NUMBER_AFTER_NAME, "MRN", 0.6, "NumberAfterName", min_score)
