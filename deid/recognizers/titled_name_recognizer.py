"""Names after a title or role: "Dr. Wong", "seen by dr healey", "NP smith", "Mrs. Carlson"."""

from __future__ import annotations

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from deid.recognizers.name_tokens import SURNAME_PARTICLES, NameRecognizer, name_words_after

# Titles: a capitalised (or, in uncased notes, any) word after them is a name.
_TITLE = regex.compile(
    r"\b(?:dr|drs|doctor|mr|mrs|ms|miss|mister|mrs|madam|np|pa|rn|nurse|prof|professor|"
    r"attending|fellow|resident|intern|cardiologist|surgeon|pcp|hcp|md|sister|father|rev|reverend|chaplain|"
    r"rabbi|pastor|cnm|crnp|dds|ho)\b['’]?\.?[ \t]{0,3}(?=\p{L})",
    regex.IGNORECASE)
# the word right after a title, matched in place (slicing the rest of a long note per match is quadratic)
_WORD = regex.compile(r"\p{L}[\p{L}'-]*")
_ASCII_WORD = regex.compile(r"[A-Za-z][A-Za-z'-]*")
_INITIAL_OR_WORD = regex.compile(r"\p{Lu}\.|\p{L}[\p{L}'-]*")
# "Dr. o malley", "dr d angelo": a surname's particle written apart from it (lower case in notes)
_PARTICLE = regex.compile(r"(?i:o|d)[ \t](?=\p{L}{3})")
_PARTICLE_THEN_NAME = regex.compile(r" \p{Lu}\p{Ll}")
_SPELT_TITLE = regex.compile(r"M(?:r|rs|s|iss)")  # "Ms" spelt so; lower-case "ms." is also the valve, "miss" a verb
_JOINED = regex.compile(r"[ \t]*(?:(?:and|or)(?!\p{L})|&|/)[ \t]*(?:(?:dr|drs)\.?[ \t]*)?", regex.IGNORECASE)
# Phrases that announce a name: "My name is Rubija", "Patient: Jane Roe", "Sincerely, Ann Lee"
_NAME_IS = regex.compile(r"\b(?:(?:my|his|her|their|patient'?s?|pt'?s?)\s+name\s+is|named|name\s*:|patient\s*:|user\s*:|"
                         r"(?:first|last|full|sur)\s*name\s*(?:is\s*|[:?]\s*)|"
                         r"pt\s*:|signed\s*:?|sincerely,?|regards,?|i'm|i\s+am|this\s+is|call\s+me)[ \t]+(?=\p{Lu})",
                         regex.IGNORECASE)
# Roles are weaker than titles: "attending aware" is not a name.
_ROLES = {"ho", "attending", "fellow", "resident", "intern", "cardiologist", "surgeon", "pcp", "hcp", "md", "nurse",
          "rn", "pa", "np", "sister", "father", "chaplain", "pastor"}


class TitledNameRecognizer(NameRecognizer):

    def find(self, view, deadline):
        text = view.text
        for match in _NAME_IS.finditer(text, timeout=deadline.remaining()):
            phrase = match.group(0).lower()
            weak = phrase.startswith(("i", "this", "call"))  # "I'm Misty" but not "I'm Fine"
            word = _WORD.match(text, match.end())
            if word and weak and not (self.lexicons.is_name(word.group(0)) and not self.lexicons.is_clinical(word.group(0))
                                      and self.lexicons.zipf(word.group(0)) < 5.0):
                continue  # "I am going", "this is Will": everyday words the Census also lists
            if word and view.cased and not word.group(0)[0].isupper():
                continue  # (IGNORECASE lets the lookahead's capital match any letter)
            span = name_words_after(text, match.end(), self.evidence, view.cased, strong=True)
            if span:
                yield self.result(span[0], span[1], 0.85)
        for match in _TITLE.finditer(text, timeout=deadline.remaining()):
            title = match.group(0).strip(" .\t").lower()
            dotted = "." in match.group(0)
            if title in _ROLES and dotted:
                continue  # "... the nurse. Vols stable": a sentence ended
            if title in ("mr", "mrs", "ms", "miss"):
                nxt = _INITIAL_OR_WORD.match(text, match.end())
                if nxt and nxt.group(0).lower() in SURNAME_PARTICLES and _PARTICLE_THEN_NAME.match(text, nxt.end()):
                    nxt = _INITIAL_OR_WORD.match(text, nxt.end() + 1)  # "Mrs. Ó Rónáin", "Mr. van Dijk": judge the name
                word = nxt.group(0) if nxt else ""
                limit = 5.5 if dotted else 4.5
                # "Mr. Sports": written as a title (capital M, small letters; or "mr." in a lower-case
                # note), not as MR or "ms.", what follows is a capitalised surname even if it is English
                # ("Mrs" and "mister" are no valve: after them any name word counts, "MRS JONES HOLTER")
                spelt_as_title = title in ("mrs", "mister") and not self.evidence.is_excluded(word) \
                    and not self.lexicons.is_curated_term(word) or \
                    (view.cased or view.mostly_lower) and word[:1].isupper() and not word.isupper() \
                    and not self.evidence.is_excluded(word) and (
                        _SPELT_TITLE.fullmatch(text, match.start(), match.start() + len(title))
                        or view.mostly_lower and dotted and title != "ms")
                if not spelt_as_title and (
                        view.cased and not word[:1].isupper() or self.lexicons.is_clinical(word) and not self.lexicons.is_name(word)
                        or not (self.lexicons.is_name(word) and self.lexicons.zipf(word) < limit or self.evidence.mostly_name(word)
                                or self.lexicons.zipf(word) < 3.0 or regex.fullmatch(r"[A-Z]\.?", word))):
                    continue  # "assess ms. safety", "3-4+MR. Given"
            if title in _ROLES:
                nxt = _ASCII_WORD.match(text, match.end())
                word = nxt.group(0) if nxt else ""
                if not nxt or not self.evidence.after_context(word, view.cased) or not (
                        self.lexicons.is_name(word) and self.lexicons.zipf(word) < 4.5 or self.lexicons.zipf(word) < 3.0):
                    continue
                if title == "md" and not view.cased and not (
                        word.lower() in self.lexicons.last_names and self.lexicons.zipf(word) < 4.0):
                    continue  # "MD AWARE" / "md brevallo aware"
            if title in ("dr", "doctor", "drs"):
                nxt = _ASCII_WORD.match(text, match.end())
                if nxt and self._stop_word_surname(nxt.group(0)):
                    yield self.result(nxt.start(), nxt.end(), 0.85)  # "dr. <surname>" whose surname spaCy lists as a stop word
                    continue
            cased = view.cased
            particle = _PARTICLE.match(text, match.end()) if title not in _ROLES else None
            name_start = particle.end() if particle else match.end()
            if cased and title in ("dr", "doctor", "drs") and text[name_start:name_start + 1].islower():
                nxt = _WORD.match(text, name_start)
                if nxt and self.lexicons.zipf(nxt.group(0)) < 4.0 and not self.evidence.is_excluded(nxt.group(0)):
                    cased = False  # "seen by dr thistlewood", "Dr. o umbel" in a mixed-case text
            span = name_words_after(text, name_start, self.evidence, cased,
                                    strong=title not in _ROLES)
            if span and particle:
                span = (match.end(), span[1])  # "Dr. o malley": the particle is part of the surname
            if span:
                yield self.result(span[0], span[1], 0.9 if title not in _ROLES else 0.7)
                # "Dr. Vrenchak and Brevallo aware": a second name joined to a titled one
                joined = _JOINED.match(text, span[1])
                if joined and title not in _ROLES:
                    second = name_words_after(text, joined.end(), self.evidence, view.cased, limit=2)
                    if second:
                        yield self.result(second[0], second[1], 0.75)

    def _stop_word_surname(self, word: str) -> bool:
        """A Census surname that is also a (rare) stop word: after "Dr." it is the surname."""
        lower = word.lower()
        lex = self.lexicons
        return lower in STOP_WORDS and lower in lex.last_names and lex.zipf(lower) < 4.0 and not lex.is_clinical(lower)
