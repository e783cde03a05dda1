"""A capitalised word no dictionary knows, in a one-line query: "Was there a Holter for Grabos
in 1978?", "family en route from Katwijk", "Chaplain asked to see Jonathan van Duyvenvoorde".

A query gives no later sentence to learn a name from, and the clinical words people write in
one are in our vocabularies (drugs, devices, eponyms, scores). So in a mixed-case query a
capitalised word that English word frequencies, the medical vocabulary and the state and
country lists all fail to know is a person or a place, whatever the Census says. The span
takes the capitalised name words next to it ("Zoltán Pap"), and a place preposition before it
makes it a city. Without case, only such a place counts ("ETA 15 MIN FROM QUELLHAUSEN"). Drug-name stems, procedure endings and inner capitals ("CardioMEMS") are
left alone, and so is an eponym before its noun ("Kommerell diverticulum" via the engine).
Notes are not read this way: their many sentences hold typos and rare terms that are neither.
"""

from __future__ import annotations

import regex

from deid.recognizers.base import is_query
from deid.recognizers.city_recognizer import TOWN_ENDING
from deid.recognizers.name_tokens import INNER_CAPITAL, SURNAME_PARTICLES, NameRecognizer

# a capitalised word; inner capitals only where names have them (McNeil, O'Brien, Jean-Luc)
_CAPITALISED = regex.compile(r"(?<![\p{L}\p{N}'’-])\p{Lu}(?:\p{Ll}|(?<=M[ac]?)\p{Lu}|['’-]\p{Lu})[\p{Ll}'’-]*\p{Ll}"
                             r"(?:-\p{Lu}\p{Ll}+)?(?![\p{L}\p{N}])")
_PLACE_BEFORE = regex.compile(r"\b(?:in|from|to|near|at)[ \t]+(?:the[ \t]+)?$", regex.IGNORECASE)
_CASELESS_PLACE = regex.compile(r"\b(?:from|in|to|near)[ \t]+(?:the[ \t]+)?(?P<phi>\p{L}[\p{L}'’-]*\p{L})(?![\p{L}'’-])",
                                regex.IGNORECASE)
_NEIGHBOUR = regex.compile(r"\p{L}[\p{L}'’-]*\p{L}|\p{Lu}\.")


class UnknownWordRecognizer(NameRecognizer):
    WEAK = True  # protected vocabulary and eponyms before their noun still win

    def find(self, view, deadline):
        text = view.text
        if not is_query(text):
            return
        if not view.cased:
            yield from self._caseless_places(view, deadline)
            return
        for match in _CAPITALISED.finditer(text, timeout=deadline.remaining()):
            if not self.evidence.unknown_word(match.group(0), compounds=True):
                continue
            possessive = regex.search(r"['’]s$", match.group(0))  # "from Oviya's carer": a person's
            start, end = self._with_name_neighbours(text, match.start(), match.end() - (2 if possessive else 0))
            place = not possessive and _PLACE_BEFORE.search(text[:start]) is not None
            yield self.result(start, end, 0.6, "CITY" if place else None)

    def _caseless_places(self, view, deadline):
        """Without case only a place slot tells: "ETA 15 MIN FROM QUELLHAUSEN", "flying to vrabosz"."""
        text = view.text
        for match in _CASELESS_PLACE.finditer(text, timeout=deadline.remaining()):
            word = match.group("phi")
            # (after "from" up to Zipf 2 for a long word: towns English has seen a little, "trelleborg"; and
            # two words run together when the second is a town's ending, "KATHLEENSHIRE", "mckenzieside")
            travelled = match.group(0)[:4].lower() == "from"
            townlike = len(word) >= 8 and TOWN_ENDING.search(word.lower()) is not None
            if not self.lexicons.is_name(word) and (self.evidence.caseless_unknown(word, min_length=5) or travelled
                                                    and self.evidence.caseless_unknown(word, max_zipf=2.0, min_length=8)
                                                    or townlike and self.evidence.caseless_unknown(word, compounds=True)):
                yield self.result(match.start("phi"), match.end("phi"), 0.6, "CITY")

    def _with_name_neighbours(self, text: str, start: int, end: int) -> tuple[int, int]:
        """Grow the span over the capitalised name words and particles right beside it."""
        while True:
            before = regex.search(r"(?<![\p{L}'’-])(\p{L}[\p{L}'’-]*\p{L}|\p{Lu}\.)[ \t]$", text[max(0, start - 40):start])
            if not before or not self._name_neighbour(before.group(1)):
                break
            start -= len(before.group(0))
        while True:
            after = _NEIGHBOUR.match(text, end + 1) if text[end:end + 1] == " " else None
            if not after or not self._name_neighbour(after.group(0)) or after.group(0).lower() in SURNAME_PARTICLES \
                    and not regex.match(r"[ \t]\p{Lu}", text[after.end():after.end() + 2]):
                break
            end = after.end()
        return start, end

    def _name_neighbour(self, word: str) -> bool:
        if word.lower() in SURNAME_PARTICLES or regex.fullmatch(r"\p{Lu}\.", word):
            return True  # "van", "Q."
        return word[0].isupper() and not word.isupper() and not INNER_CAPITAL.search(word) \
            and not any(self.lexicons.is_clinical(p) for p in word.split("-")) \
            and (self.evidence.strength(word, True) >= 0.5 or self.evidence.unknown_word(word, compounds=True))
