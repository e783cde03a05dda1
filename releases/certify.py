"""Certification: the blocking gates re-run on the released files and the store, then the steward's record."""

from __future__ import annotations

from pathlib import Path

from audit import CorpusStore
from audit.chain import canonical_json, sha256_text
from releases.build import releases_root
from releases.checks import blocking_checks
from releases.files import read_manifest
from releases.records import CertificationBlocked, CertificationResult, CheckOutcome, ReleaseRefused


def recorded_release(store: CorpusStore, name: str, version: str) -> tuple[str, int, dict[str, str]]:
    """(manifest_sha256, release event id, members doc_id -> text_sha256) as the store recorded them."""
    row = store.query("SELECT manifest_sha256, event_id FROM releases WHERE name = ? AND version = ?", [name, version])
    if not row:
        raise ReleaseRefused(f"release {name} {version} is not recorded in the corpus store")
    members = dict(store.query("SELECT doc_id, text_sha256 FROM release_members WHERE name = ? AND version = ? "
                               "ORDER BY doc_id", [name, version]))
    return row[0][0], int(row[0][1]), members


def verified_manifest(store: CorpusStore, directory: Path, name: str, version: str) -> tuple[dict, int, dict]:
    """The release's manifest, refused unless its hash is the one recorded in the store."""
    manifest_sha256, event_id, members = recorded_release(store, name, version)
    if not (directory / "manifest.json").is_file():
        raise ReleaseRefused(f"release {name} {version}: no manifest.json under {directory}")
    manifest = read_manifest(directory)
    actual = sha256_text(canonical_json(manifest))
    if actual != manifest_sha256:
        raise ReleaseRefused(f"release {name} {version}: {directory / 'manifest.json'} has sha256 {actual[:12]}..., "
                             f"the store recorded {manifest_sha256[:12]}...")
    return manifest, event_id, members


def certify(store: CorpusStore, name: str, version: str, by: str, root=None) -> CertificationResult:
    """Re-run every blocking check; record the certification only when all pass (else CertificationBlocked)."""
    if not by or not by.strip():
        raise ValueError("certify needs the steward's name (--by)")
    directory = releases_root(root) / name / version
    try:
        manifest, _, members = verified_manifest(store, directory, name, version)
    except ReleaseRefused as refused:
        failed = {"files_intact": CheckOutcome(False, True, {"manifest": str(refused)})}
        raise CertificationBlocked(name, version, ["files_intact"], failed) from refused
    checks = blocking_checks(store, directory, manifest, members, manifest.get("config", {}).get("gates", {}))
    failed = sorted(n for n, c in checks.items() if c.blocking and not c.passed)
    if failed:
        raise CertificationBlocked(name, version, failed, checks)
    event_ids = store.record_certification(name, version, by.strip(), {n: c.to_json() for n, c in checks.items()})
    return CertificationResult(name, version, by.strip(), checks, event_ids)


def is_certified(store: CorpusStore, name: str, version: str) -> bool:
    return bool(store.query("SELECT 1 FROM certifications WHERE name = ? AND version = ? AND passed",
                            [name, version]))
