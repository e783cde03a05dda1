"""Names after verbs of contact: "spoke with rosalind", "per David", "paged Hollis", "seen by Ortiz".

Weaker than a title: the word must be a Census first name (or, in mixed-case text, a
capitalised census or rare word), so "spoke with family" or "per protocol" stay.
"""

from __future__ import annotations

import regex

from deid.recognizers.name_tokens import NameRecognizer, name_words_after, name_words_before

_CONTACT = regex.compile(
    r"\b(?:spoke|speaking|spoken|talked|talking|discussed|met|meeting|updated|called|paged|notified|informed|"
    r"per|seen|examined|evaluated|visited|accompanied|consented|signed|witnessed|reported|told|asked|"
    r"contacted|contact|call|page|notify|inform|update|consult|consulted|consulting|emailed|e-mailed|texted|messaged|faxed)"
    r"(?:\s+(?:with|to|by|from|w/))?[ \t]+",
    regex.IGNORECASE)


# "bill called", "DAVID IS SPEAKING", "george visited": a first name doing what visitors do
VISITOR_VERB = regex.compile(
    r"[ \t]+(?:called|calls|phoned|visited|visits|came|come|arrived|spoke|speaks|is|was|will|has|had|reports|reported|"
    r"states|stated|said|says|aware|notified|updated|agrees|agreed|wants|wishes|asked|requests|requested|"
    r"does|did|doesn't|would|should|can|could|understands|understood|expressed|feels|felt|verbalized|keeps|wrote|writes|"
    r"at\s+bedside|in\s+to\s+visit|here|present)\b", regex.IGNORECASE)
# what only people do: an unknown word before these is a name even without case ("quincel called", "quolbeck from
# speech in today")
_STRONG_VISITOR_VERB = regex.compile(r"[ \t]+(?:called|phoned|visited|came[ \t]+in|arrived|from[ \t]+(?:speech|nutrition|"
                                     r"social[ \t]+work|case[ \t]+management|pastoral[ \t]+care|chaplaincy|pt|ot)[ \t]+(?:and|in|came|saw|here)\b)",
                                     regex.IGNORECASE)
_NEXT_WORD = regex.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")
_CLAUSE_START = regex.compile(r"(?:^|[.,;:!?\n]|&)[ \t]*$")
_FIRST_NAME = regex.compile(r"(?<![\w'])[A-Za-z][a-z]+(?![\w'])|(?<![\w'])[A-Z][A-Z]+(?![\w'])")


# "Ann Roe cell# 410-555-0100", "Bill (h) 555-0100": the name a contact number is written after
_NUMBER_AFTER = regex.compile(
    r"(?<![\p{L}\d])(?:cell|home|work|mobile|mob|ph|phone|tel|pager|c|h|w)\)?[ \t]*(?:#|:|\.|no\.|number)?[ \t]*[#:]?"
    r"[ \t]*\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}\b", regex.IGNORECASE)
_BARE_NUMBER = regex.compile(r"(?<![\p{L}\d-])\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}\b")
_CUE_GAP = regex.compile(r"(?:[ \t]{1,3}|[ \t]{0,3}[(,:-][ \t]{0,3}|[ \t]+(?i:at|@|on)[ \t]+)$")
_WORD_BEFORE = regex.compile(r"(?<![\p{L}'-])(\p{L}[\p{L}'-]*\p{L})[ \t]*$")
# "health care proxys. ann and joe", "HCP: Ann Roe": the people named as proxy
_PROXY = regex.compile(r"\b(?:health[ \t]*care[ \t]+)?(?:proxy|proxys|proxies|hcp|hcps)\b[ \t]*(?:is|are|[.:,-])?[ \t]*",
                       regex.IGNORECASE)
_CALL_BACK = regex.compile(r"\bcall(?:ing)?[ \t]+(?P<words>\p{L}[\p{L}'-]*\p{L}(?:[ \t]+\p{L}[\p{L}'-]*\p{L})?)[ \t]+back\b",
                        regex.IGNORECASE)
_AND = regex.compile(r"[ \t]*(?:and|&|/)[ \t]*", regex.IGNORECASE)
# "mary ann quolbeck": a run of Census first names, then a surname no word list knows
_RUN_WORD = regex.compile(r"(?<![\p{L}'-])\p{L}[\p{L}'-]*\p{L}(?![\p{L}'-])")


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
                # (two name words: run-together English words may be a surname then, "per buttross gambrill")
                ok = lower in lex.first_names and lex.zipf(lower) < 5.2 or self.evidence.mostly_name(lower) \
                    or self.evidence.caseless_unknown(word, compounds=True) and self._name_after(text, nxt.end())
            if not ok:
                continue
            span = name_words_after(text, match.end(), self.evidence, view.cased, limit=2)
            if span and not view.cased and span[1] == nxt.end() and self._name_after(text, nxt.end()):
                span = (span[0], _NEXT_WORD.match(text, nxt.end() + 1).end())  # "consult with difebbo [kevan]"
            if span:
                yield self.result(span[0], span[1], 0.65)
        for match in _FIRST_NAME.finditer(text, timeout=deadline.remaining()):
            word = match.group(0)
            lower = word.lower()
            listed = lower in lex.first_names and lex.zipf(lower) < 5.3
            strong_verb = _STRONG_VISITOR_VERB.match(text, match.end())
            if not (listed or not view.cased and strong_verb and self.evidence.caseless_unknown(word)) or self.evidence.is_excluded(word) \
                    or lex.is_clinical(lower) or (view.cased and not word[0].isupper()):
                continue
            if strong_verb or VISITOR_VERB.match(text, match.end()):
                yield self.result(match.start(), match.end(), 0.55)
        if not view.cased:
            yield from self._visitors_from_services(view, deadline)
        for match in _CALL_BACK.finditer(text, timeout=deadline.remaining()):
            words = [w for w in match.group("words").split()]
            if all(self._called_back(w, view.cased) for w in words):
                yield self.result(match.start("words"), match.end("words"), 0.7)
        yield from self._before_numbers(view, deadline)
        yield from self._proxies(view, deadline)
        yield from self._unknown_surnames(view, deadline)

    def _visitors_from_services(self, view, deadline):
        """Without case, "... orientedx3. ann marie quolbeck from speech and swallow in today": the whole clause
        before what only a visitor does, up to three rare words (no clinical, verb-form or misspelt word)."""
        text, lex = view.text, self.lexicons

        def visitor_word(word: str) -> bool:
            lower = word.lower()
            if self.evidence.is_excluded(word) or lex.is_clinical(lower) or len(lower) < 3 or lower in lex.regions:
                return False
            return lex.is_name(lower) and lex.zipf(lower) < 4.0 or self.evidence.rare_plain_word(lower, max_zipf=3.0)
        for match in _STRONG_VISITOR_VERB.finditer(text, timeout=deadline.remaining()):
            span = name_words_before(text, match.start(), visitor_word, limit=3)
            if span and span[0] < match.start() and _CLAUSE_START.search(text, max(0, span[0] - 4), span[0]):
                yield self.result(span[0], span[1], 0.6)

    def _called_back(self, word: str, cased: bool) -> bool:
        """Who is to be called back ("PLEASE CALL THIJMEN ROBINSON BACK"): a Census name or a word no dictionary
        knows, not a pronoun, a relative or a service ("call me back", "call mom back", "call pharmacy back")."""
        return not self.evidence.vetoes_name(word) and self.evidence.person_word(word, cased, max_zipf=5.5)

    def _name_after(self, text: str, pos: int) -> bool:
        """A second name word right after: another unknown word, run-together words too ("dagrella downham"),
        or a Census surname ("nikach adib")."""
        nxt = _NEXT_WORD.match(text, pos + 1) if text[pos:pos + 1] == " " else None
        return bool(nxt) and (self.evidence.caseless_unknown(nxt.group(0), max_zipf=2.5, compounds=True) or nxt.group(0).lower() in self.lexicons.last_names
                              and not self.lexicons.is_clinical(nxt.group(0)) and self.lexicons.zipf(nxt.group(0)) < 3.5)

    def _before_numbers(self, view, deadline):
        """ "Ann Roe cell# 410-555-0100"; without the cue word ("Ann Roe 410-555-0100") only two
        capitalised name-like words in a cased note count."""
        text = view.text
        cued = ((m, True) for m in _NUMBER_AFTER.finditer(text, timeout=deadline.remaining()))
        bare = ((m, False) for m in _BARE_NUMBER.finditer(text, timeout=deadline.remaining()))
        for match, cue in (*cued, *bare):
            gap = _CUE_GAP.search(text, max(0, match.start() - 8), match.start())
            if not gap:
                continue
            cursor, start, count = gap.start(), None, 0
            for _ in range(2):
                prev = _WORD_BEFORE.search(text, max(0, cursor - 40), cursor)
                if not prev or not self._contact_name(prev.group(1), view.cased):
                    break
                start, cursor, count = prev.start(1), prev.start(1), count + 1
            if start is not None and (cue or count == 2 and (view.cased or self._listed_pair(text[start:gap.start()]))):
                end = _WORD_BEFORE.search(text, max(0, gap.start() - 40), gap.start()).end(1)
                yield self.result(start, end, 0.65)

    def _listed_pair(self, words: str) -> bool:
        """ "JACQUELINE SMITH 839-555-0100": without case, a bare number follows a name only if
        its two words are a listed first name and a listed surname."""
        first, _, last = words.strip().lower().partition(" ")
        lex = self.lexicons
        return first in lex.first_names and last.strip() in lex.last_names and not lex.is_clinical(first)

    def _contact_name(self, word: str, cased: bool) -> bool:
        lex = self.lexicons
        base = regex.sub(r"['’]s$", "", word)
        if self.evidence.is_excluded(base) or lex.is_clinical(base) and not lex.is_name(base):
            return False  # "daughter cell#", "Pt's home#"
        if cased and (not word[0].isupper() or word.isupper() and len(word) <= 4):
            return False
        return lex.is_name(word) and lex.zipf(word) < 5.0 or lex.zipf(word) < 3.0

    def _proxies(self, view, deadline):
        text = view.text
        lex = self.lexicons
        for match in _PROXY.finditer(text, timeout=deadline.remaining()):
            nxt = _NEXT_WORD.match(text, match.end())
            if not nxt or not self._contact_name(nxt.group(0), view.cased):
                continue
            lower = nxt.group(0).lower()
            if match.group(0).rstrip().endswith(".") and not (lower in lex.first_names and lex.zipf(lower) < 5.0):
                continue  # "proxy. Copy of it in the chart": after a full stop, only a first name
            span = name_words_after(text, match.end(), self.evidence, view.cased, limit=2)
            if not span:
                continue
            yield self.result(span[0], span[1], 0.65)
            joined = _AND.match(text, span[1])
            if joined:
                nxt = _NEXT_WORD.match(text, joined.end())
                if nxt and self._contact_name(nxt.group(0), view.cased) and nxt.group(0).lower() not in ("md", "rn"):
                    yield self.result(nxt.start(), nxt.end(), 0.6)

    def _unknown_surnames(self, view, deadline):
        """ "mary theresa quolbeck from speech": the word after two Census first names, unknown to
        wordfreq and every list, is the surname (the first names alone are found elsewhere)."""
        lex = self.lexicons
        text = view.text
        words = list(_RUN_WORD.finditer(text, timeout=deadline.remaining()))
        for i in range(2, len(words)):
            last = words[i].group(0)
            if lex.zipf(last) > 1.0 or len(last) < 3 or lex.is_clinical(last) or self.evidence.is_excluded(last):
                continue
            for n in (2, 3):
                run = words[i - n:i] if i >= n else []
                if not run or any(not regex.fullmatch(r"[ \t]+", text[a.end():b.start()]) for a, b in zip(run, run[1:] + [words[i]])):
                    continue
                if not all(w.group(0).lower() in lex.first_names and not lex.is_clinical(w.group(0))
                           and not self.evidence.is_excluded(w.group(0)) and lex.zipf(w.group(0)) < 5.5 for w in run):
                    continue
                if view.cased and not all(w.group(0)[0].isupper() for w in run + [words[i]]) \
                        or last.isupper() != run[0].group(0).isupper():
                    continue
                yield self.result(run[0].start(), words[i].end(), 0.6)
                break
