"""Names after verbs of contact: "spoke with suzette", "per David", "paged Hollis", "seen by Ortiz".

Weaker than a title: the word must be a Census first name (or, in mixed-case text, a
capitalised census or rare word), so "spoke with family" or "per protocol" stay.
"""

from __future__ import annotations

import regex

from deid.recognizers.name_tokens import NameRecognizer, name_words_after

_CONTACT = regex.compile(
    r"\b(?:spoke|speaking|spoken|talked|talking|discussed|met|meeting|updated|called|paged|notified|informed|"
    r"per|seen|examined|evaluated|visited|accompanied|consented|signed|witnessed|reported|told|asked|"
    r"contacted|contact|call|page|notify|inform|update)(?:\s+(?:with|to|by|from|w/))?[ \t]+",
    regex.IGNORECASE)


# "bill called", "DAVID IS SPEAKING", "george visited": a first name doing what visitors do
VISITOR_VERB = regex.compile(
    r"[ \t]+(?:called|calls|phoned|visited|visits|came|come|arrived|spoke|speaks|is|was|will|has|had|reports|reported|"
    r"states|stated|said|says|aware|notified|updated|agrees|agreed|wants|wishes|asked|requests|requested|"
    r"does|did|doesn't|would|should|can|could|understands|understood|expressed|feels|felt|verbalized|"
    r"at\s+bedside|in\s+to\s+visit|here|present)\b", regex.IGNORECASE)
_NEXT_WORD = regex.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")
_FIRST_NAME = regex.compile(r"(?<![\w'])[A-Za-z][a-z]+(?![\w'])|(?<![\w'])[A-Z][A-Z]+(?![\w'])")


class ContactNameRecognizer(NameRecognizer):

    def find(self, view, deadline):
        text = view.text
        lex = self.lexicons
        for match in _CONTACT.finditer(text, timeout=deadline.remaining()):
            nxt = _NEXT_WORD.match(text, match.end())
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
        for match in _FIRST_NAME.finditer(text, timeout=deadline.remaining()):
            word = match.group(0)
            lower = word.lower()
            if lower not in lex.first_names or lex.zipf(lower) >= 5.3 or self.evidence.is_excluded(word) \
                    or lex.is_clinical(lower) or (view.cased and not word[0].isupper()):
                continue
            if VISITOR_VERB.match(text, match.end()):
                yield self.result(match.start(), match.end(), 0.55)
