"""Dates in every clinical form, and years tied to events (Safe Harbor: all date elements)."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern

from deid.recognizers.base import RegexRecognizer

MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
         r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)")
FULL_MONTH = r"(?:january|february|april|june|july|august|september|october|november|december)"
ORDINAL = r"\d{1,2}(?:st|nd|rd|th)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[89]\d\d|20\d\d)"

# Slash/dash fractions that are scores, vent settings or doses, not dates ("pain 5/10", "PEEP 5/5").
_NOT_DATE_BEFORE = regex.compile(
    r"(?:\b(?:peep|ps|psv|cpap|bipap|simv|imv|vent|settings?|support|pain|grade|strength|motor|scale|"
    r"rated|murmur|sem|gcs|ratio|i:e|power|reflexes|pulses?|gr|d5|ns|tv|flowby|flow-by|trial|ventilation|cp)\b|"
    r"[/*]|\dx|%,?)[\s:=]*\(?$",
    regex.IGNORECASE)
_NOT_DATE_AFTER = regex.compile(
    r"^\s*(?:ns\b|normal saline|strength|murmur|sem\b|hsm\b|holosystolic|systolic|diastolic|pain|tabs?\b|"
    # a murmur's grade before how it sounds: "2/6 harsh SEM", "3/6 soft blowing holosystolic murmur"
    r"(?:harsh|soft|loud|faint|blowing|rough|musical|high-pitched|low-pitched)(?:[ \t]+\w+)?[ \t]+"
    r"(?:murmur|sem\b|hsm\b|holosystolic|systolic|diastolic|ejection)|"
    r"pills?\b|doses?\b|peep|psv|ps\b|cpap|mmhg|cmh2o|cm\b|mm\b|units?\b|mg\b|mcg|ml\b|cc\b|sets?\b|grade|"
    r"ejection|x\s*\d|%|strength|scale|nc\b|l\b|lpm|liters?|breaths|mph|cp\b|up\b|way\b|of\s+(?:the|a)\b|rate\b|/)",
    regex.IGNORECASE)
# A four-digit number is a clock time, a volume or a count rather than a year.
_TIME_BEFORE = regex.compile(
    r"(?:@|\b(?:at|by|approx|around|~|uo|u/o|i/o|intake|output|total|net|neg|pos|positive|negative|"
    r"even|bal|balance|ivf|drain|out|in|lost|ebl|gave|given|started|plt|platelets?|wbc|k|fluid|bolus)\.?|"
    r"[-+=~>#$:,.])\s*$", regex.IGNORECASE)
_YEAR_BEFORE = regex.compile(
    r"\b(?:in|since|of|dx|dx'd|diagnosed|year|yr|born|circa|s/p|h/o|hx|until|till|after|before|during|"
    r"early|late|mid|summer|winter|spring|fall|autumn|ca|cancer|mi|cabg|cva|stroke|ptca|pci|stent|"
    r"surgery|repair|replacement|avr|mvr|transplant|bypass|cath|chf|dm|htn|tia|dvt|pe|nephrectomy|"
    r"resection|ago|last|from|to|and)\s*$",
    regex.IGNORECASE)
_TIME_AFTER = regex.compile(r"^\s*(?:hrs?\b|h\b|hours|pm\b|am\b|ml|cc|mg|kcal|cal\b|g\b|units|u\b|mcg|x\b|%|/|"
                            r"\.\d|-\s*[0-2]\d{3}\b|->|to\s+[0-2]\d{3}|until|till)",
                            regex.IGNORECASE)
_TWO_DIGIT_AFTER = regex.compile(
    r"^(?:\s*(?:%|mg|mcg|min|minutes|hrs?|hours|days?|weeks?|wks?|months?|mos?|years?|yrs?|cc|ml|x\b|"
    r"times|pm|am|units?|beats|bpm|mmhg|degrees|s\b|'s|mm|cm|kg|lbs?)|\s*[/:.\-]\d|'s|s\b)",
    regex.IGNORECASE)
_VITAL_BEFORE = regex.compile(r"\b(?:hr|bp|sbp|dbp|map|sats?|o2|rate|rr|glucose|bs|fs|fsbs|temp|k|mg|hct|"
                              r"cvp|pad|pas|ci|co|svr|i:e|ef|lvef|ratio|peep|ps|uo|be|range|level|score)"
                              r"(?:'s|s)?\s+(?:\w+\s+)?in\s+$", regex.IGNORECASE)


_ORDINAL_END = regex.compile(r"\s*(?:$|[^\w\s]|\n|(?:of|at|and|or|in|to|when|by|with|for|@)\b)", regex.IGNORECASE)
# "Pain 5/10 at rest, 7/10 with exertion": scores out of ten near a pain word
_VENT_BEFORE = regex.compile(r"\b(?:imv|simv|peep|ps|psv|cpap|bipap|ac|a/c|vent|settings?|prvc|aprv)\b[\s:=]*$",
                             regex.IGNORECASE)
# "pt in 14", "the patient in 12": where someone is, a room or bed, not a year
_PLACED_IN = regex.compile(r"\b(?:pt|patient|pts|patients|lady|gentleman|man|woman|guy)\s+in\s+$", regex.IGNORECASE)
_SCORE_CONTEXT = regex.compile(r"pain|score|scale|discomfort|pressure|tightness|heaviness|severity|intensity|rated|rates|ache|"
                               r"\d/10\b|cp\b", regex.IGNORECASE)
_SINCE = regex.compile(r"\b(?:since|until|till|dated|(?:sooner|earlier|later)\s+than)\s*$", regex.IGNORECASE)
# "around 1999": after a clock-time word, a number whose "minutes" are 60 or more is no time
_CLOCK_WORD_BEFORE = regex.compile(r"\b(?:at|by|approx|approximately|around|circa|ca)\.?\s*$|~\s*$", regex.IGNORECASE)
_DATE_CONTEXT = regex.compile(r"(?:\b(?:on|since|from|until|till|by|dated|admit(?:ted)?|d/c|dc|date|of|thru|through|"
                              r"post|pre|prior\s+to|after|before|(?:sooner|earlier|later)\s+than)|\bs/p)\s*$",
                              regex.IGNORECASE)


class DateRecognizer(RegexRecognizer):
    ENTITY = "DATE"
    PATTERNS = [
        # 2023-03-14, 2023-03-14T10:00, 2023-03-14 10:00:00Z
        Pattern("iso", rf"\b(?P<phi>{YEAR4}-(?:0[1-9]|1[0-2])-(?:[12]\d|3[01]|0[1-9])"
                       r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)(?!\d)", 0.95),
        # 3/14/2023, 03-14-23, 7/22, 12/82 (month/year), 10/16
        Pattern("numeric", r"(?<![\d/:]|\d\.)(?P<phi>(?:1[0-2]|0?[1-9])(?P<sep>[/-])(?:[12]\d|3[01]|0?[1-9])"
                           r"(?:(?P=sep)(?:\d{4}|\d{2}))?)(?![\d/]|[.:]\d|-\d\d\d)", 0.8),
        # 3.14.2023: dotted, only with a four-digit year
        Pattern("dotted", rf"(?<![\d.])(?P<phi>(?:1[0-2]|0?[1-9])\.(?:[12]\d|3[01]|0?[1-9])\.{YEAR4})(?!\d|\.\d)", 0.9),
        # 19.01.1995: dotted day first (European), when the first number cannot be a month
        Pattern("dotted_day_first", rf"(?<![\d.])(?P<phi>(?:1[3-9]|2\d|3[01])\.(?:1[0-2]|0?[1-9])\.{YEAR4})(?!\d|\.\d)", 0.9),
        # 14/03/2023: day first, when the first number cannot be a month
        Pattern("day_first", rf"(?<![\d/.])(?P<phi>(?:1[3-9]|2\d|3[01])/(?:1[0-2]|0?[1-9])/{YEAR4})(?![\d/])", 0.9),
        # 4/97, 12/82: month and two-digit year (the second number cannot be a day)
        Pattern("month_short_year", r"(?<![\d/:]|\d\.)(?P<phi>(?:1[0-2]|0?[1-9])/(?:3[2-9]|[4-9]\d|0\d))(?![\d/]|[.:]\d)", 0.7),
        # 1/2019, 10-2019 (month/four-digit year)
        Pattern("month_year", rf"(?<![\d/.])(?P<phi>(?:1[0-2]|0?[1-9])[/-]{YEAR4})(?![\d/])", 0.85),
        # 14-Mar-2023, 14 Mar 2023, 21 Apr, 21, 3rd of March
        Pattern("day_month", rf"\b(?P<phi>{DAY}[\s-]*(?:of\s+)?{MONTH}\b\.?(?:[\s,-]*(?:{YEAR4}(?!\d|:\d)|'?\d\d(?![\d:])))?)", 0.9),
        # March 14th, 2023; Mar 14; March of 1993; nov. 2016; may 15'
        Pattern("month_day", rf"\b(?P<phi>{MONTH}\b(?:(?<=\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept|sep|oct|nov|dec))\.)?(?:\s*{DAY}\b'?)?(?:,?\s*(?:of\s+)?(?:{YEAR4}|'\d\d)(?!\d))?)", 0.85),
        # on the 3rd, the 21st
        Pattern("ordinal_day", rf"\b(?:on|the|by|until|since)\s+(?:the\s+)?(?P<phi>{ORDINAL})\b", 0.7),
        # '05, CA'88 (apostrophe before), 62' and 15' (apostrophe after)
        Pattern("apostrophe_year", r"(?<![\d'])(?P<phi>'\d\d)(?![\d'])|(?<![\d.'/])(?P<phi>\d\d')(?![\w\"']|\s*\d)", 0.8),
        # S/P MI 1992, since 1999, RENAL CELL CA 1977
        Pattern("year", rf"(?<![\d/.,:-])(?P<phi>{YEAR4})(?:'?s)?(?![\d/:]|\.\d)", 0.6),
        # CABG in 05, CVA in 94 and 00
        Pattern("event_two_digit_year", r"\b(?:in|since)\s+(?P<phi>\d\d)\b", 0.55),
        Pattern("event_two_digit_year_and", r"\b(?:in|since)\s+\d\d\s*(?:and|&|,)\s*(?P<phi>\d\d)\b", 0.55),
        # Holidays name a date
        Pattern("holiday", r"\b(?P<phi>christmas(?:\s+eve)?|thanksgiving|easter|new\s+year'?s(?:\s+(?:eve|day))?|"
                           r"halloween|valentine'?s\s+day|independence\s+day|fourth\s+of\s+july|labor\s+day|"
                           r"memorial\s+day)\b", 0.7),
    ]

    def validate_match(self, view, match, start, end, pattern):
        text = view.text
        before = text[max(0, start - 28):start]
        after = text[end:end + 40]  # (room for "2/6 soft blowing holosystolic")
        name = pattern.name
        if name == "ordinal_day":
            return bool(_ORDINAL_END.match(after))
        if name == "numeric":
            if regex.search(r"\d[x*]$", before, regex.IGNORECASE) or regex.search(r"\d-$", before) and \
                    regex.search(r"/(?:5|10)$", match.group("phi")) or regex.match(r"[%x]|/\d", after) or (
                    regex.search(r"(?:^|[^\w.])\d\s$", before) and regex.fullmatch(r"[1-7]/[2348]", match.group("phi"))):
                return False  # "600X12/5/65%", "3-4/10", "1 1/2"
            has_year = match.group("phi").count(match.group("sep")) == 2
            if match.group("sep") == "-" and not has_year:
                return False  # "2-3", "12-16": ranges, not dates
            if not has_year and (_NOT_DATE_BEFORE.search(before) or _NOT_DATE_AFTER.match(after)):
                return False
            if has_year and _VENT_BEFORE.search(before):
                return False  # "IMV 12/5/40": rate / PEEP / FiO2
            month, day = (int(x) for x in regex.split(r"[/-]", match.group("phi"))[:2])
            line_before = text[max(0, start - 60):start].rsplit("\n", 1)[-1]
            if not has_year and day == 10 and month <= 10 and _SCORE_CONTEXT.search(line_before) \
                    and not _SINCE.search(before):  # "tightness since 3/10" is a date
                return False
            if not has_year and (day <= 4 and month < day or month == day and month <= 10) \
                    and not _DATE_CONTEXT.search(before):
                return False  # 1/2, 3/4: fractions unless the text says a date comes
            return 0.95 if has_year else True
        if name == "month_day":
            return self._month_word_ok(view, match, start, end, before)
        if name == "day_month":
            word = regex.search(MONTH, match.group("phi"), regex.IGNORECASE).group(0).lower()
            if word in ("mar", "march", "may", "dec", "sept", "sep") and not regex.search(r"\d\s*(?:of\s+)?\w+\.?[\s,-]*\d", match.group("phi")):
                # "2 mar", "1 dec" without a year: day-month only when the number is an ordinal
                if not regex.match(ORDINAL, match.group("phi"), regex.IGNORECASE):
                    return False
            return True
        if name == "year":
            value = int(text[start:end])
            if value > 2039 or value < 1900:
                return False
            if _TIME_AFTER.match(after):
                return False
            if _YEAR_BEFORE.search(before):
                return 0.75
            if _TIME_BEFORE.search(before) and not (value % 100 >= 60 and _CLOCK_WORD_BEFORE.search(before)):
                return False
            return True
        if name.startswith("event_two_digit_year"):
            if _TWO_DIGIT_AFTER.match(after) or _VITAL_BEFORE.search(text[max(0, start - 30):start]) \
                    or _PLACED_IN.search(text[max(0, start - 20):start]):
                return False  # "SBP in 90s", "pt in 14 is bradycardic" (a room)
            return True
        return True

    @staticmethod
    def _month_word_ok(view, match, start, end, before) -> bool | float:
        phi = match.group("phi")
        word = regex.match(MONTH, phi, regex.IGNORECASE).group(0)
        rest = phi[len(word):].strip(" .,")
        if rest:  # a day or year follows: a date
            if word.lower() in ("may", "march", "dec", "mar") and not regex.search(r"\d", rest):
                return False
            if word == "may" and phi[3:4] == ".":
                return False  # "May. 17" is capitalised ("I may. 5 mg" is a sentence's end)
            return True
        lower = word.lower()
        month_context = regex.search(r"\b(?:in|since|of|early|late|mid|last|this|next|until|by|from|during|"
                                     r"through|end\s+of|beginning\s+of)\s*$", before, regex.IGNORECASE)
        if regex.fullmatch(FULL_MONTH, lower):
            # a lone full month name: proper-case or in a month context
            return True if (month_context or word[0].isupper() and view.cased) else False
        if lower in ("may", "march"):
            month_context = regex.search(r"\b(?:in|since|of|early|late|mid|until|during|through)\s*$", before,
                                         regex.IGNORECASE)
            return 0.6 if month_context and not view.cased or (month_context and word[0].isupper()) else False
        # abbreviations alone ("in sept.") only in a month context
        return 0.6 if month_context and (phi.endswith(".") or lower not in ("dec", "mar", "sept")) else False
