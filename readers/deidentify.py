"""Notes and papers through the text engine: pseudonymous ids, patient keys, quarantine.

The one place where delivered records meet `deid`. A record that cannot be read or
de-identified becomes a `Quarantined` entry (where, stage, reason: never content); the
rest of the delivery goes on. Case reports are de-identified like notes; other papers
go through the same engine under the research-paper policy, which removes direct
identifiers (contacts, record and device numbers) and keeps authors, study periods and
places, which in a research paper are not a patient's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from deid.deadline import DocumentTimeout
from deid.engine import DeidEngine, DeidResult, Document, DocumentFailed
from deid.dates import shift_date_text
from deid.known_identifiers import KnownIdentifiers
from deid.pseudonyms import date_offset_days, keyed_hash, patient_key
from readers.common import ReadError
from readers.notes import NoteRecord
from readers.papers import PaperRecord


@dataclass(frozen=True)
class DeidentifiedText:
    doc_id: str                 # keyed hash of the delivery and the record's place in it
    patient_key: str | None     # pseudonymous; None for papers that are not case reports
    kind: str                   # note, case_report, paper
    text: str
    source_sha256: str          # of the delivered file
    policy_sha256: str
    metadata: dict = field(default_factory=dict)  # never PHI: note type, shifted date, PMID/DOI, journal,
    #                                               and how many known identifiers the second pass found


@dataclass(frozen=True)
class Quarantined:
    location: str   # the delivery's label and line, never a file name that may be an MRN
    sha256: str
    stage: str      # read or deid
    reason: str


@dataclass
class TextBatch:
    documents: list[DeidentifiedText] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    detections: dict[str, int] = field(default_factory=dict)
    residual_leaks: int = 0
    characters: int = 0

    def add(self, result: DeidResult, document: DeidentifiedText) -> None:
        self.documents.append(document)
        self.characters += result.input_length
        self.residual_leaks += len(result.residual)
        for label, n in result.counts().items():
            self.detections[label] = self.detections.get(label, 0) + n


def _doc_id(key: bytes, source_sha256: str, position: int, kind: str) -> str:
    return f"{kind[:1]}-" + keyed_hash(key, "document", source_sha256, str(position))[:24]


def deidentify_notes(records: Iterable[NoteRecord | ReadError], engine: DeidEngine, key: bytes,
                     source_sha256: str, label: str,
                     known_for: Callable[[str], KnownIdentifiers] | None = None) -> TextBatch:
    """De-identify every note of one delivery; `label` names the delivery in quarantine reasons.

    ``known_for(patient_id)`` gives the patient's known identifiers (from their FHIR Patient),
    which the engine finds in any spelling and checks again after replacement."""
    batch = TextBatch()
    pending: list[tuple[Document, dict]] = []
    for position, record in enumerate(records):
        if isinstance(record, ReadError):
            where = f"{label}:{record.line}" if record.line else label
            batch.quarantined.append(Quarantined(where, source_sha256, "read", record.reason))
            continue
        doc_id = _doc_id(key, source_sha256, position, "note")
        pseudonym = patient_key(key, record.patient_id) if record.patient_id else None
        metadata = {"note_type": record.note_type} if record.note_type else {}
        if record.date and pseudonym:
            shifted = shift_date_text(record.date, date_offset_days(key, pseudonym))
            if shifted:
                metadata["date"] = shifted
        where = f"{label}:{record.line}" if record.line else label
        known = known_for(record.patient_id) if known_for and record.patient_id else KnownIdentifiers()
        pending.append((Document(doc_id, record.text, record.patient_id, known),
                        {"kind": "note", "metadata": metadata, "where": where}))
    _run(engine, pending, batch, source_sha256)
    return batch


def deidentify_papers(records: Iterable[PaperRecord | ReadError], case_engine: DeidEngine, paper_engine: DeidEngine,
                      key: bytes, source_sha256: str, label: str) -> TextBatch:
    """Case reports under the clinical policy (one pseudonymous patient each); other papers
    under the research-paper policy."""
    batch = TextBatch()
    case_reports, papers = [], []
    for position, record in enumerate(records):
        if isinstance(record, ReadError):
            batch.quarantined.append(Quarantined(label, source_sha256, "read", record.reason))
            continue
        doc_id = _doc_id(key, source_sha256, position, "paper")
        metadata = {k: v for k, v in (("pmid", record.pmid), ("doi", record.doi), ("journal", record.journal),
                                      ("year", record.year), ("licence", record.licence), ("format", record.kind),
                                      ("publication_types", list(record.publication_types))) if v}
        # a case report's patient is nobody's patient id: one pseudonym per report
        patient = f"case-report:{source_sha256}:{position}" if record.is_case_report else None
        entry = (Document(doc_id, record.text, patient),
                 {"kind": "case_report" if record.is_case_report else "paper", "metadata": metadata,
                  "where": f"{label}#{position + 1}"})
        (case_reports if record.is_case_report else papers).append(entry)
    _run(case_engine, case_reports, batch, source_sha256)
    _run(paper_engine, papers, batch, source_sha256)
    return batch


def _run(engine: DeidEngine, pending: list[tuple[Document, dict]], batch: TextBatch, source_sha256: str) -> None:
    results = engine.deidentify_many(document for document, _ in pending)
    for (document, info), result in zip(pending, results):
        if isinstance(result, (DocumentTimeout, DocumentFailed)):
            batch.quarantined.append(Quarantined(info["where"], source_sha256, "deid", str(result)))
            continue
        pseudonym = result.patient_key if document.patient_id is not None else None
        metadata = info["metadata"] | {"residual_identifiers": len(result.residual)}
        batch.add(result, DeidentifiedText(document.id, pseudonym, info["kind"], result.text, source_sha256,
                                           engine.policy.sha256, metadata))
