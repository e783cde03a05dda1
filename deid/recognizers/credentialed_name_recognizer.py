"""Names signed with a credential: "Alice Wong, MD", "J. Yi, MD", "Emily Parker,RN", "Char Vigneau (resident)"."""

from __future__ import annotations

import regex

from deid.recognizers.name_tokens import NAME_WORD, NameRecognizer

# what a clinician named before a credential was told or did: "x y np aware", "NP INTO EVAL"
_TOLD = r"(?:aware|notified|paged|called|informed|updated|into|in\s+to|here|at\s+bedside)"
_CREDENTIAL = regex.compile(
    r"(?-i:(?:[ \t]{0,3},[ \t]{0,3}|[ \t]{1,3}|(?<=\p{L}))\b(?:MD|M\.D\.|RN|R\.N\.|NP|PA-C|PA|DO|D\.O\.|PhD|RRT|CNA|LPN|MSW|LICSW|LCSW|SW|PharmD|"
    r"RPh|CRNP|APRN|FNP|DNP|MPH|FACC|FACP|FAHA|FSCAI|CCRN|BSN|MSN|RD|RT|PT|OT|SLP)(?![A-Za-z]))"
    # lower-case notes sign off in lower case: "s. roberto rrt" at the end of a line
    r"|(?<=\p{L})[ \t]{1,3}(?:rrt|rn|md|np)(?=[ \t]{0,20}(?:\n|$))"
    # ... or mid-sentence when told or called: "x y np aware", "x y rn paged"
    rf"|(?<=\p{{L}})[ \t]{{1,3}}(?:rn|np|md)(?=[ \t]+{_TOLD}\b)"
    # ... or a role in parentheses: "Char Vigneau (resident) working on", "J. Osei (RN)"
    r"|(?<=\p{L})[ \t]{0,2}\((?i:resident|intern|fellow|attending|hospitalist|rn|np|md|pa|rrt|sw|social[ \t]+worker|"
    r"case[ \t]+manager|chaplain|pharmacist|pharmd|nurse|cardiologist|surgeon|intensivist|anesthesiologist)\)"
    # ... or a trainee's year and a role after a comma, signing a message: "- Quinten, PGY2", "Gaurav, hospitalist"
    r"|(?<=\p{L}),[ \t]{0,2}(?i:pgy-?\d|ms[1-4]|hospitalist|cardiology[ \t]+fellow|ep[ \t]+fellow|resident|intern)(?![\p{L}\d])")
# "NP AWARE" in an ALL-CAPS note: the credential of the name before it (not "MD AWARE": a team)
_TOLD_AFTER = regex.compile(rf"[ \t]+{_TOLD}\b", regex.IGNORECASE)
# Credentials that are also everyday abbreviations (PT = patient, PA line, DO = ditto) need a comma.
_LINE_END = regex.compile(r"[ \t]*(?:$|\n|[.;)])")
_LOWER_INITIAL = regex.compile(r"(?<![\p{L}.])\p{Ll}\.[ \t]?$")
_AMBIGUOUS = {"PA", "DO", "PT", "OT", "RT", "RD", "SW", "SLP"}
# a signature line's name: two or three words, one of them may be an initial ("METIA C. PAGODA", "Side Albani")
_SIGNATURE_WORDS = regex.compile(r"[ \t]*(?P<words>\p{L}[\p{L}'’-]+(?:[ \t]+\p{Lu}\.)?(?:[ \t]+\p{L}[\p{L}'’-]+){1,2}|"
                                 r"\p{L}[\p{L}'’-]+[ \t]+\p{Lu}\.[ \t]+\p{L}[\p{L}'’-]+)[ \t]*")


class CredentialedNameRecognizer(NameRecognizer):

    def _signature_line(self, view, match) -> int | None:
        """A line that holds only a name of two or three words (an initial among them) and a credential ending
        it: its words are the name even when English or medicine uses them ("KORVA C. POLLEN, RRT", "Strength
        Mcgurr, RN"), unless one is a curated term or no name word, or none of them looks like a name."""
        text = view.text
        if not _LINE_END.match(text, match.end()) or text[match.end():match.end() + 1] in ".;)":
            return None
        line_start = text.rfind("\n", 0, match.start()) + 1
        words = _SIGNATURE_WORDS.fullmatch(text, line_start, match.start())
        if not words:
            return None
        names = regex.findall(r"\p{L}[\p{L}'’-]*\.?", words.group("words"))
        full = [w for w in names if not w.endswith(".")]
        if any(self.evidence.is_excluded(w) or self.lexicons.is_curated_term(w) for w in full):
            return None
        if view.cased and not all(w[0].isupper() for w in names):
            return None
        if not any(self.lexicons.is_name(w) and self.lexicons.zipf(w) < 4.5 or self.lexicons.zipf(w) < 2.5 for w in full):
            return None  # "Plan Reviewed RN"
        return words.start("words")

    def find(self, view, deadline):
        text = view.text
        for match in _CREDENTIAL.finditer(text, timeout=deadline.remaining()):
            credential = match.group(0).strip(" \t,")
            if credential in _AMBIGUOUS and ("," not in match.group(0) or not view.cased):
                continue
            if not view.cased and not regex.search(r"[,(]", match.group(0)) and not _LINE_END.match(text, match.end()) \
                    and not (credential.upper() in ("NP", "RN") and _TOLD_AFTER.match(text, match.end())):
                continue  # in an ALL-CAPS note: a credential only with a comma, at line end, or "NP AWARE"
            cursor = match.start()
            start = None
            for _ in range(3):
                prev = regex.search(rf"(?:{NAME_WORD.pattern})[ \t]?$", text[max(0, cursor - 40):cursor])
                if not prev:
                    break
                word = prev.group(0).strip()
                if self.evidence.is_excluded(word) or self.lexicons.is_clinical(word) and not self.lexicons.is_name(word):
                    break
                if view.cased and (not word[0].isupper() or word.isupper() and len(word) <= 4 and not word.endswith(".")):
                    break  # lower case or an abbreviation ("per RT, MD")
                if not view.cased and self.lexicons.zipf(word) >= 4.0 and not word.endswith(".") \
                        and not self.lexicons.is_name(word):
                    break  # a signature's words are names unless they are everyday English ("TIME RRT")
                if not view.cased and regex.search(r"\d[ \t]*$", text[max(0, cursor - len(prev.group(0)) - 8):
                                                                   cursor - len(prev.group(0))]):
                    break  # "2 LITERS NP": a quantity, then nasal prongs
                cursor -= len(prev.group(0))
                start = cursor
            signed = self._signature_line(view, match)
            if signed is not None and (start is None or signed < start):
                start = signed  # "KUPSTAS C. POLLEN, RRT", "Side Albani RN": the whole line signs the note
            if start is not None:
                initial = _LOWER_INITIAL.search(text, max(0, start - 4), start)
                if initial:
                    start = initial.start()  # "s. roberto rrt": lower-case notes write initials in lower case
                end = match.start()
                if text[start:end].strip():
                    yield self.result(start, start + len(text[start:end].rstrip()), 0.85)
