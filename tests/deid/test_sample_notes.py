"""The synthetic sample notes: no identifier listed in known_identifiers.json survives."""

import json

import pytest
import regex

from deid import Document, KnownIdentifiers
from tests.conftest import SAMPLES


def load_samples():
    notes = [json.loads(line) for line in (SAMPLES / "notes.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    known = json.loads((SAMPLES / "known_identifiers.json").read_text(encoding="utf-8"))
    return notes, known


def phi_strings(known: dict) -> list[str]:
    """Every listed name (and each part of it), phone, record number and address of every patient."""
    values = []
    for patient in known.values():
        for name in patient.get("names", []):
            values.append(name)
            values.extend(part for part in name.split() if len(part) > 1)
        values.extend(patient.get("phones", []))
        values.extend(patient.get("identifiers", []))
        values.extend(patient.get("addresses", []))
    return values


def survivors(text: str, values: list[str]) -> list[str]:
    left = [v for v in values if regex.search(rf"(?<![A-Za-z0-9]){regex.escape(v)}(?![A-Za-z0-9])", text, regex.IGNORECASE)]
    digits = "".join(c for c in text if c.isdigit())
    left += [v for v in values if sum(c.isdigit() for c in v) >= 7 and "".join(c for c in v if c.isdigit()) in digits]
    return left


NOTES, KNOWN = load_samples()


def test_the_samples_mention_the_listed_identifiers():
    """Guard for the tests below: the sample notes really contain the listed PHI."""
    everything = "\n".join(n["text"] for n in NOTES)
    assert len(survivors(everything, phi_strings(KNOWN))) >= 10


@pytest.mark.parametrize("note", NOTES, ids=[n["id"] for n in NOTES])
def test_no_listed_identifier_survives_with_known_identifiers(engine, note):
    known = KnownIdentifiers.from_dict(KNOWN[note["patient_id"]])
    result = engine.deidentify(Document(note["id"], note["text"], note["patient_id"], known))
    assert survivors(result.text, phi_strings(KNOWN)) == []
    assert result.residual == []


@pytest.mark.parametrize("note", NOTES, ids=[n["id"] for n in NOTES])
def test_no_listed_identifier_survives_from_recognizers_alone(engine, note):
    result = engine.deidentify(Document(note["id"], note["text"], note["patient_id"]))
    assert survivors(result.text, phi_strings(KNOWN)) == []


def test_sample_clinical_language_survives(engine):
    outputs = "\n".join(engine.deidentify(Document(n["id"], n["text"], n["patient_id"])).text for n in NOTES)
    for term in ("AF with RVR", "LIMA-LAD", "SVG-OM1", "EKG showed atrial fibrillation", "moderate MR, mild TR",
                 "Holter monitor", "metoprolol 50 mg PO BID", "Lasix 40 mg daily", "Coumadin", "NSR",
                 "SWAN-GANZ PLACED", "FOLEY DRAINING CLEAR URINE", "mobitz I", "bruce protocol", "wenckebach",
                 "Wolff-Parkinson-White syndrome", "Fontan procedure", "Glenn shunt", "Doppler showed",
                 "restart Plavix 5 days after PCI to the RCA"):
        assert term in outputs, term
