"""FHIR adapter fixtures: bundles invented by ``fhir_adapters.synthetic`` (no real data), and a
helper that writes them as the files a delivery would hold."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from fhir_adapters.synthetic import make_bundle, make_ndjson


def write_json(path: Path, data) -> Path:
    text = json.dumps(data)
    if path.name.endswith(".gz"):
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            handle.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def write_ndjson(path: Path, resources: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in resources), encoding="utf-8")
    return path


def read_output(path: Path):
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        if ".ndjson" in path.name:
            return [json.loads(line) for line in handle if line.strip()]
        return json.load(handle)


def phi_of(resources: list[dict]) -> list[str]:
    """The invented identifiers a patient's resources carry, which must not survive."""
    patient = next(r for r in resources if r["resourceType"] == "Patient")
    doctor = next(r for r in resources if r["resourceType"] == "Practitioner")
    organization = next(r for r in resources if r["resourceType"] == "Organization")
    values = [patient["name"][0]["family"], patient["name"][0]["given"][0], patient["birthDate"],
              patient["address"][0]["line"][0], patient["address"][0]["city"], patient["address"][0]["postalCode"],
              *(i["value"] for i in patient["identifier"]), *(t["value"] for t in patient["telecom"]),
              next(e["valueString"] for e in patient["extension"] if e["url"].endswith("mothersMaidenName")),
              doctor["name"][0]["family"], doctor["identifier"][0]["value"], doctor["address"][0]["line"][0],
              organization["name"], organization["address"][0]["line"][0]]
    return values + [r["id"] for r in resources]


@pytest.fixture(scope="session")
def fhir_engine(engine):
    return engine


@pytest.fixture
def bundle_file(tmp_path):
    def write(seed: int = 1, bundle_type: str = "transaction", name: str = "MRN4417002.json", **kw) -> Path:
        return write_json(tmp_path / name, make_bundle(seed, bundle_type, **kw))

    return write


@pytest.fixture
def ndjson_files(tmp_path):
    def write(seed: int = 3, patients: int = 2) -> dict[str, Path]:
        folder = tmp_path / "bulk"
        folder.mkdir(exist_ok=True)
        return {t: write_ndjson(folder / f"{t}.ndjson", rs) for t, rs in make_ndjson(seed, patients).items()}

    return write
