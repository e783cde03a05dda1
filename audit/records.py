"""What callers hand to the store and what verification hands back: plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class SourceDocument:
    """A raw input as delivered. Only its hash and location are stored, never its content."""

    content_sha256: str
    kind: str
    location: str
    patient_key: str | None = None
    received_at: datetime | None = None


@dataclass(frozen=True)
class DeidentifiedDocument:
    """De-identified text of one document; ``metadata`` must hold no PHI (counts, kinds, ids)."""

    doc_id: str
    source_sha256: str
    patient_key: str | None
    kind: str
    text: str
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class QuarantineItem:
    """An input a stage refused. ``reason`` names what and where, never the value."""

    location: str
    sha256: str
    stage: str
    reason: str


@dataclass(frozen=True)
class BrokenEvent:
    """The first event verification could not vouch for, and what is wrong with it."""

    event_id: int
    action: str | None
    problem: str


@dataclass(frozen=True)
class VerificationReport:
    ok: bool
    events_checked: int
    first_broken: BrokenEvent | None = None
    rows_checked: int = 0
    anchor: str = "checked"   # "checked", or why the head anchor could not be used
    seconds: float = 0.0

    def to_json(self) -> dict:
        broken = None
        if self.first_broken:
            broken = {"event_id": self.first_broken.event_id, "action": self.first_broken.action,
                      "problem": self.first_broken.problem}
        return {"ok": self.ok, "events_checked": self.events_checked, "rows_checked": self.rows_checked,
                "anchor": self.anchor, "first_broken": broken, "seconds": round(self.seconds, 3)}
