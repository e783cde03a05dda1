"""Names of people told of a finding, just before "aware" / "notified": nursing-note shorthand
such as "W. KOSTRELL AWARE", "JOLA FENTRAL AWARE-WILL START", "fentral notified of K 3.1".

The cue is strong but roles take the same place ("HO AWARE", "TEAM AWARE", "family aware"),
so the word before the cue must look like a surname: not a role, function or clinical word,
and a Census name or rare in English. A first name or an initial before it joins the span.
"""

from __future__ import annotations

import regex

from deid.recognizers.name_tokens import NameRecognizer

_NOTIFIED = regex.compile(
    r"(?<![\p{L}'.])(?P<first>\p{L}\.[ \t]?|\p{L}[\p{L}'-]{1,20}[ \t]+)?(?P<last>\p{L}[\p{L}'-]{1,25})"
    r"[ \t]+(?:(?:is|was|made)[ \t]+)?(?:aware|notified|paged)\b", regex.IGNORECASE)
_ROLES = frozenset("""
ho md mds rn rns np nps pa pas team teams resident residents intern interns fellow fellows attending attendings
nurse nurses nursing staff provider providers physician physicians doctor doctors doc docs house officer
micu sicu ccu csru icu cardiology cardiologist renal surgery surgeon surgical neuro neurology medicine medical
primary covering charge night day evening er ed ep cath lab pharmacy pharmacist rt resp respiratory
social worker sw cm case manager manager coordinator chaplain dietitian pt ot slp speech
""".split())


class NotifiedNameRecognizer(NameRecognizer):

    def find(self, view, deadline):
        text = view.text
        for match in _NOTIFIED.finditer(text, timeout=deadline.remaining()):
            last = match.group("last")
            if not self._surname_like(last, view.cased):
                continue
            start = match.start("last")
            first = (match.group("first") or "").strip()
            if first and (len(first) == 2 and first.endswith(".") or self._first_name_like(first, view.cased)):
                start = match.start("first")
            yield self.result(start, match.end("last"), 0.7)

    def _surname_like(self, word: str, cased: bool) -> bool:
        lower = word.lower()
        lex = self.lexicons
        if lower in _ROLES or self.evidence.is_excluded(word) or lex.is_clinical(lower):
            return False
        if cased and not word[0].isupper():
            return False
        return lower in lex.last_names and lex.zipf(lower) < 3.5 or lex.zipf(lower) < 2.0

    def _first_name_like(self, word: str, cased: bool) -> bool:
        lower = word.lower()
        if lower in _ROLES or self.evidence.is_excluded(word) or self.lexicons.is_clinical(lower):
            return False
        if cased and not word[0].isupper():
            return False
        return lower in self.lexicons.first_names and self.lexicons.zipf(lower) < 5.0 or self.lexicons.zipf(lower) < 2.0
