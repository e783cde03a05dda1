"""Relatives and contacts: "husband Tom", "dtr rosalind", "daughter is mrs. carlson", "Tom (husband)",
"miller's daughter", "daughter of Santoso", "Ilse is the family contact"."""

from __future__ import annotations

import regex

from deid.recognizers.base import is_query
from deid.recognizers.name_tokens import (CALENDAR_WORDS, CHARTING_VERB, NAME_WORD, SURNAME_PARTICLES, NameRecognizer, name_words_after,
                                         name_words_before)

RELATIONS = (r"(?:son|daughter|dtr|sister|brother|mother|father)[- ]in[- ]law|"  # first: "father" must not win
             r"daughters?|dtrs?|sons?|husband|husbnd|husb|hubby|hus|wife|spouse|partner|boyfriend|girlfriend|fianc[eé]e?|"
             r"sisters?|sis|brothers?|bro|mother|mom|mum|father|dad|niece|nephew|aunt|uncle|cousin|"
             r"grand(?:son|daughter|child|children|mother|father|ma|pa)s?|granddtr|grandaughters?|"
             r"sil|dil|friend|neighbou?r|"
             r"roommate|companion|guardian|proxy|hcp|health\s+care\s+proxy|caregiver|carer|sitter|"
             r"significant\s+other|family\s+member|relative|stepson|stepdaughter|step-son|step-daughter|"
             r"kids?|child|teenager|teen|toddler|baby|grandkids?")
_AFTER_RELATION = regex.compile(
    rf"\b(?:{RELATIONS})\b(?:\(\?\))?(?:\s*[,:(\-]+\s*|\s+(?:is\s+|named\s+|name\s+is\s+|of\s+|,\s*)?)(?:(?:mrs?|ms|miss)\.?\s+)?",
    regex.IGNORECASE)
# "this is amber, miller's daughter": a name owning the relation
_OWNS_RELATION = regex.compile(rf"(?<=\p{{L}})['’]s[ \t]+(?:{RELATIONS})\b", regex.IGNORECASE)
_JOINED = regex.compile(r"[ \t]*(?:,|and(?!\p{L})|&|/)[ \t]*(?:and[ \t]+)?", regex.IGNORECASE)
_BEFORE_RELATION = regex.compile(
    rf"(?<=\p{{L}})[ \t]{{0,3}}\([ \t]{{0,3}}(?:pt'?s\s+|his\s+|her\s+)?(?:{RELATIONS}|resident|intern|attending|fellow|rn|np|md|pa)[ \t]{{0,3}}\)"
    # "Ignatius, husband, at bedside"
    rf"|(?<=\p{{L}})[ \t]{{0,3}},[ \t]{{0,3}}(?:pt'?s\s+|his\s+|her\s+)?(?:{RELATIONS})[ \t]{{0,3}},"
    # "Ilse is the family contact", "Wendell is pt's HCP": a name said to hold a contact role
    rf"|(?<=\p{{L}})[ \t]+is[ \t]+(?:the[ \t]+|pt'?s[ \t]+|his[ \t]+|her[ \t]+)?(?:family[ \t]+|primary[ \t]+|main[ \t]+)?"
    rf"(?:contact|spokes(?:person|man|woman)|proxy|hcp|health[ \t]+care[ \t]+proxy|poa|next[ \t]+of[ \t]+kin)\b",
    regex.IGNORECASE)


# "this is tyler johnsons wife": a possessive typed without its apostrophe, before a close relation (queries only)
_OWNS_RELATION_BARE = regex.compile(r"(?<![\p{L}'’-])(?P<name>\p{L}[\p{L}'’-]*\p{L})s[ \t]+(?:wife|husband|son|daughter|mom|dad|"
                                    r"mother|father|brother|sister|granddaughter|grandson)\b", regex.IGNORECASE)
# how a relative is, not who: "husband tearful", "daughter hopeful", "son anxious" (and CHARTING_VERB's "exhausted")
_ADJECTIVE_ENDING = regex.compile(r"(?:ful|less|ous|ive)$")
_GOES_ON_AFTER_NAME = regex.compile(r"[ \t]*(?:,|[ \t](?:is|was|has|had|and)\b)", regex.IGNORECASE)
# what a relative does when the notes name them: "son swede called", "dtr ellery in to visit", "daughter x on phone"
_VISITING = regex.compile(r"[ \t]+(?:called|calls|phoned|visited|visits|came|arrived|consented|was[ \t]+updated|"
                          r"in[ \t]+to[ \t]+visit|at[ \t]+(?:the[ \t]+)?bedside|(?:on|by|over)[ \t]+(?:the[ \t]+)?phone|"
                          r"aware|notified|updated)\b", regex.IGNORECASE)


class RelativeNameRecognizer(NameRecognizer):

    def find(self, view, deadline):
        text = view.text
        for match in _AFTER_RELATION.finditer(text, timeout=deadline.remaining()):
            start = match.end() + (1 if text[match.end():match.end() + 1] in "\"'" else 0)
            span = name_words_after(text, start, self.evidence, view.cased, limit=3) or self._caseless_query_name(view, start)
            visiting = None if span else self._named_then_visiting(view, start)
            if visiting:
                yield self.result(visiting[0], visiting[1], 0.7)
            if span and self._plausible(text[span[0]:span[1]], view.cased):
                yield self.result(span[0], span[1], 0.8)
                # "daughters sarah and tamsin"
                joined = _JOINED.match(text, span[1])
                if joined:
                    second = name_words_after(text, joined.end(), self.evidence, view.cased, limit=2)
                    if second and self._plausible(text[second[0]:second[1]], view.cased):
                        yield self.result(second[0], second[1], 0.7)
        for match in _OWNS_RELATION.finditer(text, timeout=deadline.remaining()):
            span = name_words_before(text, match.start(), lambda word: self._owner(word, view.cased), limit=2)
            if span:
                yield self.result(span[0], span[1], 0.7)
        if is_query(text):
            for match in _OWNS_RELATION_BARE.finditer(text, timeout=deadline.remaining()):
                stem = match.group("name")
                if self._bare_owner(stem, view.cased):
                    before = name_words_before(text, match.start("name"), lambda word: self._owner(word, view.cased), limit=1)
                    yield self.result(before[0] if before else match.start("name"), match.end("name"), 0.6)
        # "Tom (husband)", "Frank Vrenchak (son)": name words right before the relation
        for match in _BEFORE_RELATION.finditer(text, timeout=deadline.remaining()):
            span = name_words_before(text, match.start(), lambda word: self._before_relation(word, view.cased))
            if span:
                yield self.result(span[0], span[1], 0.7)

    def _caseless_query_name(self, view, start: int) -> tuple[int, int] | None:
        """In a caseless one-line query, a relation names its person with a word as common as
        "marika" (Zipf < 3; < 3.5 before "is", "has", "and" or a comma) when it reads as no verb or typo
        ("my dad marika simpson has", "my husbnd dada is 99", not "my mom fainted"), and the name words after it."""
        text = view.text
        word = NAME_WORD.match(text, start)
        if view.cased or not word or not is_query(text):
            return None
        lower = word.group(0).lower()
        # (up to Zipf 3.5 when the sentence goes on as it does after a name: "my husbnd dada is 99")
        common = self.lexicons.zipf(lower) >= 3.0 and not _GOES_ON_AFTER_NAME.match(text, word.end())
        if common or not self._rare_name_word(lower):
            return None
        rest = name_words_after(text, word.end(), self.evidence, view.cased, limit=2)
        return word.start(), rest[1] if rest and text[word.end():rest[0]] == " " else word.end()

    def _named_then_visiting(self, view, start: int) -> tuple[int, int] | None:
        """ "son swede called", "his son, swede, visited": between a relation and what visitors do, a word English
        uses rarely (Zipf < 3.5) that reads as no verb form or typo names the relative, in any case."""
        text = view.text
        word = NAME_WORD.match(text, start)
        if not word:
            return None
        lower = word.group(0).lower()
        if not (self._rare_name_word(lower) or self._rare_plain_plural(lower)):
            return None
        after = word.end() + (1 if text[word.end():word.end() + 1] == "," else 0)
        return word.span() if _VISITING.match(text, after) else None

    def _rare_name_word(self, lower: str) -> bool:
        """A word English uses rarely (Zipf < 3.5) that reads as no verb form or typo, and no clinical,
        excluded or calendar word: what names a relative where the sentence says one is named."""
        return self.evidence.rare_plain_word(lower, max_zipf=3.5) and not self.lexicons.is_clinical(lower) \
            and not self.evidence.is_excluded(lower) and lower not in CALENDAR_WORDS

    def _rare_plain_plural(self, lower: str) -> bool:
        """Between a relation and a visitor's verb also a rare word (Zipf < 3.5) that reads as the plural of a word
        English or medicine knows, as surnames do ("son bitters called"); not of a curated term or a verb form."""
        stem = lower[:-1]
        return lower.endswith("s") and len(lower) > 4 and self.lexicons.zipf(lower) < 3.5 \
            and not self.lexicons.is_curated_term(stem) and not CHARTING_VERB.search(stem) \
            and not self.evidence.is_excluded(lower) and lower not in CALENDAR_WORDS

    def _bare_owner(self, stem: str, cased: bool) -> bool:
        """The owner in "johnsons wife" (the word without its "s"): a Census name English uses less than "will",
        or a word English uses rarely that reads as no verb or typo; not "patients", "sons", "others"."""
        lower = stem.lower()
        if self.evidence.is_excluded(stem) or self.lexicons.is_clinical(lower) or lower in CALENDAR_WORDS \
                or cased and not stem[0].isupper():
            return False
        return self.lexicons.is_name(lower) and self.lexicons.zipf(lower) < 5.0 or self.evidence.rare_plain_word(lower, max_zipf=2.5)

    def _owner(self, word: str, cased: bool) -> bool:
        """Who owns a relation ("miller's daughter"): a Census name English uses less than "will", even one
        the terminology's word list holds, or a word no dictionary knows; not "patient's", "Monday's"."""
        return not self.lexicons.is_curated_term(word) and word.lower() not in CALENDAR_WORDS \
            and self.evidence.person_word(word, cased)

    def _before_relation(self, word: str, cased: bool) -> bool:
        return self.evidence.after_context(word, cased) and (
            self.evidence.strength(word, cased) >= 0.4 or word.lower() in self.lexicons.first_names)

    def _plausible(self, span_text: str, cased: bool) -> bool:
        """Without case: a Census name, or a word English uses little that does not end like an adjective or
        a verb form ("husband tearful has", "son upset"; not "husband Tom", "dtr ellery")."""
        words = span_text.split()
        first = words[1] if len(words) > 1 and words[0].lower() in SURNAME_PARTICLES else words[0]  # "da costa"
        if cased:
            return first[0].isupper() or self.lexicons.is_name(first)
        lower = first.lower()
        return self.lexicons.is_name(first) or self.lexicons.zipf(first) < 3.8 \
            and not _ADJECTIVE_ENDING.search(lower) and not CHARTING_VERB.search(lower)
