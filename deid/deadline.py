"""A per-document time budget, so no input can hang a batch.

Every regex in the recognizers runs through the ``regex`` module with the budget that is
left as its timeout; the engine also checks the budget between stages. A document that
runs out raises :class:`DocumentTimeout` and the caller quarantines it.
"""

from __future__ import annotations

import time


class DocumentTimeout(Exception):
    """The document used up its time budget; quarantine it (the message carries no text)."""


class Deadline:
    def __init__(self, seconds: float | None):
        self._end = None if seconds is None else time.monotonic() + seconds
        self.seconds = seconds

    def remaining(self) -> float | None:
        if self._end is None:
            return None
        left = self._end - time.monotonic()
        if left <= 0:
            raise self.expired()
        return left

    def expired(self) -> DocumentTimeout:
        """The error for this budget running out (also for a regex that timed out inside it)."""
        return DocumentTimeout(f"document exceeded its {self.seconds:.1f}s budget")

    def check(self) -> None:
        self.remaining()


UNBOUNDED = Deadline(None)
