"""An initial and a surname in running text: "J. Kostrell", "nsg (d. pellow and j. o'dwyer)".

No title or role announces these names; the shape does. The word after the initial must
look like a surname (a Census surname that is uncommon in English, or a rare word, never a
clinical term), and the initial must stand alone: not end an abbreviation ("p.o. lasix",
"e.g. aspirin", "S. aureus"), open a list item ("c. suctioning") or be a SOAP letter in
lower-case notes ("o. titrate").
"""

from __future__ import annotations

import regex

from deid.recognizers.name_tokens import NameRecognizer

_INITIAL_SURNAME = regex.compile(r"(?<![\p{L}\d.'’])(?P<initial>\p{L})\.[ \t]{1,2}(?P<surname>\p{L}[\p{L}'’-]{2,25})(?![\p{L}'’.-]*\.\p{L})")

# an initial that opens a line (after spaces or a bullet) enumerates, it does not abbreviate a name
_LIST_ITEM = regex.compile(r"(?:^|\n)[ \t*•-]*\Z")
_SECTION_LETTERS = frozenset("soapi")
_TOLD_AFTER = regex.compile(r"[ \t]*(?:-[ \t]*)?(?:aware|notified|paged|updated|informed|called)\b", regex.IGNORECASE)
_PER_BEFORE = regex.compile(r"\bper[ \t]+$", regex.IGNORECASE)


class InitialNameRecognizer(NameRecognizer):

    def find(self, view, deadline):
        text = view.text
        lex = self.lexicons
        for match in _INITIAL_SURNAME.finditer(text, timeout=deadline.remaining()):
            initial, surname = match.group("initial"), match.group("surname")
            lower = surname.lower().replace("’", "'")
            if view.cased and not (initial.isupper() and surname[0].isupper() and not surname.isupper()):
                continue  # in mixed case a name is capitalised ("J. Kostrell"), ALL-CAPS words are acronyms
            if _LIST_ITEM.search(text, 0, match.start()) or not view.cased and initial.lower() in _SECTION_LETTERS:
                continue  # "c. suctioning" (a list item), "o. titrate" (SOAP's S/O/A/P)
            if self.evidence.is_excluded(surname) or lex.is_clinical(lower) or lex.is_clinical(lower.replace("'", "")):
                continue
            compact = lower.replace("'", "")
            # told or cited, a clinician is named: "W. KELLMAN AWARE", "as per w. kellman" (a rarer word will do)
            cited = _TOLD_AFTER.match(text, match.end()) or _PER_BEFORE.search(text, max(0, match.start() - 8), match.start())
            if cited and self.evidence.rare_plain_word(compact, max_zipf=3.5):
                yield self.result(match.start(), match.end("surname"), 0.6)
                continue
            if not (compact in lex.last_names and lex.zipf(compact) < 3.5 or lex.zipf(compact) < 2.0):
                continue
            # below the propagation threshold: the shape alone is not sure enough to mark every other occurrence
            yield self.result(match.start(), match.end("surname"), 0.55)
