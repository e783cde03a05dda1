"""What the release builder hands back, and the two refusals: plain dataclasses and exceptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class CheckOutcome:
    """One quality gate: ``details`` hold counts only, never text."""

    passed: bool
    blocking: bool
    details: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"passed": self.passed, "blocking": self.blocking, "details": self.details}


@dataclass(frozen=True)
class Example:
    """One chat example and where it came from (documents and clinical rows: pseudonymous ids)."""

    example_id: str
    task: str
    messages: tuple[dict, ...]
    group: str                       # split unit: patient key, or document id for papers without one
    doc_ids: tuple[str, ...] = ()
    clinical_rows: tuple[tuple[str, str], ...] = ()   # (table, id)

    def record(self) -> dict:
        return {"messages": [dict(m) for m in self.messages]}


@dataclass
class ReleaseBuild:
    name: str
    version: str
    directory: Path
    manifest: dict
    counts: dict[str, int]
    checks: dict[str, CheckOutcome]
    release_event_ids: list[int]
    reused: bool = False             # an identical release already existed: nothing was written

    @property
    def blocking_failures(self) -> list[str]:
        return sorted(n for n, c in self.checks.items() if c.blocking and not c.passed)


@dataclass(frozen=True)
class CertificationResult:
    name: str
    version: str
    certified_by: str
    checks: dict[str, CheckOutcome]
    event_ids: list[int]


class CertificationBlocked(Exception):
    """A blocking check failed; nothing was recorded. ``failed`` names the checks."""

    def __init__(self, name: str, version: str, failed: list[str], checks: dict[str, CheckOutcome]):
        super().__init__(f"release {name} {version} cannot be certified: blocking checks failed: {', '.join(failed)}")
        self.failed = failed
        self.checks = checks


class ReleaseRefused(Exception):
    """A pull (or read) was refused; the message says why, naming files and hashes, never content."""
