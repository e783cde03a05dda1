"""Names where messages put them: "Hi Nabila,", "it's Ozren from Dr Ilic's office", "Cecile
here, I am 92", "hi its judy again", "Christina, did the Holter...", "does jason need to...",
"my name is Ines", the speakers of a chat transcript ("Kayla: ..."), and the sign-off "... Groin site
is bruised. Jakub".

Portal messages, pages and voicemail transcripts open with a greeting or a self-introduction and
close with the sender's name. In those places a word that looks like a name (listed, or rare
and capitalised where case means something) is one; everyday words ("Hi team,", "I'm worried")
are not.
"""

from __future__ import annotations

import regex

from deid.recognizers.base import is_query
from deid.recognizers.name_tokens import NameRecognizer, name_words_after, name_words_before

_GREETING = regex.compile(r"(?:^|(?<=[.!?\n]))[ \t]*(?:hi|hello|hey|dear|good[ \t]+(?:morning|afternoon|evening))[ \t,]+(?=\p{L})",
                          regex.IGNORECASE)
_SELF_INTRO = regex.compile(r"\b(?:it'?s|its|it[ \t]+is|this[ \t]+is|i'?m|i[ \t]+am)[ \t]+(?=\p{L})", regex.IGNORECASE)
# "my name is", "Pt name Graves", "patient's name:": a name said to be one
_NAME_LABEL = regex.compile(r"\b(?:(?:my|pt|pt'?s|patient'?s?|his|her)[ \t]+name(?:[ \t]+is|'s)?|name[ \t]+is|name[ \t]*:)[ \t]*:?[ \t]*"
                            r"(?=\p{L})", regex.IGNORECASE)
# what follows a name that introduces its writer: "from", "again", "here", "calling", or a comma
_INTRO_GOES_ON = regex.compile(r"[ \t]*(?:,|\.|!|:|[ \t]-[ \t]|[–—]|$|(?:from|again|here|calling|with|at)\b)",
                               regex.IGNORECASE | regex.MULTILINE)
_NAME_HERE = regex.compile(r"(?:^|(?<=[.!?\n,]))[ \t]*(?=\p{L}[\p{L}'’-]*(?:[ \t]\p{L}[\p{L}'’-]*)?[ \t]+here\b[ \t]*[,.!:-])",
                           regex.IGNORECASE)
# "Christina, did the Holter get sent back?", "John can you cover": a message that opens by calling someone
_VOCATIVE = regex.compile(r"(?:^|(?<=[.!?;\n]))[ \t]*(?=\p{L}[\p{L}'’-]*(?:,[ \t]*(?:did|can|could|would|will|please|pls|are|is|have|do|any|"
                          r"just|thanks|thank|call)\b|[ \t]+(?:are|can|could|would|will|did|do)[ \t]+you\b))", regex.IGNORECASE)
# "does jason need to stop aspirin", "Can Sigrun have an MRI": the subject of a yes-no question
_QUESTION_SUBJECT = regex.compile(r"(?:^|(?<=[.!?\n,:]))[ \t]*(?:does|did|can|could|should|will|would|is|was|has)[ \t]+"
                                  r"(?=\p{L}[\p{L}'’-]*(?:[ \t]\p{L}[\p{L}'’-]*)?[ \t]+\p{Ll})", regex.IGNORECASE)
# "Kayla: pt in bed 4 is asking for you": a chat transcript's speaker at a line's start
_SPEAKER = regex.compile(r"^[ \t>]*(?P<name>\p{Lu}[\p{L}'’-]*\p{L})[ \t]*:[ \t]", regex.MULTILINE)
# the end of a message after its last sentence, a dash or a closing word ("Thanks, Mary"), with the
# writer's role in brackets ("- Bradley (night float)")
_SIGN_OFF_END = regex.compile(r"(?:[ \t]*\([\p{L} /-]{2,30}\))?[ \t.!]*\Z")
_BEFORE_SIGN_OFF = regex.compile(r"(?:[.!?)]|^|\n|-|–|—|~|\b(?:thanks|thank[ \t]+you|thx|regards|cheers|best|sincerely|love))"
                                 r"[ \t,]*$", regex.IGNORECASE)


class MessageNameRecognizer(NameRecognizer):
    WEAK = True

    def find(self, view, deadline):
        text = view.text
        places = [(_GREETING, _INTRO_GOES_ON), (_SELF_INTRO, _INTRO_GOES_ON), (_NAME_HERE, None), (_VOCATIVE, None),
                  (_NAME_LABEL, None)]
        if is_query(text):  # notes start sentences with "has", "will", "is" ("WILL REWEAN LATER")
            places.append((_QUESTION_SUBJECT, None))
        asks = "?" in text  # a question without its mark ("can norma still take ...") wants a given name
        for pattern, goes_on in places:
            for match in pattern.finditer(text, timeout=deadline.remaining()):
                first = regex.match(r"\p{L}[\p{L}'’-]*", text[match.end():match.end() + 40])
                if not first or pattern is _NAME_HERE and regex.search(r"['’]s$", first.group(0)):
                    continue  # "Pt's wife here": the owner of who is here
                # (a greeting's name may be a word English uses rarely: "hi paloma -")
                if not (self._looks_like_name(first.group(0), view.cased, rare=3.0 if pattern is _GREETING else 2.0)
                        or pattern is _NAME_HERE and self._census_surname(first.group(0), view.cased)):
                    continue
                if pattern is _QUESTION_SUBJECT and not asks and not self._given_name(
                        first.group(0), unknown=view.cased or view.mostly_lower):
                    continue
                span = name_words_after(text, match.end(), self.evidence, view.cased, limit=2)
                if not span and pattern is _GREETING:
                    span = (match.end(), match.end() + first.end())  # the rarer word a greeting allows
                if span and (goes_on is None or goes_on.match(text, span[1])):
                    yield self.result(span[0], span[1], 0.7)
        speakers = [m for m in _SPEAKER.finditer(text, timeout=deadline.remaining())
                    if m.group("name")[1:].islower() and self._speaker(m.group("name"))]  # "PMHX:", "PULM:" head sections
        if len({m.group("name") for m in speakers}) >= 2:  # a transcript has two voices; one "Rose:" may be a header
            for match in speakers:
                yield self.result(match.start("name"), match.end("name"), 0.6)
        end = _SIGN_OFF_END.search(text, max(0, len(text) - 45)).start()
        span = name_words_before(text, end, lambda word: self._looks_like_name(word, view.cased, rare=2.5), limit=2)
        if span and span[0] > 0 and _BEFORE_SIGN_OFF.search(text[max(0, span[0] - 30):span[0]]):
            yield self.result(span[0], span[1], 0.6)

    def _given_name(self, word: str, unknown: bool = False) -> bool:
        """A given name, or a Census name rare in English ("can sebastiano still take ..."); with ``unknown``
        (not in capitals, where charting clips and misspells: "WILL REWEAN LATER") a word no dictionary knows."""
        lex, lower = self.lexicons, word.lower()
        if lex.is_clinical(lower):
            return False
        return lower in lex.first_names and lex.zipf(lower) < 4.5 or lex.is_name(lower) and lex.zipf(lower) < 3.0 \
            or unknown and self.evidence.unknown_word(word, max_zipf=2.0)

    def _census_surname(self, word: str, cased: bool) -> bool:
        """Where a writer says who is here ("uh, Cooper here,"), a Census surname English uses less than
        "will", though the terminology's word list holds it; not one of our curated terms."""
        lex = self.lexicons
        return (not cased or word[0].isupper() and not word.isupper()) and lex.is_name(word) and lex.zipf(word) < 5.0 \
            and not lex.is_curated_term(word) and not self.evidence.is_excluded(word)

    def _speaker(self, word: str) -> bool:
        """A speaker label: a listed first name rare enough not to head a section (Zipf < 4.5),
        or a capitalised word no dictionary knows; never clinical ("Neuro:", "Plan:")."""
        lex, lower = self.lexicons, word.lower()
        return not lex.is_clinical(lower) and not self.evidence.is_excluded(word) and (
            lower in lex.first_names and lex.zipf(lower) < 4.5 or lex.zipf(lower) < 1.5)

    def _looks_like_name(self, word: str, cased: bool, rare: float = 2.0) -> bool:
        """A listed first name (Zipf < 5.5: the place says enough, "it's Paul from", "Thanks,
        Mary"), a Census surname (Zipf < 4, or used mostly as a name), or a word rare in English (Zipf < 3, capitalised in
        mixed case; below ``rare`` without case, 2.5 for a sign-off, "... flecainide? -benicio");
        never clinical or a function word."""
        lex, lower = self.lexicons, word.lower()
        if self.evidence.is_excluded(word) or lex.is_clinical(lower) and not lex.is_name(lower):
            return False
        if cased and (not word[0].isupper() or word.isupper() and len(word) <= 4):
            return False
        zipf = lex.zipf(lower)
        return lower in lex.first_names and zipf < 5.5 or lower in lex.last_names and zipf < 4.0 \
            or self.evidence.mostly_name(lower) or zipf < (3.0 if cased else rare)
