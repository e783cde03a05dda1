"""One real pipeline run, shared by the Dagster tests: the bundled samples plus bad deliveries
go through the whole graph in process, with state in a throwaway home."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest

from cardiocorpus.demo import deliver_samples
from dagster_project.definitions import build_definitions
from dagster_project.local import LocalRun, dagster_home, materialize_landing
from fhir_adapters import known_identifiers_from_patient

REPO = Path(__file__).resolve().parents[2]

# Bad deliveries a steward meets; each must end in quarantine with a reason, the rest going on.
BAD_NOTES = {
    "truncated.jsonl": b'{"id": "t1", "text": "AF on apixaban"}\n{"id": "t2", "text": "LVEF 3',
    "garbage.txt": bytes(range(256)) * 4,
    "empty.txt": b"",
}
HUGE_NOTE = "huge_note.txt"  # a 2 GB note (sparse: costs no disk)
BAD_FHIR = {
    "truncated.json": lambda sample: sample[: len(sample) // 2],
    "garbage.json.gz": lambda sample: bytes(range(256)) * 8,
    "empty.ndjson": lambda sample: b"",
}


@dataclass
class PipelineRun:
    home: Path
    definitions: dg.Definitions
    instance: dg.DagsterInstance
    outcome: LocalRun


def sample_phi_strings() -> set[str]:
    """Every identifier the samples are known to hold (invented, but treated as real PHI)."""
    known = json.loads((REPO / "samples" / "notes" / "known_identifiers.json").read_text(encoding="utf-8"))
    strings = {value for patient in known.values() for values in patient.values() for value in values}
    # the case reports' patient and clinicians (see samples/papers)
    strings |= {"Rosalind Vantongeren", "Vantongeren", "Osvaldo Brightwater", "Brightwater", "Pieter Salcedo",
                "Ingrid Castellanos", "PJN884512S", "77120455", "201-7734", "Harwick County"}
    for bundle_path in sorted((REPO / "samples" / "fhir").glob("*.json")):
        strings.add(bundle_path.stem)  # input file names are MRNs
        for entry in json.loads(bundle_path.read_text(encoding="utf-8"))["entry"]:
            if entry["resource"]["resourceType"] == "Patient":
                known = known_identifiers_from_patient(entry["resource"])
                strings |= {*known.names, *known.identifiers, *known.phones, *known.addresses,
                            *(d.isoformat() for d in known.birth_dates), entry["resource"]["id"]}
    return {s for s in strings if len(s) >= 5}


@pytest.fixture(scope="session")
def pipeline_run(tmp_path_factory) -> PipelineRun:
    home = tmp_path_factory.mktemp("pipeline-home")
    deliver_samples(home)
    notes = home / "landing" / "notes"
    for name, content in BAD_NOTES.items():
        (notes / name).write_bytes(content)
    fhir = home / "landing" / "fhir"
    sample = next(iter(sorted(fhir.glob("*.json")))).read_bytes()
    for name, make in BAD_FHIR.items():
        (fhir / name).write_bytes(make(sample))
    with open(notes / HUGE_NOTE, "wb") as handle:
        handle.truncate(2 * 1024**3)
    definitions = build_definitions(home)
    instance = dg.DagsterInstance.from_config(str(dagster_home(home)))
    outcome = materialize_landing(instance, home, definitions, quiet=True)
    yield PipelineRun(home, definitions, instance, outcome)
    instance.dispose()

