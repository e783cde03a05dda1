"""Cities, towns and counties from the GeoNames gazetteer, when the text uses them as places.

"lives in Hagerstown", "from baltimore", "Frederick, MD". A gazetteer hit needs a place cue
(a preposition, a following state) unless it is a capitalised, rare word in mixed-case
text; states and countries are not PHI under Safe Harbor and are left alone.
"""

from __future__ import annotations

import regex

from spacy.lang.en.stop_words import STOP_WORDS

from deid.recognizers.address_recognizer import STATES
from deid.recognizers.base import ClinicalRecognizer

_WORD = regex.compile(r"[A-Za-z][A-Za-z'.-]*[A-Za-z]")
_PLACE_BEFORE = regex.compile(r"\b(?:in|from|to|at|near|of|lives|living|resides|resident|moved|visiting|"
                              r"returned|return|travel(?:l?ed)?|town|city|county|outside)\s+(?:the\s+)?$", regex.IGNORECASE)
_PLACE_WORDS = regex.compile(r"([A-Za-z][A-Za-z'.-]*[A-Za-z])(?:[ \t]+([A-Z][A-Za-z'.-]*[A-Za-z]))?")
_RESIDES = regex.compile(r"\b(?:lives|living|resides|residing|moved|lived|resident\s+of|native\s+of|home\s+is)"
                         r"\s+(?:alone\s+|nearby\s+|here\s+)?(?:in|at|to|near)\s+(?:the\s+)?", regex.IGNORECASE)
_CAPITALISED_PLACE = regex.compile(
    r"(?-i:\b(?:in|from|near|of|to)\s+(?P<phi>[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,}){0,2}))(?=\s+area\b|\s*,\s*[A-Z]{2}\b|[\s.,;)]|$)")
# Postal codes that are also credentials or words ("Whitfield, MD" is a doctor) do not count as cues.
_UNAMBIGUOUS_STATES = "|".join(s for s in STATES.split("|") if s not in {"MD", "PA", "DO", "ME", "OR", "IN", "OK", "HI", "DE"})
_ANY_STATE_AFTER = regex.compile(rf"^,\s*(?:{STATES})\b")
_STATE_AFTER = regex.compile(rf"^,\s*(?-i:(?:{_UNAMBIGUOUS_STATES})\b)|^,?\s+(?:maryland|virginia|pennsylvania|delaware|"
                             r"new\s+york|new\s+jersey|massachusetts|california|florida|texas|ohio)\b", regex.IGNORECASE)


# "up from the western shore", "down to the south shore": a coast region smaller than a state
_SHORE = regex.compile(r"\b(?:from|to|on|in|at|near|of)[ \t]+the[ \t]+(?P<phi>(?:eastern|western|northern|southern|north|south|east|west)"
                       r"[ \t]+shore)\b", regex.IGNORECASE)
_DIRECTIONS = frozenset("north south east west northeast northwest southeast southwest".split())


class CityRecognizer(ClinicalRecognizer):
    ENTITY = "LOCATION"
    WEAK = True

    def __init__(self, lexicons):
        super().__init__(lexicons)
        self._cities = lexicons.cities | self._directional_bases(lexicons)
        # only words that start some place name are worth an n-gram lookup
        self._first_words = frozenset(name.split()[0] for name in self._cities)

    @staticmethod
    def _directional_bases(lex) -> frozenset[str]:
        """GeoNames splits some towns into "North X" / "X South" parts; the town itself is "X"
        ("Fairview North" -> "Fairview"). A one-word base must be rare and not clinical."""
        bases = set()
        for name in lex.cities:
            words = name.split()
            if len(words) < 2:
                continue
            base = words[1:] if words[0] in _DIRECTIONS else words[:-1] if words[-1] in _DIRECTIONS else None
            if not base or base[0] in STOP_WORDS or base[-1] in ("parish", "borough", "township", "area", "municipality") \
                    or base[-1] in ("city", "county", "park", "heights") and len(base) == 1:
                continue
            phrase = " ".join(base)
            if len(base) == 1 and (lex.zipf(phrase) >= 3.0 or lex.is_clinical(phrase) or lex.is_name(phrase)):
                continue
            if phrase not in lex.regions and phrase not in STOP_WORDS:
                bases.add(phrase)
        return frozenset(bases)

    def find(self, view, deadline):
        yield from self._residence(view, deadline)
        yield from self._capitalised_places(view, deadline)
        yield from self._gazetteer(view, deadline)
        for match in _SHORE.finditer(view.text, timeout=deadline.remaining()):
            yield self.result(match.start("phi"), match.end("phi"), 0.6, "CITY")

    def _residence(self, view, deadline):
        """ "lives in Havre de Grace", "lives nearby in fallston": place-like words after a residence cue."""
        text = view.text
        for match in _RESIDES.finditer(text, timeout=deadline.remaining()):
            words = _PLACE_WORDS.match(text, match.end())
            if not words:
                continue
            first = words.group(1)
            lower = first.lower()
            if lower in self.lexicons.regions or text[match.end():words.end()].lower() in self.lexicons.regions:
                continue  # "lives in Maryland": a state is not PHI
            if lower in STOP_WORDS or self.lexicons.is_clinical(lower) and lower not in self.lexicons.cities:
                continue
            if view.cased and not first[0].isupper() or not view.cased and self.lexicons.zipf(lower) >= 3.5 \
                    and lower not in self.lexicons.cities:
                continue
            second = words.group(2)
            keep_second = second and view.cased and second.lower() not in ("county", "area", "city", "town")
            end = words.end(2 if keep_second else 1)
            yield self.result(match.end(), end, 0.7, "CITY")

    def _capitalised_places(self, view, deadline):
        """ "from Middle River, MD", "in Bel Air": capitalised rare words as places in case-aware text."""
        if not (view.cased or view.mostly_lower):
            return
        for match in _CAPITALISED_PLACE.finditer(view.text, timeout=deadline.remaining()):
            words = match.group("phi").split()
            if match.group("phi").lower() in self.lexicons.regions or words[0].lower() in self.lexicons.regions:
                continue
            # after "from"/"in", any postal code is a state: "from Middle River, MD"
            state_after = _ANY_STATE_AFTER.match(view.text[match.end():match.end() + 20])
            if not state_after and any(self.lexicons.is_clinical(w) and w.lower() not in self.lexicons.cities for w in words):
                continue
            if words[0].lower() in self.lexicons.first_names:
                continue
            if state_after or self.lexicons.zipf(words[0]) < 3.0:
                yield self.result(match.start("phi"), match.end("phi"), 0.55, "CITY")

    def _gazetteer(self, view, deadline):
        text = view.text
        lex = self.lexicons
        words = list(_WORD.finditer(text, timeout=deadline.remaining()))
        i = 0
        while i < len(words):
            hit = None
            if words[i].group(0).lower() not in self._first_words:
                i += 1
                continue
            for n in (3, 2, 1):
                if i + n > len(words):
                    continue
                start, end = words[i].start(), words[i + n - 1].end()
                phrase = text[start:end]
                if "\n" in phrase or len(regex.sub(r"\s+", " ", phrase)) != len(phrase):
                    continue
                if phrase.lower() in self._cities:
                    hit = (start, end, n)
                    break
            if hit is None:
                i += 1
                continue
            start, end, n = hit
            phrase = text[start:end]
            if view.cased and not phrase[0].isupper():
                i += n
                continue
            cue = _PLACE_BEFORE.search(text[max(0, start - 30):start]) or _STATE_AFTER.match(text[end:end + 20])
            big = lex.city_population.get(phrase.lower(), 0) >= 100_000
            common = n == 1 and (lex.zipf(phrase) >= 4.0 and not big or lex.is_clinical(phrase) and not big)
            if n == 1 and (lex.is_clinical(phrase) and not big or lex.is_name(phrase) and not cue):
                i += n
                continue
            state_after = _STATE_AFTER.match(text[end:end + 20]) or (
                _PLACE_BEFORE.search(text[max(0, start - 30):start]) and _ANY_STATE_AFTER.match(text[end:end + 20]))
            if n == 1 and not state_after and not view.cased and lex.zipf(phrase) >= 3.0 \
                    and lex.city_population.get(phrase.lower(), 0) < 50_000:
                i += n
                continue  # an ordinary word that is also a small town ("able to converse")
            if cue and not (common and not state_after):
                yield self.result(start, end, 0.75, "CITY")
            elif view.cased and not common and lex.zipf(phrase) < 3.0 and not phrase.isupper():
                yield self.result(start, end, 0.5, "CITY")
            i += n
