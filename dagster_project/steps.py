"""What each kind of delivery needs from the packages, in one shape the assets can share.

Wiring only: every decision is made in ``readers``, ``fhir_adapters`` or ``deid``; this
module turns their results into `DeidentifiedDelivery` (no PHI: de-identified text,
counts, pseudonymous ids, PHI-free quarantine reasons) and never lets an exception's
message (which might quote input) reach Dagster's event log.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from dagster_project.deliveries import Delivery


@dataclass
class DeidentifiedDelivery:
    kind: str
    partition: str
    source_sha256: str
    documents: list = field(default_factory=list)      # readers.deidentify.DeidentifiedText
    tables: dict = field(default_factory=dict)         # name -> polars.DataFrame (FHIR only)
    quarantined: list = field(default_factory=list)    # readers.deidentify.Quarantined
    detections: dict = field(default_factory=dict)     # entity type -> count
    residual_leaks: int = 0
    outputs: list = field(default_factory=list)        # de-identified files written (FHIR only)
    resources_in: int = 0
    policy_version: str = ""
    policy_sha256: str = ""
    rules_version: str | None = None
    rules_sha256: str | None = None
    engine_versions: dict = field(default_factory=dict)


class StepFailed(Exception):
    """A whole delivery failed; the message is safe for the event log (type and stage only)."""


def deidentify_delivery(delivery: Delivery, engine, key: bytes, output_dir: Path, vault,
                        note_columns=None) -> DeidentifiedDelivery:
    """``vault``: a ``deid.known_vault.KnownIdentifierVault``; FHIR deliveries add their patients'
    identifiers to it, notes and later FHIR files are checked against them."""
    label = delivery.key  # deliveries are named by partition, never by their file name
    if delivery.size == 0:  # refused the same way whatever the kind (an empty NDJSON is valid FHIR)
        from readers.deidentify import Quarantined

        return DeidentifiedDelivery(delivery.kind, delivery.key, delivery.sha256, resources_in=1,
                                    quarantined=[Quarantined(label, delivery.sha256, "read", "empty file")],
                                    policy_version=engine.policy.version, policy_sha256=engine.policy.sha256,
                                    engine_versions=engine.versions)
    try:
        if delivery.kind == "notes":
            return _notes(delivery, engine, key, label, note_columns, vault)
        if delivery.kind == "papers":
            return _papers(delivery, engine, key, label)
        return _fhir(delivery, engine, key, output_dir, vault)
    except StepFailed:
        raise
    except Exception as error:  # noqa: BLE001 - the message may quote input; keep only the type
        raise StepFailed(f"{type(error).__name__} while de-identifying {delivery.kind} delivery {label}") from None


def _from_text_batch(delivery: Delivery, batch, engine) -> DeidentifiedDelivery:
    return DeidentifiedDelivery(delivery.kind, delivery.key, delivery.sha256, documents=batch.documents,
                                quarantined=batch.quarantined, detections=batch.detections,
                                residual_leaks=batch.residual_leaks, resources_in=len(batch.documents) + len(batch.quarantined),
                                policy_version=engine.policy.version, policy_sha256=engine.policy.sha256,
                                engine_versions=engine.versions)


def _notes(delivery: Delivery, engine, key: bytes, label: str, columns, vault) -> DeidentifiedDelivery:
    from readers import NoteColumns, read_notes
    from readers.deidentify import deidentify_notes

    records = read_notes(delivery.path, columns=columns or NoteColumns(), location=label)
    batch = deidentify_notes(records, engine, key, delivery.sha256, label, known_for=vault.load)
    return _from_text_batch(delivery, batch, engine)


def _papers(delivery: Delivery, engine, key: bytes, label: str) -> DeidentifiedDelivery:
    from readers import read_papers
    from readers.deidentify import deidentify_papers

    paper_engine = research_paper_engine(engine, key)
    batch = deidentify_papers(read_papers(delivery.path, location=label), engine, paper_engine, key,
                              delivery.sha256, label)
    return _from_text_batch(delivery, batch, engine)


@functools.lru_cache(maxsize=2)
def research_paper_engine(engine, key: bytes):
    """The research-paper policy on the same loaded model and word lists as ``engine``."""
    from deid.engine import DeidEngine
    from deid.policy import Policy

    return DeidEngine(Policy.bundled("research-paper"), key, lexicons=engine.lexicons, nlp=engine.nlp)


def _fhir(delivery: Delivery, engine, key: bytes, output_dir: Path, vault) -> DeidentifiedDelivery:
    import fhir_adapters
    from readers.deidentify import DeidentifiedText, Quarantined

    known = fhir_adapters.collect_known([delivery.path])
    for source_id, identifiers in known.patients.items():
        vault.save(source_id, identifiers)
    if not known.patients:  # e.g. a Bulk Observation file: its patients came in an earlier delivery
        known.patients = vault.all()
    result = fhir_adapters.process_path(delivery.path, output_dir, key=key, engine=engine, policy=engine.policy,
                                        known=known)
    documents = [DeidentifiedText(d["id"], d.get("patient_key"), "fhir_" + str(d.get("resource_type", "document")).lower(),
                                  d["text"], delivery.sha256, engine.policy.sha256,
                                  {k: v for k, v in d.items() if k in ("resource_type", "date")}
                                  | {"residual_identifiers": result.residual_leaks})  # per file: 0 or quarantined
                 for d in result.documents]
    quarantined = [Quarantined(delivery.key, q.sha256 or delivery.sha256, q.stage, q.reason) for q in result.quarantined]
    return DeidentifiedDelivery("fhir", delivery.key, delivery.sha256, documents=documents, tables=result.tables,
                                quarantined=quarantined, detections=dict(result.detections),
                                residual_leaks=result.residual_leaks, outputs=list(result.outputs),
                                resources_in=result.resources_in, policy_version=engine.policy.version,
                                policy_sha256=engine.policy.sha256, rules_version=result.rules_version,
                                rules_sha256=result.rules_sha256, engine_versions=engine.versions)

