"""The caller's known identifiers of this patient, in any spelling (see deid.known_identifiers)."""

from __future__ import annotations

from deid.known_identifiers import KnownPattern
from deid.recognizers.base import ClinicalRecognizer


class KnownIdentifierRecognizer(ClinicalRecognizer):
    ENTITY = "PERSON"

    def find_known(self, view, deadline, patterns: tuple[KnownPattern, ...]):
        for known in patterns:
            for match in known.pattern.finditer(view.text, timeout=deadline.remaining()):
                yield self.result(match.start(), match.end(), 1.0, known.kind)

    def find(self, view, deadline):  # needs the patient's patterns: the engine calls find_known
        return []
