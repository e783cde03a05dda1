"""Cities, towns and counties from the GeoNames gazetteer, when the text uses them as places.

"lives in Towson", "from baltimore", "Frederick, MD". A gazetteer hit needs a place cue
(a preposition, a following state) unless it is a capitalised, rare word in mixed-case
text; states and countries are not PHI under Safe Harbor and are left alone.
"""

from __future__ import annotations

import regex

from deid.recognizers.address_recognizer import STATES
from deid.recognizers.base import ClinicalRecognizer

_WORD = regex.compile(r"[A-Za-z][A-Za-z'.-]*[A-Za-z]")
_PLACE_BEFORE = regex.compile(r"\b(?:in|from|to|at|near|of|lives|living|resides|resident|moved|visiting|"
                              r"returned|return|travel(?:l?ed)?|town|city|county|outside)\s+(?:the\s+)?$", regex.IGNORECASE)
_STATE_AFTER = regex.compile(rf"^,\s*(?-i:(?:{STATES})\b)|^,?\s+(?:maryland|virginia|pennsylvania|delaware|"
                             r"new\s+york|new\s+jersey|massachusetts|california|florida|texas|ohio)\b", regex.IGNORECASE)


class CityRecognizer(ClinicalRecognizer):
    ENTITY = "LOCATION"
    WEAK = True

    def find(self, view, deadline):
        text = view.text
        lex = self.lexicons
        words = list(_WORD.finditer(text, timeout=deadline.remaining()))
        i = 0
        while i < len(words):
            hit = None
            for n in (3, 2, 1):
                if i + n > len(words):
                    continue
                start, end = words[i].start(), words[i + n - 1].end()
                phrase = text[start:end]
                if "\n" in phrase or len(regex.sub(r"\s+", " ", phrase)) != len(phrase):
                    continue
                if phrase.lower() in lex.cities:
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
            common = n == 1 and (lex.zipf(phrase) >= 4.0 or lex.is_clinical(phrase))
            if n == 1 and (lex.is_clinical(phrase) or lex.is_name(phrase) and not cue):
                i += n
                continue
            state_after = _STATE_AFTER.match(text[end:end + 20])
            if n == 1 and not state_after and not view.cased and lex.zipf(phrase) >= 3.0 \
                    and lex.city_population.get(phrase.lower(), 0) < 50_000:
                i += n
                continue  # an ordinary word that is also a small town ("able to converse")
            if cue and not (common and not state_after):
                yield self.result(start, end, 0.75, "CITY")
            elif view.cased and not common and lex.zipf(phrase) < 3.0 and not phrase.isupper():
                yield self.result(start, end, 0.5, "CITY")
            i += n
