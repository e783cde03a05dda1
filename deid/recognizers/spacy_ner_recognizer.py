"""spaCy's statistical NER (PERSON, GPE/LOC as cities, FAC/ORG when they are hospitals), filtered.

The small English model was trained on news, not notes: it calls "Lasix" a person and
"Holter" an organisation. Its entities are therefore weak evidence: dropped when every
word is clinical vocabulary, an abbreviation, or a function word. It only runs on
mixed-case text, where capitalisation means something (see the engine).
"""

from __future__ import annotations

import regex

from deid.recognizers.base import is_query
from deid.recognizers.hospital_recognizer import FACILITY_PATTERN
from deid.recognizers.name_tokens import NameRecognizer


_PLACE_BEFORE = regex.compile(r"\b(?:presented|admitted|transferred|referred|sent|brought|went|taken|seen|treated)\s+"
                              r"(?:to|at|from|by)\s+(?:the\s+)?$", regex.IGNORECASE)
# a hospital's services, which the model's ORG spans run into ("Mercy Hospital Echo Lab")
_SERVICE_WORDS = frozenset("lab labs laboratory unit department dept service services team program office desk".split())


class SpacyNerRecognizer(NameRecognizer):
    WEAK = True

    def find_in_doc(self, view, doc, offset: int = 0):
        """Entities of ``doc``, a parsed piece of ``view.text`` starting at ``offset``."""
        for result in self._entities(view, doc):
            result.start += offset
            result.end += offset
            yield result

    def _entities(self, view, doc):
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                span = self._person_span(view, ent)
                if span:
                    yield self.result(*span, 0.6)
            elif ent.label_ in ("GPE", "LOC") and ent.text[:1].isupper() and ent.text.lower() not in self.lexicons.regions:
                # towns and cities of the gazetteer; states and countries are not PHI
                known_city = ent.text.lower() in self.lexicons.cities
                if known_city and self.lexicons.zipf(ent.text) < 4.5 or self._unknown_place_in_query(view, ent):
                    yield self.result(ent.start_char, ent.end_char, 0.55, "CITY")
            elif ent.label_ in ("FAC", "ORG") and _PLACE_BEFORE.search(doc.text, max(0, ent.start_char - 20), ent.start_char) \
                    and not all(self.lexicons.is_clinical(w) or w.isupper() for w in regex.findall(r"\w+", ent.text)):
                # "presented to Johns Hopkins": an organisation one goes to is a care place
                yield self.result(ent.start_char, ent.end_char, 0.5, "HOSPITAL")
            elif ent.label_ in ("FAC", "ORG") and FACILITY_PATTERN.search(ent.text):
                words = [w for w in regex.findall(r"[A-Za-z]+", ent.text) if not FACILITY_PATTERN.fullmatch(w)]
                if words and not all(self.lexicons.is_clinical(w) for w in words):
                    yield self.result(ent.start_char, self._without_service_tail(ent), 0.6, "HOSPITAL")

    def _without_service_tail(self, ent) -> int:
        """Where a hospital's name ends: "Mercy Hospital Echo Lab" is Mercy Hospital's echo lab."""
        tokens = list(ent)
        while len(tokens) > 1 and not FACILITY_PATTERN.fullmatch(tokens[-1].text) and (
                self.lexicons.is_clinical(tokens[-1].text) or tokens[-1].text.lower() in _SERVICE_WORDS):
            tokens.pop()
        return tokens[-1].idx + len(tokens[-1].text)

    def _person_span(self, view, ent):
        tokens = [t for t in ent if t.is_alpha]
        # trim clinical or function words at the edges ("Lasix Smith" -> "Smith")
        while tokens and self._not_name(tokens[0].text):
            tokens.pop(0)
        while tokens and self._not_name(tokens[-1].text):
            tokens.pop()
        if not tokens:
            return None
        if not all(t.text[0].isupper() for t in tokens):
            return None
        if all(t.text.isupper() and len(t.text) <= 5 for t in tokens):
            return None  # ABBREVIATIONS in mixed-case text
        strengths = [self.evidence.strength(t.text, view.cased) for t in tokens]
        census = [self.lexicons.is_name(t.text) and self.lexicons.zipf(t.text) < 5.0 for t in tokens]
        if max(strengths) < 0.45:
            return None
        # words the lists do not know: trusted only inside a one-line query, where a name has no
        # other context to be found by ("Why is Katrine so tired on metoprolol?")
        query = is_query(view.text)
        lone_in_query = query and not tokens[0].is_sent_start and tokens[0].text[1:].islower()
        if not any(census) and (len(tokens) == 1 and not lone_in_query
                                or len(tokens) > 1 and max(strengths) < (0.45 if query else 0.6)):
            return None
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)

    def _unknown_place_in_query(self, view, ent) -> bool:
        """In a one-line query, a place the gazetteer does not know (not a state or country, not
        clinical, rare in English) is still a town or a person, PHI either way ("son in Lueneburg")."""
        words = regex.findall(r"\p{L}+", ent.text)
        return is_query(view.text) and bool(words) and all(
            w[0].isupper() and not w.isupper() and self.lexicons.zipf(w) < 3.0 and not self.lexicons.is_clinical(w)
            for w in words)

    def _not_name(self, word: str) -> bool:
        return self.evidence.is_excluded(word) or self.lexicons.is_clinical(word) or \
            (word.isupper() and len(word) <= 4)

    def find(self, view, deadline):  # runs through find_in_doc; the engine hands it the parsed doc
        return []
