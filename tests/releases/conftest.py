"""A small synthetic corpus store for the release tests, written through CorpusStore.record_* directly.

Everything here is invented: patient keys, texts, codes and values are made up by this file
(no Dagster, no de-identification run). The texts stand for already de-identified documents.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import polars as pl
import pytest

from audit import CorpusStore, DeidentifiedDocument, SourceDocument

POLICY_SHA = "ab" * 32
PROBLEMS = [("49436004", "Atrial fibrillation", "atrial fibrillation"),
            ("84114007", "Heart failure", "heart failure"),
            ("38341003", "Hypertensive disorder", "hypertension"),
            ("53741008", "Coronary arteriosclerosis", "coronary artery disease")]
ANTICOAGULANTS = [("1364445", "apixaban 5 MG Oral Tablet"), ("855332", "Warfarin Sodium 5 MG Oral Tablet"),
                  ("1114198", "rivaroxaban 20 MG Oral Tablet")]
WARDS = ["Ward Alder", "Ward Birch", "Ward Cedar", "Ward Dune", "Ward Elm", "Ward Fjord", "Ward Glade",
         "Ward Heath", "Ward Isle", "Ward Juniper", "Ward Kestrel", "Ward Loch"]


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def at(day: int) -> datetime:
    return datetime(2030, 1, 1, 9, 0, tzinfo=timezone.utc) + timedelta(days=day)


@dataclass
class Corpus:
    """What the fixture wrote, so tests can check answers against it."""

    notes: dict[str, dict] = field(default_factory=dict)        # doc_id -> {patient_key, text, mentions}
    papers: dict[str, dict] = field(default_factory=dict)       # doc_id -> {title, conclusions, text}
    lvef: dict[str, float] = field(default_factory=dict)        # patient_key -> most recent LVEF
    anticoagulant: dict[str, str] = field(default_factory=dict)  # patient_key -> display of the newest active one
    patients: list[str] = field(default_factory=list)


def note_text(index: int) -> tuple[str, list[dict]]:
    """An invented follow-up note and its mentions (one negated, one family history)."""
    problem_a, problem_b = PROBLEMS[index % 4], PROBLEMS[(index + 1) % 4]
    parts = [f"Follow-up visit number {index} on {WARDS[index % len(WARDS)]}. The patient has ",
             (problem_a, {}), " and ", (problem_b, {}), f". Heart rate {60 + index} bpm. Denies ",
             (("29857009", "Chest pain", "chest pain"), {"negated": True}), ". Mother had ",
             (("441541008", "Takotsubo cardiomyopathy", "takotsubo cardiomyopathy"), {"family": True}),
             f". Plan reviewed with a score of {index * 7} and follow-up in {index + 2} weeks."]
    text, mentions = "", []
    for part in parts:
        if isinstance(part, str):
            text += part
            continue
        (code, display, words), flags = part
        mentions.append({"start": len(text), "end": len(text) + len(words), "text": words, "system": "SNOMED",
                         "code": code, "display": display, "cui": None, "score": 1.0,
                         **{f: flags.get(f, False) for f in ("negated", "historical", "family", "hypothetical",
                                                             "uncertain")}})
        text += words
    return text, mentions


def paper_text(index: int) -> tuple[str, str, str]:
    title = f"Invented trial {index} of rhythm control in atrial fibrillation cohort {index}"
    conclusions = f"Rhythm control strategy {index} lowered admissions by {10 + index} percent in this invented cohort."
    text = (f"{title}\n\nBackground\nAtrial fibrillation cohort {index} was followed for {index + 1} years.\n\n"
            f"Methods\nWe randomized {100 + index * 13} invented patients to strategy {index} or usual care.\n\n"
            f"Results\nAdmissions fell from {30 + index} to {20 + index} per hundred.\n\nConclusions\n{conclusions}")
    return title, conclusions, text


def build_store(path, patients: int = 12, papers: int = 4, residual: int = 0, extra_notes=()) -> Corpus:
    """Write the synthetic corpus; ``extra_notes``: (patient index, text, mentions) for duplicate tests."""
    corpus = Corpus()
    with CorpusStore.open(path, actor="test") as store:
        documents, mentions, sources = [], [], []
        for i in range(patients):
            patient = f"p-{sha(f'patient-{i}')[:20]}"
            corpus.patients.append(patient)
            text, note_mentions = note_text(i)
            doc_id = f"n-{sha(f'note-{i}')[:24]}"
            sources.append(SourceDocument(sha(f"src-note-{i}"), "note", f"notes/{i}.txt", patient))
            documents.append(DeidentifiedDocument(doc_id, sha(f"src-note-{i}"), patient, "note", text,
                                                  {"residual_identifiers": residual if i == 0 else 0}))
            mentions += [m | {"doc_id": doc_id} for m in note_mentions]
            corpus.notes[doc_id] = {"patient_key": patient, "text": text, "mentions": note_mentions}
        for n, (i, text, note_mentions) in enumerate(extra_notes):
            doc_id = f"n-extra-{n:02d}"
            mentions += [m | {"doc_id": doc_id} for m in note_mentions]
            sources.append(SourceDocument(sha(f"src-extra-{n}"), "note", f"notes/extra-{n}.txt", corpus.patients[i]))
            documents.append(DeidentifiedDocument(doc_id, sha(f"src-extra-{n}"), corpus.patients[i], "note", text,
                                                  {"residual_identifiers": 0}))
            corpus.notes[doc_id] = {"patient_key": corpus.patients[i], "text": text, "mentions": note_mentions}
        for i in range(papers):
            title, conclusions, text = paper_text(i)
            doc_id = f"p-{sha(f'paper-{i}')[:24]}"
            sources.append(SourceDocument(sha(f"src-paper-{i}"), "paper", f"papers/{i}.xml", None))
            documents.append(DeidentifiedDocument(doc_id, sha(f"src-paper-{i}"), None, "paper", text,
                                                  {"residual_identifiers": 0, "pmid": str(99100000 + i)}))
            corpus.papers[doc_id] = {"title": title, "conclusions": conclusions, "text": text}
        store.record_sources("run-t", "raw/test", sources)
        store.record_deidentified("run-t", "deid/test", documents, "1.0.0", POLICY_SHA,
                                  {"engine": "test"}, {"PERSON": 3})
        store.record_mentions("run-t", "normalized/test", mentions, {"snomed": "invented-1"})
        for i, patient in enumerate(corpus.patients):
            _record_patient_tables(store, corpus, i, patient)
    return corpus


def _record_patient_tables(store: CorpusStore, corpus: Corpus, i: int, patient: str) -> None:
    source = sha(f"src-bundle-{i}")
    store.record_sources("run-t", "raw/test", [SourceDocument(source, "fhir", f"fhir/{i}.json", patient)])
    ts = pl.Datetime("us", "UTC")
    enc = [f"e-{i}-{k}" for k in range(2)]
    tables = {
        "patients": pl.DataFrame({"id": [f"pt-{i}"], "patient_key": [patient], "gender": ["female" if i % 2 else "male"],
                                  "birth_year": [1950 + i]}),
        "encounters": pl.DataFrame({"id": enc, "patient_key": [patient] * 2, "class_code": ["IMP", "AMB"],
                                    "display": ["Admission", "Check up"], "start": [at(i), at(i + 40)]},
                                   schema_overrides={"start": ts}),
        "conditions": pl.DataFrame({"id": [f"c-{i}-0", f"c-{i}-1"], "patient_key": [patient] * 2,
                                    "encounter_id": enc, "system": ["http://snomed.info/sct"] * 2,
                                    "code": [PROBLEMS[i % 4][0], "73211009"],
                                    "display": [PROBLEMS[i % 4][1], "Diabetes mellitus"],
                                    "clinical_status": ["active", "active"], "onset": [at(i), at(i + 40)]},
                                   schema_overrides={"onset": ts}),
        "observations": pl.DataFrame({"id": [f"o-{i}-0", f"o-{i}-1"], "patient_key": [patient] * 2,
                                      "encounter_id": enc, "system": ["http://loinc.org"] * 2,
                                      "code": ["10230-1"] * 2, "display": ["Left ventricular Ejection fraction"] * 2,
                                      "value": [30.0 + i, 40.5 + i], "unit": ["%"] * 2,
                                      "effective": [at(i + 1), at(i + 41)]}, schema_overrides={"effective": ts}),
        "medications": pl.DataFrame({"id": [f"m-{i}-0", f"m-{i}-1"], "patient_key": [patient] * 2,
                                     "encounter_id": enc, "system": ["http://www.nlm.nih.gov/research/umls/rxnorm"] * 2,
                                     "code": [ANTICOAGULANTS[i % 3][0], "617310"],
                                     "display": [ANTICOAGULANTS[i % 3][1], "atorvastatin 20 MG Oral Tablet"],
                                     "status": ["active", "active"], "authored_on": [at(i + 2), at(i + 42)]},
                                    schema_overrides={"authored_on": ts}),
        "procedures": pl.DataFrame({"id": [f"pr-{i}-0"], "patient_key": [patient], "encounter_id": [enc[0]],
                                    "system": ["http://snomed.info/sct"], "code": ["40701008"],
                                    "display": ["Echocardiography"], "start": [at(i + 3)]},
                                   schema_overrides={"start": ts}),
        "coding_annotations": pl.DataFrame({"source_table": ["conditions"], "code": [PROBLEMS[i % 4][0]],
                                            "system": ["SNOMED"], "category": ["cardiovascular"]}),
    }
    store.record_tables("run-t", "normalized/test", tables, source,
                        keys={"coding_annotations": ["source_table", "code"]})
    corpus.lvef[patient] = 40.5 + i
    corpus.anticoagulant[patient] = ANTICOAGULANTS[i % 3][1]


@pytest.fixture
def corpus_store(tmp_path):
    """(store path, Corpus) for a fresh synthetic store."""
    path = tmp_path / "home" / "corpus.duckdb"
    return path, build_store(path)


@pytest.fixture
def release_root(tmp_path):
    return tmp_path / "releases"
