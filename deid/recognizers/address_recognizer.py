"""Street addresses, PO boxes and ZIP codes."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern
from spacy.lang.en.stop_words import STOP_WORDS

from deid.recognizers.base import RegexRecognizer

SUFFIX = (r"street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|court|ct|place|pl|terrace|ter|"
          r"circle|cir|highway|hwy|parkway|pkwy|square|turnpike|tpke|pike|trail|trl|row|alley")
STATES = (r"AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|"
          r"NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY")
_SUFFIX_WORD = regex.compile(rf"(?<=\s)(?:{SUFFIX})\b", regex.IGNORECASE)
_NOT_STREET_WORD = {"am", "pm", "x", "and", "or", "mg", "ml", "cc", "units", "days", "hrs", "times", "min"}


class AddressRecognizer(RegexRecognizer):
    ENTITY = "LOCATION"
    PATTERN_ENTITIES = {"zip_after_state": "ZIP", "zip_label": "ZIP"}
    PATTERNS = [
        # 19 Clover St., 1200 N. Main Street, 45 Old Mill Road Apt 4B
        Pattern("street", rf"(?<![\w/.-])(?P<phi>\d{{1,6}}[A-Z]?\s+(?:[NSEW]\.?\s+)?(?:[A-Za-z][A-Za-z'-]{{1,30}}\s+){{1,3}}(?:{SUFFIX})\b(?:(?<=\b(?:st|ave|rd|blvd|dr|ln|ct|pl|ter|cir|hwy|pkwy|tpke|trl))\.)?"
                          # then apartment or suite, the city, the state and the ZIP that follow on the line
                          r"(?:,?[ \t]+(?:apt|apartment|unit|suite|ste|floor|fl|#)\.?[ \t]*#?[ \t]*\w{1,6}){0,2}"
                          r"(?-i:(?:,[ \t]*[A-Z][\w'-]+(?:[ \t][A-Z][\w'-]+){0,2}(?=[ \t]*(?:,|$|\n|[A-Z]{2}\b|\d{5}|\.))){0,2})"
                          r"(?:,[ \t]*(?-i:[A-Z]{2})\b)?(?:[ \t]+\d{5}(?:-\d{4})?)?)", 0.75),
        Pattern("po_box", r"\b(?P<phi>p\.?\s?o\.?\s+box\s+\d{1,8})\b", 0.9),
        # Baltimore, MD 21201 (only the ZIP is a separate span here; the city is the city recognizer's)
        Pattern("zip_after_state", rf"(?-i:\b(?:{STATES})\b),?\s+(?P<phi>\d{{5}}(?:-\d{{4}})?)\b", 0.9),
        Pattern("zip_label", r"\b(?:zip|zip\s*code|postal\s+code)\s*[:#]?\s*(?P<phi>\d{5}(?:-\d{4})?)\b", 0.9),
    ]

    def validate_match(self, view, match, start, end, pattern):
        if pattern.name != "street":
            return True
        # the street name: the words between the house number and the first street suffix
        street = _SUFFIX_WORD.search(match.group("phi"))
        words = regex.findall(r"[A-Za-z][A-Za-z'-]*", match.group("phi")[:street.start()])
        words = [w for w in words if w.lower().rstrip(".") not in ("n", "s", "e", "w")]
        for word in words:
            lower = word.lower()
            if lower in STOP_WORDS or lower in _NOT_STREET_WORD or len(lower) < 2:
                return False
        suffix = street.group(0).lower()
        if suffix in ("st", "dr", "ct", "pl", "ter", "row", "way") and view.cased and not all(w[0].isupper() for w in words):
            return False
        return True
