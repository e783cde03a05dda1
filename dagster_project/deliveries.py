"""Delivered files and their partitions: one dynamic partition per distinct delivered file.

A partition key is derived from the file's content hash, never from its name (input file
names are often MRNs, and partition keys show in the UI and the event log). The same
content delivered again maps to the same key, so a re-delivery adds nothing. Where each
key's file lies is kept in an index under ``$CARDIOCORPUS_HOME/deliveries/``, outside
Dagster's storage, so no file name reaches Dagster.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from readers.common import file_sha256

KINDS = ("fhir", "notes", "papers")
PARTITIONS = {kind: dg.DynamicPartitionsDefinition(name=f"{kind}_deliveries") for kind in KINDS}


@dataclass(frozen=True)
class Delivery:
    kind: str
    key: str
    path: Path
    sha256: str
    size: int


def partition_key(sha256: str) -> str:
    return "d-" + sha256[:20]


def landing(home: Path, kind: str) -> Path:
    return home / "landing" / kind


def _index_dir(home: Path, kind: str) -> Path:
    return home / "deliveries" / kind


def scan(home: Path, kind: str) -> list[Delivery]:
    """Every delivered file of one kind, indexed by content; files seen before are not re-hashed."""
    folder = landing(home, kind)
    index = _index_dir(home, kind)
    index.mkdir(parents=True, exist_ok=True)
    seen = _load_seen(index)
    deliveries: dict[str, Delivery] = {}
    for path in sorted(folder.rglob("*")) if folder.exists() else ():
        if not _is_candidate(path, kind):
            continue
        stat = path.stat()
        stamp = (str(path.relative_to(folder)), stat.st_size, stat.st_mtime_ns)
        sha = seen.get(stamp) or file_sha256(path)
        key = partition_key(sha)
        if key not in deliveries:
            deliveries[key] = Delivery(kind, key, path, sha, stat.st_size)
            _write_entry(index, key, {"path": stamp[0], "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": sha})
    return list(deliveries.values())


def _is_candidate(path: Path, kind: str) -> bool:
    name = path.name.lower()
    if name.startswith(".") or not path.is_file():
        return False
    if kind == "notes" and name.endswith(".json"):
        return False  # a .txt note's sidecar, read with its note
    return True  # unknown suffixes are delivered too, so they end in quarantine rather than vanish


def _load_seen(index: Path) -> dict[tuple, str]:
    seen = {}
    for entry in index.glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        seen[(data["path"], data["size"], data["mtime_ns"])] = data["sha256"]
    return seen


def _write_entry(index: Path, key: str, entry: dict) -> None:
    target = index / f"{key}.json"
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(entry, sort_keys=True), encoding="utf-8")
    os.replace(temporary, target)


def resolve(home: Path, kind: str, key: str) -> Delivery:
    """The delivery behind a partition key (the raw asset re-hashes it before use)."""
    entry_path = _index_dir(home, kind) / f"{key}.json"
    if not entry_path.exists():
        raise LookupError(f"no {kind} delivery is indexed under partition {key}")
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    path = landing(home, kind) / entry["path"]
    if not path.exists():
        raise LookupError(f"the {kind} delivery of partition {key} is no longer in the landing folder")
    return Delivery(kind, key, path, entry["sha256"], entry["size"])
