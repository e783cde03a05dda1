"""Names told by their written shape: a middle initial ("Ivo F. Bragadin", "laura n. gonzalez",
"Shane M Culp" in mixed case)
or the inverted "Last, First" of charts and lists ("Axelsson, Oscar", "KARZ, DONALD").

The shape carries the evidence, so the words need less of it: the surname after a middle
initial may be an eponym ("Matthew E. Evans"), and an inverted surname need only look like a
name, as long as a listed first name follows it (in mixed case that is enough; otherwise the pair
must sit where charts put it: a line's start, after "name" or "re:", before a comma, a date of
birth or a number), or any name-like word in a chart place on both sides (without case, after
a listed surname: caseless notes misspell, "gi-ogt, hypobsds").
"""

from __future__ import annotations

import regex

from deid.recognizers.base import is_query
from deid.recognizers.contact_name_recognizer import VISITOR_VERB
from deid.recognizers.date_recognizer import MONTH
from deid.recognizers.name_tokens import CALENDAR_WORDS, WORDLIKE_GIVEN_NAMES, NameRecognizer

_W = r"\p{L}[\p{L}'’-]*\p{L}"
# "Ivo F. Bragadin", "Luiz Henrique R. Almeida", "melinda e. morales"
_MIDDLE_INITIAL = regex.compile(rf"(?<![\p{{L}}'’.-])(?P<given>{_W}(?:[ \t]{_W})?)[ \t](?P<initial>\p{{L}})(?P<dot>\.)?[ \t]?(?P<surname>{_W})")
# "Axelsson, Oscar", "van Noort, Sabas", "KARZ, DONALD"
_INVERTED = regex.compile(rf"(?<![\p{{L}}'’-])(?P<surname>(?:(?i:van|von|de|da|del|della|di|le|la|du|mac|mc)[ \t])?{_W}),"
                          rf"[ \t]*(?P<given>{_W})(?![\p{{L}}'’-])")
# (a worklist names the study first: "PACEMAKER CHECK SAXENA, ADVAITH", "echo report for")
_CHART_PLACE_BEFORE = regex.compile(r"(?:^|\n|[:;]|[ \t][-–]|\bname(?:[ \t]+is)?|\bre:?|\bfor|\bpt|\bpatient|\bcalled|\bcalling|"
                                 r"\bpaged|\bsee|\battn:?|\bcaller|\bcheck|\binterrogation|\breport|\bresults?|\becho|\bholter|"
                                 r"\bekg|\becg|\btte|\btee)[ \t]*$", regex.IGNORECASE)
_CHART_PLACE_AFTER = regex.compile(r"[ \t]*(?:[,;(–-]|$|\d|(?:dob|mrn|d\.o\.b|phone|ph|tel|ssn)\b|at[ \t]+[\d(+]|"
                                   rf"{MONTH}\.?[ \t]+\d)",
                                   regex.IGNORECASE | regex.MULTILINE)
# the pair then an age and sex, as a handoff writes its patient: "FRANZESE, TUNG - 71M"
_AGED_AFTER = regex.compile(r"[ \t]*(?:[-–—,:][ \t]*)?\d{1,3}[ \t]?(?:y/?o[ \t]?|yo[ \t]?)?[mf](?!\p{L})", regex.IGNORECASE)
# a study or device word after the pair, in capitals: "ICU HANDOFF: SARAN, BARTEK IABP 1:1"
_WORD_AFTER = regex.compile(r"[ \t]+(?P<word>\p{L}[\p{L}/-]*)")
# a number right after the pair: "NO SHOW: BOHNBACH, SIEGRUN 169154", "CALLED GUERRA, LORENZO AT 555-..."
_NUMBER_AFTER = regex.compile(r"[ \t]*(?:at[ \t]+)?[(+]?[A-Za-z]?\d", regex.IGNORECASE)
_PARTICLES = frozenset("van von de da del della di le la du mac mc".split())
# "Imke de Leeuw", "Michelle van der Kint", "Jet de Vroege": a surname particle written small
# between two capitalised words (not "ten", "der", "den" alone: English words before a name)
_PARTICLE_NAME = regex.compile(rf"(?<![\p{{L}}'’.-])(?P<given>\p{{Lu}}\p{{Ll}}[\p{{L}}'’-]*) (?:van|von|de|da|das|dos|del|della|di|du|le|la)"
                               rf"(?: (?:la|der|den|los))? (?P<surname>\p{{Lu}}\p{{Ll}}[\p{{L}}'’-]*\p{{L}})(?![\p{{L}}'’-])")


# "Ó Frainclín", "NÍ BHRIAIN": the Irish particles are no English word, in any case
_IRISH_PARTICLE_NAME = regex.compile(r"(?<![\p{L}'’.-])(?:Ó|Ní|NÍ) (?P<surname>\p{L}[\p{L}'’-]*\p{L})")


class NameShapeRecognizer(NameRecognizer):
    WEAK = True

    def find(self, view, deadline):
        text = view.text
        for match in _MIDDLE_INITIAL.finditer(text, overlapped=True, timeout=deadline.remaining()):
            given = match.group("given").split()
            if not match.group("dot") and not (view.cased and text[match.end("initial"):match.end("initial") + 1] == " "):
                continue  # "Shane M Culp" needs case to tell the initial from a word ("pt a ox3")
            surname = match.group("surname")
            if not view.cased and len(given) == 2 and self.lexicons.is_curated_term(given[0]):
                continue  # "echo filippo w. bottaro": the study a worklist line opens with (the next match starts after it)
            if self._initial_ok(match.group("initial"), view.cased) and all(self._given(w, view.cased) for w in given) \
                    and self._surname(surname, view.cased, after_initial=True) \
                    and (view.cased or given[0].lower() in self.lexicons.first_names  # "replete k. begin"
                         or self._rare_pair(given[0], surname)):  # "kerstin l. heß", "filippo w. bottaro"
                yield self.result(match.start("given"), match.end("surname"), 0.75)
        if view.cased:
            for match in _PARTICLE_NAME.finditer(text, timeout=deadline.remaining()):
                if self._before_particle(match.group("given")) and self._surname(match.group("surname"), True):
                    yield self.result(match.start(), match.end(), 0.7)
        for match in _IRISH_PARTICLE_NAME.finditer(text, timeout=deadline.remaining()):
            if not self.evidence.is_excluded(match.group("surname")):
                yield self.result(match.start(), match.end(), 0.7)
        query = is_query(text)
        for match in _INVERTED.finditer(text, overlapped=True, timeout=deadline.remaining()):  # "CATH, LEDOUX, RAYMOND"
            surname, given = match.group("surname"), regex.sub(r"['’]s$", "", match.group("given"))
            before = _CHART_PLACE_BEFORE.search(text, max(0, match.start() - 20), match.start())
            # without case, a chart place before and a record number after ("NO SHOW: WHITE, DALE T9267232"),
            # or in a query what a person does ("pt makinde, motunrayo wants to know")
            numbered = not view.cased and before and (_NUMBER_AFTER.match(text, match.end())
                                                      or query and VISITOR_VERB.match(text, match.end()))
            aged = not view.cased and before and _AGED_AFTER.match(text, match.end())
            after = _CHART_PLACE_AFTER.match(text, match.end()) or numbered or aged or self._clinical_after(text, match.end(), view.cased)
            # or, in a query, both sides chart places and a given name English hardly knows: "RE: BHARDWAJ, UPASNA - CRT-D"
            foreign = not view.cased and query and before and after and self.lexicons.zipf(given) < 2.5 \
                and not self.evidence.misspelt(given.lower()) and "-" not in surname  # (not charting: "gi-ogt, hypobsds")
            # or a given name that is mostly a name between chart places: "SCREEN 5/3/25: LONG, TIMOTHY, AGE 91"
            named = not view.cased and before and after and self.evidence.mostly_name(given)
            if not self._surname(surname.split()[-1], view.cased, relaxed=bool(numbered or foreign or named)):
                continue
            if view.cased and query and self._rare_given(given) and surname.lower() not in self.lexicons.regions:
                # a one-line query inverts a name anywhere: "can we move Ossola, Fabio to the NP?"
                yield self.result(match.start(), match.start("given") + len(given), 0.7)
                continue
            # a listed given name: anywhere in mixed case ("Does Brown, Carlos qualify"), in a chart
            # place otherwise; any given name that looks like one where both sides are chart places
            listed = self._listed_given(given, view.cased)
            if aged and self._surname(surname.split()[-1], False, relaxed=True) and self._aged_given(given):
                yield self.result(match.start(), match.end(), 0.7)  # "SIGN OUT: FRANZESE, TUNG - 71M"
                continue
            if listed and (view.cased or before or after) or before and after and self._given(given, view.cased) \
                    and (given[1:].islower() if view.cased else self.lexicons.is_name(surname.split()[-1]) or numbered or foreign):
                yield self.result(match.start(), match.end(), 0.7)

    def _clinical_after(self, text: str, end: int, cased: bool) -> bool:
        """Without case, a test, device or drug right after the pair ends it as a chart place does ("IABP", "TTE")."""
        following = None if cased else _WORD_AFTER.match(text, end)
        return following is not None and self.lexicons.is_curated_term(following.group("word"))

    def _aged_given(self, word: str) -> bool:
        """A given name before an age and sex: any Census name or uncommon word (Zipf < 3.5) that is no clinical word."""
        lex, lower = self.lexicons, word.lower()
        return not self.evidence.is_excluded(word) and not lex.is_clinical(lower) and lower not in CALENDAR_WORDS \
            and (lex.is_name(lower) or lex.zipf(lower) < 3.5)

    def _rare_pair(self, given: str, surname: str) -> bool:
        """Without case, an unlisted given name and surname around an initial: both rare (Zipf < 2.5), or one
        of them unknown to English and the other uncommon (< 3), as charting words are not ("replete k. begin")."""
        zipfs = sorted((self.lexicons.zipf(given), self.lexicons.zipf(surname)))
        return zipfs[1] < 2.5 or zipfs[0] < 1.0 and zipfs[1] < 3.0

    def _rare_given(self, word: str) -> bool:
        """A capitalised given name: listed, or rare in English (Zipf < 3) and not clinical, a region or a calendar word."""
        lex, lower = self.lexicons, word.lower()
        if not (word[0].isupper() and word[1:].islower()) or self.evidence.is_excluded(word) or lower in lex.regions \
                or lower in CALENDAR_WORDS or lex.is_clinical(lower):
            return False
        return lower in lex.first_names and lex.zipf(lower) < 5.5 or lex.zipf(lower) < 3.0

    def _before_particle(self, word: str) -> bool:
        """A given name before a particle surname: the particle carries the evidence, so an
        everyday word will do ("Jet de Vroege"), but not a rare clinical one ("Torsades de Pointes")."""
        lex, lower = self.lexicons, word.lower()
        if self.evidence.is_excluded(word) or lower in CALENDAR_WORDS or lower in lex.regions \
                or lex.is_curated_term(lower) and lower not in lex.first_names:
            return False
        return not lex.is_clinical(lower) or lower in lex.first_names or lex.zipf(lower) >= 3.0

    def _initial_ok(self, initial: str, cased: bool) -> bool:
        return initial.isupper() if cased else True

    def _given(self, word: str, cased: bool) -> bool:
        """A given name before a middle initial: listed, or rare and capitalised where case counts."""
        lex, lower = self.lexicons, word.lower()
        if self.evidence.is_excluded(word) or lex.is_clinical(lower) and not lex.is_name(lower):
            return False
        if cased:
            return word[0].isupper() and not word.isupper() and (lower in lex.first_names or lex.zipf(lower) < 3.5)
        zipf = lex.zipf(lower)
        return lower in lex.first_names and (zipf < 5.0 or zipf < 5.5 and lower not in WORDLIKE_GIVEN_NAMES) or zipf < 3.0

    def _listed_given(self, word: str, cased: bool) -> bool:
        lex, lower = self.lexicons, word.lower()
        if cased and not (word[0].isupper() and (word[1:].islower() or word.isupper() and len(word) > 4)):
            return False
        return lower in lex.first_names and lex.zipf(lower) < 5.5 and not self.evidence.is_excluded(word) \
            and not lex.is_clinical(lower)  # "SHORT PERIOD, MAE": moves all extremities

    def _surname(self, word: str, cased: bool, relaxed: bool = False, after_initial: bool = False) -> bool:
        """A surname: capitalised where case counts, and listed or rare; the shape lets an
        eponymous surname count too ("Matthew E. Evans", "Marsh, Thomas"). ``relaxed``: a chart
        place on both sides admits commoner words ("WHITE", "ARSLAN": Zipf < 6 listed, < 3 not);
        ``after_initial``: so does a middle initial, a little ("Fedele J. Forza": Zipf < 3.5 capitalised)."""
        lex, lower = self.lexicons, word.lower()
        if self.evidence.is_excluded(word) or lower in _PARTICLES:
            return False
        parts = lower.split("-")
        if len(parts) == 2 and all(parts) and lex.is_name(parts[0]) and lex.is_name(parts[1]):
            return not cased or word[0].isupper()  # a double-barrelled surname: "King-Hill, Amanda"
        if lex.is_clinical(lower) and not lex.is_name(lower):
            return False
        if cased and (not word[0].isupper() or word.isupper() and len(word) <= 4):
            return False
        if lex.is_name(lower):
            return lex.zipf(lower) < (6.0 if relaxed else 5.5)
        if relaxed and not cased and (len(lower) < 4 or not regex.search(r"[aeiouy]", lower)):
            return lex.zipf(lower) < 2.0  # "VSS, PA'S 30": an abbreviation, not a surname
        return lex.zipf(lower) < (3.5 if cased and after_initial else 3.0 if cased or relaxed else 2.5 if after_initial else 2.0)
