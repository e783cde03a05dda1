"""Names with no context cue, from the Census name lists: "Veronica Hickey visited".

Without context the recognizer is careful: in mixed-case text it wants a capitalised
first name followed by a capitalised surname-like word, or a rare capitalised census
name; in ALL-CAPS or lower-case text it wants first name + surname both in the lists
and both rare in general English. Clinical vocabulary vetoes it.
"""

from __future__ import annotations

import regex

from deid.recognizers.base import is_query
from deid.recognizers.contact_name_recognizer import VISITOR_VERB
from deid.recognizers.date_recognizer import MONTH
from deid.recognizers.name_tokens import (CALENDAR_WORDS, DEPARTMENT_AFTER, DRUG_STEMS, WORDLIKE_GIVEN_NAMES, NameRecognizer,
                                         given_first, medical_shaped)

# a word, not the letters of "SpO2" or "MSO4"
_WORD = regex.compile(r"(?<![\p{L}\p{N}])(?:\p{L}[\p{L}'’-]*\p{L}|\p{Lu}\.?)(?![\p{L}\p{N}])")
_ARTICLE_BEFORE = regex.compile(r"\b(?:the|a|an)[ \t]+$", regex.IGNORECASE)
_WEARING_TIME = regex.compile(r"[ \t]+(?:x[ \t]*)?\d{1,3}[ \t-]*(?:h|hr|hrs|hours?|d|days?)\b|[ \t]+(?:monitor|patch)\b",
                           regex.IGNORECASE)
_SET_OFF_BEFORE = regex.compile(r"(?:^|[,:;(.!?]|[ \t][-–])[ \t]*$")
_SET_OFF_AFTER = regex.compile(r"[ \t]*(?:[,;:)]|[ \t][-–][ \t]|$)")
# a record or phone number after a name: "9076730", "E87142402", "46-558-91833", "+1 555 279 2519", "(553) 273-4750"
_RECORD_NUMBER_AFTER = regex.compile(r"[ \t]+(?:[A-Za-z]?\d{6,}|\d{2,3}-\d{3}-\d{3,5}|\+\d|\(\d{3}\)|\d{3}[ .-]\d{3}[ .-]\d{4})\b")
# where a chart puts a patient's name: before a record or phone number, a label, or an age and sex
# or a date, as worklists and identity checks write it ("ZOLTAN KOVACS 09-NOV-2020 TEE", "maja goedhart aug 21st")
_ANCHOR_AFTER = regex.compile(rf"{_RECORD_NUMBER_AFTER.pattern}|,?[ \t]+(?:(?:w/[ \t]*)?(?:mrn|dob|d\.o\.b\.?|ssn)\b|"
                              r"\d{1,3}[ \t]?(?:m|f|yo|y/o)\b|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b|\d{1,2}-[a-z]{3}-\d{2,4}\b|"
                              rf"\d{{4}}-\d{{2}}-\d{{2}}\b|{MONTH}\.?[ \t]+\d{{1,2}}(?!\d))",
                              regex.IGNORECASE)
_PLACE_BEFORE = regex.compile(r"\b(?:in|from|at|to|near|of|via)[ \t]+$", regex.IGNORECASE)


class LexiconNameRecognizer(NameRecognizer):
    WEAK = True

    def find(self, view, deadline):
        text = view.text
        words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, timeout=deadline.remaining())]
        lex = self.lexicons
        i = 0
        while i < len(words):
            start, end, word = words[i]
            lower = word.lower()
            if regex.fullmatch(r"\p{Lu}\.", word) and i + 1 < len(words):
                # "W. Brevallo", "J. Chang": an initial and a surname
                nxt = words[i + 1]
                rare_then_verb = not view.cased and self.lexicons.zipf(nxt[2]) < 1.5 and len(nxt[2]) > 3 \
                    and not self.lexicons.is_clinical(nxt[2]) and VISITOR_VERB.match(text, nxt[1])
                if text[end:nxt[0]] in (" ", "") and (self._is_initial_surname(nxt[2], view.cased) or rare_then_verb):
                    yield self.result(start, nxt[1], 0.7)
                    i += 2
                    continue
            if (lower in lex.first_names or self._hyphenated_given(lower)) and not lex.is_clinical(lower) \
                    and not self.evidence.is_excluded(word):
                nxt = words[i + 1] if i + 1 < len(words) else None
                adjacent = nxt and regex.fullmatch(r"[ \t]{1,2}|[ \t]?[A-Z]\.[ \t]", text[end:nxt[0]] or "x") \
                    and not regex.search(r"['’]s$", word)  # "Alejandro's Holter": a possessive ends the name
                rare_then_verb = nxt and not view.cased and self.lexicons.zipf(nxt[2]) < 2.0 and len(nxt[2]) > 3 \
                    and not self.lexicons.is_clinical(nxt[2]) and VISITOR_VERB.match(text, nxt[1])
                query = is_query(text)
                # a curated term after a given name is the monitor it names when a wearing time follows ("Joyce Holter 24h")
                test_named = bool(nxt) and lex.is_curated_term(nxt[2]) and bool(_WEARING_TIME.match(text, nxt[1]))
                if adjacent and not test_named and (self._is_surname(nxt[2], view.cased, query, word) or rare_then_verb) \
                        and self._first_ok(word, view.cased) or adjacent and query and not view.cased \
                        and (self._set_off_pair(text, start, nxt[1], word, nxt[2]) or self._common_pair(word, nxt[2])
                             or self._anchored_pair(text, start, nxt[1], word, nxt[2])
                             or self._everyday_given(lower) and self._rare_unknown(nxt[2])):
                    # (a given name as common as "David" before a word no dictionary knows: "DAVID JACQUOT IABP 1:1")
                    yield self.result(start, nxt[1], 0.75)
                    i += 2
                    continue
                if (view.cased or view.mostly_lower) and word[0].isupper() and not word.isupper() and (
                        lex.zipf(lower) < 4.0 and not self._sentence_start(text, start) or lex.zipf(lower) < 3.5
                        or query and lex.zipf(lower) < 4.6 and VISITOR_VERB.match(text, end)
                        or view.mostly_lower and lex.zipf(lower) < 5.0 and not self._sentence_start(text, start)
                        or (query or view.mostly_lower) and self._everyday_given(lower) and not self._sentence_start(text, start)):
                    # (a query's first word too, when it does what people do: "Erin keeps asking"; a given name
                    # as common as "John" capitalised mid-sentence where little else is: "can John still take")
                    yield self.result(start, end, 0.55)
            elif view.cased and i + 1 < len(words) and self._unlisted_first_name(word, text, start) \
                    and text[end:words[i + 1][0]] == " " and self._is_surname(words[i + 1][2], True, first=word) \
                    and (words[i + 1][2].lower() in lex.last_names or self._rare_pair(word, words[i + 1][2], text, start)) \
                    and not self._is_place(word, words[i + 1][2]):
                # "Homero Portillo called": a rare capitalised word no list knows, then a census surname
                # (or, mid-sentence or in a query, another such word: "Advaith Zacharia has")
                yield self.result(start, words[i + 1][1], 0.6)
                i += 2
                continue
            elif not view.cased and i + 1 < len(words) and text[end:words[i + 1][0]] == " " and is_query(text) \
                    and self._inverted_before_number(text, word, words[i + 1]):
                # "LOOKING FOR CATH REPORT SMITH MANUEL 3017883": a surname, a given name, a record number
                yield self.result(start, words[i + 1][1], 0.7)
                i += 2
                continue
            elif not view.cased and i + 1 < len(words) and text[end:words[i + 1][0]] == " " \
                    and (self._unknown_pair(word, words[i + 1][2], text)
                         or self._anchored_pair(text, start, words[i + 1][1], word, words[i + 1][2])):
                # "CALLED FIORENZO PARPINEL AT", "thabani khoza 962-...": two words no dictionary knows
                yield self.result(start, words[i + 1][1], 0.6)
                i += 2
                continue
            elif view.cased and self._lone_surname(word, text, start):
                # "founders: Oyelaran, Whitfield and Mbeki": a capitalised census surname rare in English
                yield self.result(start, end, 0.5)
            elif view.mostly_lower and word[:1].isupper() and not word.isupper() and len(word) > 2 \
                    and not lex.is_clinical(lower) and not self.evidence.is_excluded(word) \
                    and not self._sentence_start(text, start) and (lex.is_name(lower) and lex.zipf(lower) < 5.0
                                                                   or lex.zipf(lower) < 3.0):
                # a lower-case note's rare Capitalised word: "... consulted with Vrenchak today"
                yield self.result(start, end, 0.5)
            i += 1

    def _everyday_given(self, lower: str) -> bool:
        """A Census given name more than a surname, as common as "John" (Zipf < 5.6) but no everyday word."""
        return given_first(lower, self.lexicons) and self.lexicons.zipf(lower) < 5.6 and self._plain_given(lower)

    def _hyphenated_given(self, lower: str) -> bool:
        """ "Rolf-Dieter", "Anne-Sophie": a listed given name joined to another Census name."""
        parts = lower.split("-")
        lex = self.lexicons
        return len(parts) == 2 and parts[0] in lex.first_names and all(
            lex.is_name(part) and not lex.is_clinical(part) for part in parts)

    def _inverted_before_number(self, text: str, last: str, given) -> bool:
        return bool(_RECORD_NUMBER_AFTER.match(text, given[1])) and self._common_surname(last) \
            and given[2].lower() in self.lexicons.first_names and self._plain_given(given[2])

    def _common_pair(self, first: str, last: str) -> bool:
        """In a caseless query, a common given name that is no everyday word and a Census surname English uses
        less than "brown" ("HOLTER REPORT FOR JAMES WILSON READY", "john townsend echo today")."""
        lex = self.lexicons
        return self._plain_given(first) and lex.zipf(first) < 5.6 and self._common_surname(last) \
            and not lex.is_curated_term(last) and not self.evidence.is_excluded(last)

    def _plain_given(self, word: str) -> bool:
        """A given name that is no everyday word ("JAMES", not "WILL") and not clinical."""
        return word.lower() not in WORDLIKE_GIVEN_NAMES and not self.lexicons.is_clinical(word)

    def _common_surname(self, word: str) -> bool:
        """A Census surname English uses less than "brown", not too clinical to be a name."""
        lex = self.lexicons
        return word.lower() in lex.last_names and lex.zipf(word) < 5.0 and not self.evidence.vetoes_name(word)

    def _set_off_pair(self, text: str, start: int, end: int, first: str, last: str) -> bool:
        """In an ALL-CAPS query, a listed first name and surname, even common ones, set off as an item of
        their own or followed by a record number: "CODE BLUE 4 WEST, JOHN DAVIS, PEA ARREST",
        "TRIAGE: ALICE BROWN - SOB", "CHECK JOHN TOWNSEND 9076730"."""
        lex = self.lexicons
        numbered = _RECORD_NUMBER_AFTER.match(text, end)  # "CHECK JOHN TOWNSEND 9076730 POTASSIUM"
        if not numbered and not (_SET_OFF_BEFORE.search(text, max(0, start - 3), start) and _SET_OFF_AFTER.match(text, end)):
            return False
        # (the surname may be an everyday word of the terminology's list, "SCOTT BROWN", not a curated term)
        surname = lex.is_name(last) and lex.zipf(last) < 5.0 or self.evidence.caseless_unknown(last, max_zipf=2.5)
        return lex.zipf(first) < 5.6 and surname and not lex.is_clinical(first) \
            and not lex.is_curated_term(last) and not self.evidence.is_excluded(last)

    def _unlisted_first_name(self, word: str, text: str, start: int) -> bool:
        """A capitalised, lower-case-after, rare word (Zipf < 3.2) that is not clinical: a given
        name from outside the Census lists ("Homero", "Ewan") when a surname follows."""
        lex = self.lexicons
        return len(word) > 2 and word[0].isupper() and word[1:].isalpha() and word[1:].islower() and lex.zipf(word) < 3.2 \
            and not lex.is_clinical(word) and not self.evidence.is_excluded(word)

    def _lone_surname(self, word: str, text: str, start: int) -> bool:
        """A Census surname, capitalised with small letters after, that English and medicine
        hardly use (Zipf < 3; < 4 in a one-line query), mid-sentence and not after an article ("the Passey valve").
        Notes start sentences with clipped rare words ("Poss extubate"), so a sentence's first
        word counts only in a one-line query."""
        lex, lower = self.lexicons, word.lower()
        if len(word) < 3 or not (word[0].isupper() and word[1:].islower()) or lower not in lex.last_names:
            return False
        if self._sentence_start(text, start) and not is_query(text) or _ARTICLE_BEFORE.search(text, max(0, start - 5), start) \
                or DEPARTMENT_AFTER.match(text, start + len(word)):
            return False  # (nor a department's name: "Billing dept")
        # (a one-line query, which has no shorthand, also takes commoner surnames: "Post-TAVR Moreno new LBBB")
        rare = lex.zipf(lower) < (4.0 if is_query(text) else 3.0)
        # a town's name too ("Jennings", "Collier") only where a place would stand: "from Jennings"
        place = self._is_place(word) and (not is_query(text) or _PLACE_BEFORE.search(text, max(0, start - 8), start))
        return rare and not lex.is_clinical(lower) and not self.evidence.is_excluded(word) \
            and not place and lower not in lex.regions

    def _rare_pair(self, first: str, second: str, text: str, start: int) -> bool:
        """Two capitalised words English hardly knows (Zipf < 2.5), not at a note's sentence start."""
        lex = self.lexicons
        return second[0].isupper() and second[1:].islower() and lex.zipf(second) < 2.5 and lex.zipf(first) < 2.5 \
            and not lex.is_clinical(second) and (is_query(text) or not self._sentence_start(text, start))

    def _unknown_pair(self, first: str, second: str, text: str) -> bool:
        """In a caseless query, a given name or an unknown word, then an unknown word: the names
        of other countries ("DOROTA BAWOL"). Short words may be abbreviations ("SGH ATTN")."""
        lex = self.lexicons
        if not is_query(text) or len(first) < 3:
            return False
        first_ok = lex.is_name(first) and not lex.is_clinical(first) and lex.zipf(first) < 4.5 \
            or self._rare_unknown(first)
        return first_ok and self._rare_unknown(second)

    def _anchored_pair(self, text: str, start: int, end: int, first: str, second: str) -> bool:
        """In a caseless query, two name-like words where charts put a patient: before a record
        or phone number, "MRN", "DOB" or an age and sex ("FRÉDÉRIC CAMUS 653.364.8009", "SITI ALEMDAR
        91M"), where foreign names as common as "camus" (Zipf < 3) will do; or set off as an item of
        their own ("4 WEST, BARKHA SANI, PEA ARREST"), where they must be no misspelt English."""
        if not is_query(text):
            return False
        numbered = bool(_ANCHOR_AFTER.match(text, end))
        if not numbered and not (_SET_OFF_BEFORE.search(text, max(0, start - 3), start) and _SET_OFF_AFTER.match(text, end)):
            return False
        lex = self.lexicons

        def name_like(word: str) -> bool:
            lower = word.lower()
            if lex.is_curated_term(lower) or self.evidence.is_excluded(word) or lower in CALENDAR_WORDS:
                return False
            if lex.is_name(lower):
                return lex.zipf(lower) < 5.0 and not self.evidence.vetoes_name(word)
            return len(word) >= 3 and lex.zipf(lower) < 3.0 and not lex.is_clinical(lower) and lower not in lex.regions \
                and regex.search(r"[aeiouy]", lower) is not None and not lower.endswith(DRUG_STEMS) \
                and not regex.search(r"(?:ed|ing)$", lower) and (numbered or not self.evidence.misspelt(lower))
        return name_like(first) and name_like(second)

    def _rare_unknown(self, word: str, max_zipf: float = 2.5) -> bool:
        """Rare in English (Zipf < 2.5, where wordfreq knows many foreign names), not clinical,
        not misspelt, and not shaped like a medical adjective or noun ("BIBASILAR", "TACHYPNEIC")."""
        lower = word.lower()
        return len(word) >= 4 and regex.search(r"[aeiouy]", lower) is not None and self.lexicons.zipf(lower) < max_zipf \
            and not medical_shaped(lower) and self.evidence.unknown_word(regex.sub(r"\d", "", lower), max_zipf=max_zipf)

    def _is_place(self, *words: str) -> bool:
        """"Glen Burnie", "Ellicott City": a gazetteer place is the city recognizer's, not a name."""
        return " ".join(words).lower() in self.lexicons.cities or words[0].lower() in self.lexicons.cities

    def _is_initial_surname(self, word: str, cased: bool) -> bool:
        lex = self.lexicons
        lower = word.lower()
        if lex.is_clinical(lower) or self.evidence.is_excluded(word) or len(word) < 2:
            return False
        if cased:
            return word[0].isupper() and not (word.isupper() and len(word) <= 4) and (
                lower in lex.last_names and lex.zipf(lower) < 4.5 or lex.zipf(lower) < 3.0)
        return lower in lex.last_names and lex.zipf(lower) < 4.0

    def _first_ok(self, word: str, cased: bool) -> bool:
        if cased:
            return word[0].isupper() and not word.isupper() and self.lexicons.zipf(word) < 5.0
        return self.lexicons.zipf(word) < 4.9

    def _is_surname(self, word: str, cased: bool, query: bool = False, first: str = "") -> bool:
        """After a first name. Without case a query is trusted more than a note: it has no
        telegraphic shorthand, and a listed pair is what it is about ("holter results kim palmer"),
        even with a common surname after a given name English hardly uses ("lisa white")."""
        lex = self.lexicons
        lower = word.lower()
        if self.evidence.is_excluded(word):
            return False
        if cased:  # "Robert Miller": a capitalised census surname after a first name, even if eponymous,
            # though one of our curated terms only after a listed first name ("John Foley", not "Juhász Holter")
            if lex.is_curated_term(lower) and first.lower() not in lex.first_names:
                return False
            return word[0].isupper() and not (word.isupper() and len(word) <= 4) and (
                lower in lex.last_names or lex.zipf(lower) < 3.5 and not lex.is_clinical(lower))
        if query and lower in lex.last_names and lex.zipf(lower) < 5.6 and not lex.is_curated_term(lower) \
                and first and lex.zipf(first) < 4.4 and not lex.is_clinical(first):
            return True
        if lex.is_clinical(lower):
            return False
        if query:
            return lex.is_name(lower) and lex.zipf(lower) < 4.6 or lex.zipf(lower) < 2.5 and len(word) > 2
        return lex.is_name(lower) and lex.zipf(lower) < 3.8 or lex.zipf(lower) < 1.0 and len(word) > 3

    @staticmethod
    def _sentence_start(text: str, start: int) -> bool:
        before = text[max(0, start - 3):start]
        return start == 0 or bool(regex.search(r"(?:[.!?:]\s*|\n\s*)$", before)) or before.strip() == ""
