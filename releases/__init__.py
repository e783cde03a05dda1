"""Certified fine-tuning dataset releases: the corpus store -> OpenAI chat JSONL, Parquet, data card, manifest.

Public API (the Dagster asset ``release/finetune_dataset`` and ``cardiocorpus datasets`` call these)::

    build = build_release(store, *, key: bytes, name="cardiology-finetune", version=None,
                          config=None, root=None, run_id=None) -> ReleaseBuild
        # .name .version .directory .manifest .counts (examples per split / task:<task>, corpus)
        # .checks: {name: CheckOutcome(passed, blocking, details)} (counts only) .release_event_ids .reused
    certify(store, name, version, by, root=None) -> CertificationResult(name, version, certified_by, checks, event_ids)
        # raises CertificationBlocked(failed=[...]) and records nothing when a blocking check fails
    pull(store, name, version, to, by=None, root=None) -> Path   # version None: newest certified
        # raises ReleaseRefused(reason): not recorded, manifest hash not the store's, not certified, file hash
    Catalog(root=None, store=None).list() -> [ReleaseInfo] / .show(name, version=None) -> ReleaseInfo
        / .read_examples(name, version, split)  # read-only; with a store it joins certifications and pulls
    load_config(path | dict | None) -> ReleaseConfig      # default: releases/config/default.yaml

A release is ``<root>/<name>/<version>/`` (root: ``$CARDIOCORPUS_HOME/releases``): ``train.jsonl``,
``validation.jsonl``, the same as ``.parquet``, ``corpus.jsonl`` (pre-training texts of training
patients), ``lineage.jsonl`` (per example: split, task, pseudonymous document and clinical row ids),
``openai_job.json``, ``README.md`` (data card) and ``manifest.json`` (files' sha256 and counts,
config hash, policy, terminology and model versions, key fingerprint, source counts, the audit
events of the inputs). Without a version it is ``r-<12 hex>`` of the files, config and key, so an
unchanged corpus rebuilds to the same version and bytes and nothing is rewritten.

What lives in the store, not the files (adding it would change the manifest's hash): the release
event (``releases.event_id``, also ``ReleaseBuild.release_event_ids``), certifications and pulls;
``Catalog(store=...)`` and ``cardiocorpus datasets show`` join them.

What it does NOT do: it does not de-identify (it releases only what ``deid`` wrote and refuses a
member whose residual-identifier count is missing or not 0); problem lists are only as good as
the extracted mentions; the clinical tables carry no residual count (they hold codes, values,
shifted dates and pseudonyms, and the FHIR adapter quarantines a file whose leak check fails),
so the residual gate covers the released documents; it does not submit fine-tuning jobs (``openai_job.json`` says how).

May import: ``audit``, ``deid.pseudonyms``, ``cardiocorpus.settings``.
"""

from releases.build import build_release
from releases.catalog import Catalog, ReleaseInfo, pull
from releases.certify import certify
from releases.configuration import ReleaseConfig, load_config
from releases.records import (CertificationBlocked, CertificationResult, CheckOutcome, ReleaseBuild,
                              ReleaseRefused)

__all__ = ["Catalog", "CertificationBlocked", "CertificationResult", "CheckOutcome", "ReleaseBuild",
           "ReleaseConfig", "ReleaseInfo", "ReleaseRefused", "build_release", "certify", "load_config", "pull"]
