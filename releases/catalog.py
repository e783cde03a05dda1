"""What training teams use: the read-only Catalog of releases on disk, and ``pull`` (certified only)."""

from __future__ import annotations

import getpass
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from audit import CorpusStore
from releases.build import releases_root
from releases.certify import is_certified, verified_manifest
from releases.checks import files_intact
from releases.files import MANIFEST, read_manifest, sha256_file
from releases.records import ReleaseRefused


@dataclass
class ReleaseInfo:
    name: str
    version: str
    directory: Path
    manifest: dict
    certifications: list[dict] = field(default_factory=list)   # from the store, when given
    pulls: int | None = None
    release_event_id: int | None = None
    recorded: bool | None = None        # the manifest's hash is the store's (None: no store given)

    @property
    def certified(self) -> bool | None:
        if self.recorded is None:
            return None
        return self.recorded and any(c["passed"] for c in self.certifications)

    def to_json(self) -> dict:
        manifest = self.manifest
        return {"name": self.name, "version": self.version, "directory": str(self.directory),
                "counts": {k: v for k, v in manifest.get("counts", {}).items() if "." not in k},
                "files": manifest.get("files"), "config": manifest.get("config"), "policy": manifest.get("policy"),
                "key_fingerprint": manifest.get("key_fingerprint"), "sources": manifest.get("sources"),
                "lineage": manifest.get("lineage") | {"release_event_id": self.release_event_id},
                "estimate": manifest.get("estimate"), "tokenizer": manifest.get("tokenizer"),
                "terminology_versions": manifest.get("terminology_versions"),
                "engine_versions": manifest.get("engine_versions"), "recorded_in_store": self.recorded,
                "certified": self.certified, "certifications": self.certifications, "pulls": self.pulls}


class Catalog:
    """Releases under ``root`` (default ``$CARDIOCORPUS_HOME/releases``); reads only.

    Pass a store to join what lives there: the release event, certifications, pull count.
    """

    def __init__(self, root: str | Path | None = None, store: CorpusStore | None = None):
        self.root = releases_root(root)
        self.store = store

    def _versions(self, name: str) -> list[Path]:
        folder = self.root / name
        if not folder.is_dir():
            return []
        found = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST).is_file()]
        return sorted(found, key=lambda p: (self._event_id(name, p.name) or 0, (p / MANIFEST).stat().st_mtime, p.name))

    def _event_id(self, name: str, version: str) -> int | None:
        if self.store is None:
            return None
        row = self.store.query("SELECT event_id FROM releases WHERE name = ? AND version = ?", [name, version])
        return int(row[0][0]) if row else None

    def _info(self, directory: Path) -> ReleaseInfo:
        name, version = directory.parent.name, directory.name
        info = ReleaseInfo(name, version, directory, read_manifest(directory))
        if self.store is not None:
            try:
                _, info.release_event_id, _ = verified_manifest(self.store, directory, name, version)
                info.recorded = True
            except ReleaseRefused:
                info.recorded = False
            info.certifications = [
                {"certified_by": by, "passed": passed, "event_id": int(event), "checks": json.loads(checks)}
                for by, passed, event, checks in self.store.query(
                    "SELECT certified_by, passed, event_id, checks FROM certifications WHERE name = ? AND version = ? "
                    "ORDER BY event_id", [name, version])]
            info.pulls = int(self.store.query("SELECT count(*) FROM access_log WHERE name = ? AND version = ?",
                                              [name, version])[0][0])
        return info

    def list(self) -> list[ReleaseInfo]:
        if not self.root.is_dir():
            return []
        return [self._info(p) for name in sorted(p.name for p in self.root.iterdir() if p.is_dir())
                for p in self._versions(name)]

    def show(self, name: str, version: str | None = None) -> ReleaseInfo:
        """One release; without a version the newest (by release event when a store is given)."""
        if version is not None:
            directory = self.root / name / version
            if not (directory / MANIFEST).is_file():
                raise ReleaseRefused(f"no release {name} {version} under {self.root}")
            return self._info(directory)
        versions = self._versions(name)
        if not versions:
            raise ReleaseRefused(f"no release named {name} under {self.root}")
        return self._info(versions[-1])

    def read_examples(self, name: str, version: str, split: str = "train") -> list[dict]:
        if split not in ("train", "validation"):
            raise ValueError("split must be train or validation")
        with open(self.root / name / version / f"{split}.jsonl", encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]


def newest_certified(store: CorpusStore, name: str) -> str:
    rows = store.query("SELECT r.version FROM releases r WHERE r.name = ? AND EXISTS (SELECT 1 FROM certifications c "
                       "WHERE c.name = r.name AND c.version = r.version AND c.passed) ORDER BY r.event_id DESC LIMIT 1",
                       [name])
    if not rows:
        raise ReleaseRefused(f"release {name} has no certified version")
    return rows[0][0]


def pull(store: CorpusStore, name: str, version: str | None, to: str | Path, by: str | None = None,
         root=None) -> Path:
    """Copy a certified release to ``to`` after checking every hash; the pull is logged. Returns ``to``."""
    by = (by or os.environ.get("USER") or getpass.getuser()).strip()
    version = version or newest_certified(store, name)
    directory = releases_root(root) / name / version
    manifest, _, _ = verified_manifest(store, directory, name, version)
    if not is_certified(store, name, version):
        raise ReleaseRefused(f"release {name} {version} is not certified; a steward runs "
                             f"`cardiocorpus datasets certify {name} {version} --by WHO` first")
    intact = files_intact(directory, manifest)
    if not intact.passed:
        raise ReleaseRefused(f"release {name} {version} under {directory} does not match its manifest: {intact.details}")
    target = Path(to)
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pull-", dir=target))
    try:
        for file in sorted(manifest["files"]) + [MANIFEST]:
            shutil.copyfile(directory / file, staging / file)
            if file != MANIFEST and sha256_file(staging / file) != manifest["files"][file]["sha256"]:
                raise ReleaseRefused(f"release {name} {version}: the copy of {file} does not match its manifest hash")
        for file in sorted(manifest["files"]) + [MANIFEST]:
            os.replace(staging / file, target / file)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    store.record_pull(name, version, by, str(target.resolve()))
    return target
