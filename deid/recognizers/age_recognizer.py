"""Ages over 89 (Safe Harbor aggregates them into "90 or older").

A number from 90 to 119 is also a heart rate, a saturation, a blood pressure, a weight or a
glucose, so a bare number is an age only when an age word ("yo", "age"), a sex marker ("92M")
or a person decides: "my grandpa is 103", "Pt Novak is 94", "I am 92", "he turned 91",
"Ana Ruiz, 91, lives alone", "Ana Ruiz (96) with MR".
"""

from __future__ import annotations

from typing import Iterable

import regex
from presidio_analyzer import Pattern, RecognizerResult

from deid.recognizers.base import RegexRecognizer, found_after_names

_AGE = r"(?:9\d|1[01]\d)"
# what may follow a number that is a measurement, not an age: "96%", "96 kg", "94 on 2L"
_NOT_AGE_AFTER = (r"(?!\s*(?:%|mg|mmhg|bpm|/|\.\d|kg|lbs?|pounds|cm|mm|min|sec|ml|cc|units|mcg|degrees|"
                  r"on\s+(?:ra\b|room|\d|nc\b|nrb|bipap|cpap|hfnc|high|the\s+vent|vent|face|fm\b|fio2|\d+\s*l)|"
                  r"percent|o2|sat|over|/\d|-[ \t]*\d|to[ \t]+\d))")
# people whose age is told: relatives (with common misspellings), the patient, pronouns
_PERSON = (r"(?:grand\p{L}{0,10}|great[ \t-]+grand\p{L}{0,10}|\p{L}{0,8}mother|\p{L}{0,8}father|\p{L}{0,8}moth\p{L}{0,2}r|mom|mum|dad|"
           r"husband|husbnd|husb|hubby|wife|spouse|son|daughter|sister|brother|aunt|auntie|uncle|nana|nanna|granny|gran|grampa|gramps|papa|mama|neighbou?r|friend|"
           r"patient|pt|he|she|man|woman|male|female|gentleman|lady|who)")
_NAME_WORD = r"(?-i:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.)"
# a series of vitals or levels ends here: "HR 92", "Sats, 92,", "weight 95m"
_VITALS_BEFORE = regex.compile(r"\b(?:hr|sbp|dbp|bp|sats?|spo2|o2|rr|pulse|weight|wt|glucose|bs|fs|fsbg|temp|tmax|tm|vitals|vs|rate|sugar|"
                               r"pressure|score|level|count|walked|ambulated|distance)\b[^.;\n]{0,20}$", regex.IGNORECASE)
# a temperature right before a number with F: "Temp 98F", "Tmax: 99F"
_TEMPERATURE_BEFORE = regex.compile(r"\b(?:temp|temperature|tmax|tm|t|vitals|vs)\b[ \t:=]*$", regex.IGNORECASE)
# after a name found with confidence: "Murphy, Callum is 94", "my husbnd da cruz is 94"
_AGE_AFTER_NAME = regex.compile(rf"[ \t]+(?:is|was|turned|turns|will[ \t]+be)(?:[ \t]+(?:now|only|already|almost|nearly|just|about))?"
                                rf"[ \t]+(?P<phi>{_AGE})\b{_NOT_AGE_AFTER}", regex.IGNORECASE)
_AGE_WORDS = r"(?:ninety|one[ \t]+hundred(?:[ \t]+and)?)(?:[ \t-](?:one|two|three|four|five|six|seven|eight|nine))?"


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
                                    rf"(?P<phi>{_AGE})\b{_NOT_AGE_AFTER}", 0.75),
        # "my grandpa is 103", "Pt Novak is 94", "my mother Ana Ruiz is 96", "I am 92", "he turned 91"
        Pattern("age_is", rf"(?:\b{_PERSON}(?:[ \t]+{_NAME_WORD}){{0,3}}|\bI)(?:[ \t]+(?:is|was|am|'s|turned|turns|turning|will[ \t]+be))"
                          rf"(?:[ \t]+(?:now|only|already|almost|nearly|just|about))?[ \t]+(?P<phi>{_AGE})\b{_NOT_AGE_AFTER}",
                          0.75),
        # lower case: "my dad amber jones is 90" (the words between must be names, not "heart rate")
        Pattern("age_is_lower_name", rf"\b{_PERSON}(?P<names>(?:[ \t]+\p{{Ll}}[\p{{Ll}}'’-]+){{1,3}})[ \t]+(?:is|was|turned|turns)"
                                     rf"[ \t]+(?P<phi>{_AGE})\b{_NOT_AGE_AFTER}", 0.75),
        # "my mom is ninety-two"
        Pattern("age_is_words", rf"\b{_PERSON}(?:[ \t]+{_NAME_WORD}){{0,3}}[ \t]+(?:is|was|turned|turns|will[ \t]+be)"
                                rf"(?:[ \t]+(?:now|only|already|almost|nearly|just))?[ \t]+(?P<phi>{_AGE_WORDS})\b(?![ \t-]*(?:percent|%|beats|bpm|over))", 0.75),
        # "95/F", "my dad (94) has AF"
        Pattern("age_slash_sex", rf"(?<![\d/.])(?P<phi>{_AGE})[ \t]*/[ \t]*(?-i:[MF])\b(?!/)", 0.8),
        Pattern("age_after_relative", rf"\b{_PERSON}[ \t]*\([ \t]*(?P<phi>{_AGE})[ \t]*\)", 0.75),
        Pattern("age_contracted", rf"\b(?:i'm|i’m|he's|she's|he’s|she’s|(?:i|he|she)['’]ll[ \t]+be)[ \t]+(?:now[ \t]+|only[ \t]+|almost[ \t]+|nearly[ \t]+)?"
                                  rf"(?P<phi>{_AGE})\b{_NOT_AGE_AFTER}", 0.75),
        # "Ana Ruiz, 91, lives alone", "for Ana Ruiz, 104?", "Novak (96) with MR": a bare number set off after a name
        Pattern("age_after_name", rf"(?-i:\b(?P<name>\p{{Lu}}[\p{{Ll}}'’-]+))(?:,[ \t]*(?P<phi>{_AGE})(?:,(?![ \t]*\d)|\?|\.(?!\d)|$)|[ \t]*\((?P<phi>{_AGE})\))", 0.7),
        # "tanner wilson 91m, sob", "teaching file: 98f with": a lower-case sex letter, as chat and handoffs write it
        Pattern("age_sex_lower", rf"(?<=(?:\p{{L}},?[ \t]|[:;(][ \t]?)[ \t]{{0,2}})(?P<phi>{_AGE})(?-i:[mf])(?![\p{{L}}\d/'’-])", 0.75),
        Pattern("nonagenarian", r"\b(?P<phi>nonagenarian|centenarian)\b", 0.8),
    ]

    def validate_match(self, view, match, start, end, pattern):
        if pattern.name == "age_is_lower_name":
            lex = self.lexicons
            return all(lex.is_name(w) and (lex.zipf(w) < 5.0 or w in lex.first_names and lex.zipf(w) < 5.5)
                       or not lex.is_clinical(w) and lex.zipf(w) < 3.5 for w in match.group("names").split())
        if pattern.name == "age_unit" and match.group(0)[-1] in "MF" and _TEMPERATURE_BEFORE.search(view.text[max(0, start - 12):start]):
            return False  # "Temp 98F": degrees Fahrenheit
        if pattern.name == "age_sex_lower":
            return not _VITALS_BEFORE.search(view.text[max(0, start - 30):start])
        if pattern.name == "age_after_name":
            name = match.group("name")
            lex = self.lexicons
            if lex.is_clinical(name) and not lex.is_name(name):
                return False  # "Lasix (90)", "Sats, 92,"
            before = regex.search(r"(?-i:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.)[ \t]+$", view.text[max(0, match.start() - 30):match.start()])
            full_name = before is not None and lex.zipf(name) < 5.0 and (
                before.group(0).split()[0].lower() in lex.first_names or before.group(0).strip().endswith("."))
            if not (lex.is_name(name) or lex.zipf(name) < 3.0 or full_name):
                return False  # an ordinary capitalised word: "Weight, 95,"; but "Amy Renault, 97,"
            if _VITALS_BEFORE.search(view.text[max(0, start - 30):end]):
                return False  # a series of vitals
        return True


def ages_after_names(text: str, found: Iterable[RecognizerResult], min_score: float = 0.5) -> list[RecognizerResult]:
    """An age told right after a name found with confidence ("Murphy, Callum is 94"): the name says
    whose number it is, as a person word does in the patterns above, whatever words the name uses."""
    return found_after_names(text, found, _AGE_AFTER_NAME, "AGE", 0.75, "AgeAfterName", min_score)
