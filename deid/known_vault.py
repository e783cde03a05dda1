"""Known identifiers kept between deliveries, so a patient's later notes are checked too.

The FHIR stage learns each patient's identifiers from their Patient resource; a note or a
Bulk NDJSON file delivered later for the same patient needs them to find those
identifiers and to run the second pass. They are PHI: the vault lives in the home folder
beside the landing files (the same trust zone), one file per patient named by the keyed
patient pseudonym, mode 0600. Nothing from it reaches Dagster, the corpus store or logs.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from deid.known_identifiers import KnownIdentifiers
from deid.pseudonyms import patient_key

_FIELDS = ("names", "identifiers", "phones", "addresses", "birth_dates", "emails")


class KnownIdentifierVault:
    def __init__(self, folder: Path, key: bytes):
        self.folder = Path(folder)
        self._key = key

    def _path(self, source_id: str) -> Path:
        return self.folder / f"{patient_key(self._key, source_id)}.json"

    def load(self, source_id: str) -> KnownIdentifiers:
        path = self._path(source_id)
        if not path.exists():
            return KnownIdentifiers()
        return KnownIdentifiers.from_dict(json.loads(path.read_text(encoding="utf-8"))["known"])

    def all(self) -> dict[str, KnownIdentifiers]:
        """Every patient's identifiers by source id (for deliveries that carry no Patient resource)."""
        found = {}
        for path in sorted(self.folder.glob("*.json")) if self.folder.exists() else ():
            data = json.loads(path.read_text(encoding="utf-8"))
            found[data["source_id"]] = KnownIdentifiers.from_dict(data["known"])
        return found

    def save(self, source_id: str, known: KnownIdentifiers) -> None:
        """Add ``known`` to what the vault holds for the patient (identifiers are never dropped)."""
        if not known:
            return
        merged = {field: sorted({_plain(v) for v in (*getattr(self.load(source_id), field), *getattr(known, field))})
                  for field in _FIELDS}
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = self._path(source_id)
        temporary = target.with_suffix(".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"source_id": source_id, "known": merged}, handle, sort_keys=True)
        os.replace(temporary, target)


def _plain(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
