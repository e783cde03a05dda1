"""One real pipeline run, shared by the Dagster tests: the bundled samples plus bad deliveries
go through the whole graph in process, with state in a throwaway home."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
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


WEBSERVER = Path(sys.executable).parent / "dagster-webserver"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def webserver(pipeline_run, tmp_path_factory):
    """The Dagster webserver on our definitions and the shared run's instance; yields its URL."""
    port = _free_port()
    env = os.environ | {"DAGSTER_HOME": str(pipeline_run.home / "dagster"), "CARDIOCORPUS_HOME": str(pipeline_run.home)}
    log_path = tmp_path_factory.mktemp("webserver") / "webserver.log"  # a file, so a chatty server never blocks
    log = open(log_path, "wb")
    process = subprocess.Popen([str(WEBSERVER), "-m", "dagster_project.definitions", "-h", "127.0.0.1", "-p", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/server_info", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("webserver did not start: " + log_path.read_text(errors="replace")[-2000:])
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
