"""Shared machinery for cardiocorpus recognizers (Presidio ``EntityRecognizer`` subclasses).

A recognizer declares ``ENTITY``, ``PATTERNS`` (Presidio ``Pattern`` objects) and, where
needed, ``validate_match``. A pattern may mark the PHI part of its match with the named
group ``phi``; the rest of the match is context ("Dr." in "Dr. Wong") and stays.
Regexes run through the ``regex`` module with the document's remaining time budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Iterable

import regex
from presidio_analyzer import EntityRecognizer, Pattern, RecognizerResult

from deid.deadline import UNBOUNDED, Deadline
from deid.lexicons import Lexicons


@dataclass(frozen=True)
class TextView:
    """The text plus facts every recognizer wants: is it ALL CAPS or all lower case?"""

    text: str
    cased: bool  # mixed case: capitalisation carries information
    #: nearly all lower case ("pt alert... son bill called"), so the rare Capitalised word stands out
    mostly_lower: bool = False

    @classmethod
    def of(cls, text: str) -> "TextView":
        letters = [c for c in text[:20000] if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        share = upper / len(letters) if letters else 0.0
        return cls(text, 0.03 < share < 0.6, share <= 0.03)


def is_query(text: str) -> bool:
    """A one-line text of at most 600 characters (a clinical question, a search): no section
    headers or later sentences will give context, so the first capitalised word counts too."""
    return len(text) <= 600 and "\n" not in text.strip()


def found_after_names(text: str, found: Iterable[RecognizerResult], pattern: regex.Pattern, entity: str, score: float,
                      recognizer_name: str, min_score: float) -> list[RecognizerResult]:
    """The ``phi`` group of ``pattern`` matched right after each name found with ``min_score`` or more:
    the name says whose number or age it is ("Ann Roe 740845", "Ann Roe is 94")."""
    out = []
    for result in found:
        if result.entity_type != "PERSON" or result.score < min_score:
            continue
        match = pattern.match(text, result.end)
        if match:
            out.append(RecognizerResult(entity, match.start("phi"), match.end("phi"), score,
                                        recognition_metadata={"recognizer_name": recognizer_name}))
    return out


class ClinicalRecognizer(EntityRecognizer):
    """Base for our recognizers: no NLP artifacts needed, deadline-aware."""

    ENTITY: ClassVar[str] = ""
    #: Weak recognizers' spans are dropped when they are protected clinical vocabulary.
    WEAK: ClassVar[bool] = False

    def __init__(self, lexicons: Lexicons):
        super().__init__(supported_entities=[self.ENTITY], name=type(self).__name__)
        self.lexicons = lexicons

    def load(self) -> None:  # Presidio's hook; our recognizers load in __init__
        pass

    def analyze(self, text, entities=None, nlp_artifacts=None):  # Presidio's entry point
        return list(self.find(TextView.of(text), UNBOUNDED))

    def find(self, view: TextView, deadline: Deadline) -> Iterable[RecognizerResult]:
        raise NotImplementedError

    def result(self, start: int, end: int, score: float, entity: str | None = None) -> RecognizerResult:
        return RecognizerResult(entity or self.ENTITY, start, end, score,
                                recognition_metadata={"recognizer_name": self.name})


class RegexRecognizer(ClinicalRecognizer):
    PATTERNS: ClassVar[list[Pattern]] = []
    FLAGS: ClassVar[int] = regex.IGNORECASE | regex.VERSION0
    #: Patterns whose matches carry another entity than ``ENTITY`` (e.g. ``{"zip": "ZIP"}``).
    PATTERN_ENTITIES: ClassVar[dict[str, str]] = {}

    def __init__(self, lexicons: Lexicons):
        super().__init__(lexicons)
        self._compiled = [(p, regex.compile(p.regex, self.FLAGS)) for p in self.PATTERNS]

    def find(self, view: TextView, deadline: Deadline) -> Iterable[RecognizerResult]:
        for pattern, compiled in self._compiled:
            for match in compiled.finditer(view.text, timeout=deadline.remaining()):
                group = "phi" if "phi" in compiled.groupindex else 0
                start, end = match.span(group)
                if start == end or start < 0:
                    continue
                score = self.validate_match(view, match, start, end, pattern)
                if score:
                    yield self.result(start, end, pattern.score if score is True else score,
                                      self.PATTERN_ENTITIES.get(pattern.name))

    def validate_match(self, view: TextView, match, start: int, end: int, pattern: Pattern) -> bool | float:
        """Return False to drop a match, True to keep its pattern score, or a new score."""
        return True
