"""Names after verbs of contact: "spoke with suzette", "per David", "paged Hollis", "seen by Ortiz".

Weaker than a title: the word must be a Census first name (or, in mixed-case text, a
capitalised census or rare word), so "spoke with family" or "per protocol" stay.
"""

from __future__ import annotations

import regex

from deid.recognizers.base import ClinicalRecognizer
from deid.recognizers.name_tokens import NameEvidence, name_words_after

_CONTACT = regex.compile(
    r"\b(?:spoke|speaking|spoken|talked|talking|discussed|met|meeting|updated|called|paged|notified|informed|"
    r"per|seen|examined|evaluated|visited|accompanied|consented|signed|witnessed|reported|told|asked|"
    r"contacted|contact|call|page|notify|inform|update)(?:\s+(?:with|to|by|from|w/))?[ \t]+",
    regex.IGNORECASE)


class ContactNameRecognizer(ClinicalRecognizer):
    ENTITY = "PERSON"

    def __init__(self, lexicons):
        super().__init__(lexicons)
        self.evidence = NameEvidence(lexicons)

    def find(self, view, deadline):
        text = view.text
        lex = self.lexicons
        for match in _CONTACT.finditer(text, timeout=deadline.remaining()):
            nxt = regex.match(r"[A-Za-z][A-Za-z'-]*[A-Za-z]", text[match.end():])
            if not nxt:
                continue
            word = nxt.group(0)
            lower = word.lower()
            if self.evidence.is_excluded(word) or lex.is_clinical(lower) and lower not in lex.first_names:
                continue
            if view.cased:
                ok = word[0].isupper() and not word.isupper() and (
                    lower in lex.first_names and lex.zipf(lower) < 5.2 or lower in lex.last_names and lex.zipf(lower) < 4.0
                    or lex.zipf(lower) < 2.5)
            else:
                ok = lower in lex.first_names and lex.zipf(lower) < 5.2
            if not ok:
                continue
            span = name_words_after(text, match.end(), self.evidence, view.cased, limit=2)
            if span:
                yield self.result(span[0], span[1], 0.65)
