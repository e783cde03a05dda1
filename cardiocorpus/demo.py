"""`make demo`: run the whole Dagster graph in process on the bundled synthetic samples.

The samples (FHIR bundles with DocumentReference notes, note files, papers; all invented,
see samples/*/README.md) are delivered into ``$CARDIOCORPUS_HOME/landing/``; every delivery
becomes a partition and runs from raw/ to corpus/, then the audit log is verified and
snapshotted, the fine-tuning release is built and a demo steward certifies it. Prints what
was made and where: counts, never text or identifier values.
Running it again delivers the same files, so nothing new is made.
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from cardiocorpus.settings import home, secret_key
from deid.pseudonyms import key_fingerprint

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DEMO_STEWARD = "demo-steward"
WARNING_CHECKS = ("quarantine_rate", "terminology_coverage", "near_duplicates")
#: sample file -> landing folder (README files and the tests' known-identifier list stay behind)
DELIVERIES = {
    "fhir": ("*.json", "*.json.gz", "bulk/*.ndjson"),
    "notes": ("notes.jsonl", "*.txt", "consult_*.json", "clinic_*.json", "*.csv"),
    "papers": ("*.xml", "*.nxml", "review_*.md"),
}


def deliver_samples(root: Path) -> int:
    """Copy the samples into the landing folders (files already there are left alone)."""
    copied = 0
    for kind, patterns in DELIVERIES.items():
        source = SAMPLES / kind
        target = root / "landing" / kind
        target.mkdir(parents=True, exist_ok=True)
        for pattern in patterns:
            for path in sorted(source.glob(pattern)) if source.exists() else ():
                if not (target / path.name).exists():
                    shutil.copy2(path, target / path.name)
                    copied += 1
    return copied


def main() -> int:
    import dagster as dg

    from audit import CorpusStore
    from dagster_project.local import dagster_home, materialize_landing

    logging.getLogger("dagster").setLevel(logging.WARNING)
    root = home()
    key = secret_key()
    copied = deliver_samples(root)
    started = time.perf_counter()
    with dg.DagsterInstance.from_config(str(dagster_home(root))) as instance:
        outcome = materialize_landing(instance, root, quiet=True)
        release = instance.get_latest_materialization_event(dg.AssetKey(["release", "finetune_dataset"]))
    seconds = time.perf_counter() - started
    certified = _certify(release.asset_materialization.metadata) if release else None
    with CorpusStore.open() as store:
        documents = store.query("SELECT kind, count(*) FROM deidentified_documents GROUP BY kind ORDER BY kind")
        detections = store.query("SELECT entity_type, sum(detections) FROM compliance_phi_detections_by_week "
                                 "GROUP BY entity_type ORDER BY 2 DESC, 1")
        quarantine = store.query("SELECT stage, sum(items) FROM compliance_quarantine_by_stage GROUP BY stage ORDER BY stage")
        mentions = store.query("SELECT count(*), count(DISTINCT code) FROM concept_mentions")[0]
        report = store.verify()
        path = store.path
    deliveries = sum(1 for run in outcome.runs if run.startswith("d-"))
    print(f"cardiocorpus demo: {copied} sample files delivered, {deliveries} new deliveries run "
          f"({sum(outcome.runs.values())} of {len(outcome.runs)} runs succeeded) in {seconds:.1f}s")
    print(f"key fingerprint {key_fingerprint(key)}")
    print("de-identified documents in the corpus: " + (", ".join(f"{k} {n}" for k, n in documents) or "none"))
    print("PHI detections by entity type: " + (", ".join(f"{k} {n}" for k, n in detections) or "none"))
    print(f"concept mentions: {mentions[0]} ({mentions[1]} distinct codes)")
    print("quarantined: " + (", ".join(f"{k} {n}" for k, n in quarantine) or "none"))
    for asset, check in outcome.failed_checks:
        print(f"check not passed: {asset} {check}")
    print(f"audit chain: {'intact' if report.ok else 'BROKEN'} ({report.events_checked} events)")
    if certified:
        print(f"release: {certified.directory} ({certified.counts_line}), certified by {DEMO_STEWARD}; "
              f"pull it with `cardiocorpus datasets pull {certified.name} --to DIR --by YOU`")
    else:
        print("release: not certified (see the checks above)")
    print(f"corpus store: {path}")
    print(f"Dagster home: {root / 'dagster'} (open the UI with `make ui`)")
    blocking = [c for c in outcome.failed_checks if c[1] not in WARNING_CHECKS]
    return 0 if report.ok and all(outcome.runs.values()) and not blocking and certified else 1


@dataclass
class CertifiedRelease:
    name: str
    version: str
    directory: Path
    counts_line: str


def _certify(metadata) -> CertifiedRelease | None:
    """The demo's steward certifies the release the graph just built (gates re-run first)."""
    from audit import CorpusStore
    from releases import Catalog, CertificationBlocked, certify

    name, version = metadata["name"].value, metadata["version"].value
    with CorpusStore.open(actor=DEMO_STEWARD) as store:
        info = Catalog(store=store).show(name, version)
        if not info.certified:
            try:
                certify(store, name, version, by=DEMO_STEWARD)
            except CertificationBlocked as blocked:
                print(f"certification blocked: {blocked}")
                return None
    counts = metadata["examples"].value
    line = ", ".join(f"{split} {counts[split]}" for split in ("train", "validation") if split in counts)
    return CertifiedRelease(name, version, info.directory, line)


if __name__ == "__main__":
    sys.exit(main())
