"""Clinical text de-identification: Presidio-style recognizers, spaCy NER, keyed surrogates.

Owns: text, policies, surrogates, date shifting, evaluation of de-identification.
Imports: nothing from the other cardiocorpus packages (they import deid).
"""

from deid.engine import DeidEngine, DeidResult, Document, Span
from deid.known_identifiers import KnownIdentifiers
from deid.policy import Policy

__all__ = ["DeidEngine", "DeidResult", "Document", "KnownIdentifiers", "Policy", "Span"]
