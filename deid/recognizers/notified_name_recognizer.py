"""Names of people told of a finding, just before "aware" / "notified" / "called to bedside" /
"in to see": nursing-note shorthand
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
    r"[ \t]+(?:(?:is|was|made)[ \t]+)?(?:aware|notified|paged|called[ \t]+to[ \t]+(?:the[ \t]+)?bedside|"
    r"(?:came|in)[ \t]+to[ \t]+see)\b", regex.IGNORECASE)
# "A. KOSTRA AND DRS LEE AND MOORE AWARE": the first of names joined by "and" before the cue
_LISTED = regex.compile(
    r"(?<![\p{L}'.])(?P<first>\p{L}\.[ \t]?|\p{L}[\p{L}'-]{1,20}[ \t]+)?(?P<last>\p{L}[\p{L}'-]{1,25})"
    r"[ \t]+(?:and|&)[ \t]+(?:(?:drs?|dr\.|drs\.)[ \t]*)?(?:\p{L}[\p{L}'-]{1,25}[ \t]+){1,3}"
    r"(?:(?:and|&)[ \t]+(?:\p{L}[\p{L}'-]{1,25}[ \t]+){1,2})?(?:(?:are|were|is|was|made)[ \t]+)?(?:aware|notified|paged)\b",
    regex.IGNORECASE)
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
        for pattern in (_NOTIFIED, _LISTED):
            for match in pattern.finditer(text, overlapped=pattern is _LISTED, timeout=deadline.remaining()):
                last = match.group("last")
                first = (match.group("first") or "").strip()
                initial = len(first) == 2 and first.endswith(".")
                first_name = bool(first) and not initial and (self._first_name_like(first, view.cased) or self._first_name_like(
                    first, view.cased, clinical_ok=True) and self._surname_like(last, view.cased, 3.0))  # "ASA KESTREL AWARE"
                if not (self._surname_like(last, view.cased) or first_name and self._surname_like(last, view.cased, 3.0)):
                    continue  # "JOLA FENTRAL AWARE": after a first name, a rarer-than-common word is the surname
                start = match.start("first") if initial or first_name else match.start("last")
                yield self.result(start, match.end("last"), 0.7)

    def _surname_like(self, word: str, cased: bool, rare: float = 2.0) -> bool:
        lower = regex.sub(r"['’]s$", "", word.lower())  # "MD'S CALLED TO BEDSIDE": a role's plural
        lex = self.lexicons
        if lower in _ROLES or self.evidence.is_excluded(word) or lex.is_clinical(lower):
            return False
        if cased and not word[0].isupper():
            return False
        if len(lower) <= 3 and lower not in lex.last_names:
            return False  # "UOP AWARE": a short word no surname list knows is an abbreviation
        return lower in lex.last_names and lex.zipf(lower) < 3.5 or lex.zipf(lower) < rare

    def _first_name_like(self, word: str, cased: bool, clinical_ok: bool = False) -> bool:
        """A first name; ``clinical_ok``: also one that is a clinical abbreviation too ("ASA", "PAT"),
        which the caller accepts only before a rare surname."""
        lower = word.lower()
        if lower in _ROLES or self.evidence.is_excluded(word) or self.lexicons.is_clinical(lower) and not (
                clinical_ok and lower in self.lexicons.first_names):
            return False
        if cased and not word[0].isupper():
            return False
        return lower in self.lexicons.first_names and self.lexicons.zipf(lower) < 5.0 or self.lexicons.zipf(lower) < 2.0
