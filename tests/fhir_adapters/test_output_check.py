"""invalid_resources_in_file: a written output re-read and validated, as the pipeline's blocking check does."""

from __future__ import annotations

import gzip
import json

from fhir_adapters import invalid_resources_in_file

PATIENT = {"resourceType": "Patient", "id": "p1", "gender": "female"}
BROKEN_OBSERVATION = {"resourceType": "Observation", "id": "o1"}  # no status, no code: invalid R4


def _bundle(*resources) -> dict:
    return {"resourceType": "Bundle", "type": "collection",
            "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources]}


def test_counts_invalid_resources_in_bundles_plain_and_gzipped(tmp_path):
    plain = tmp_path / "out.json"
    plain.write_text(json.dumps(_bundle(PATIENT, BROKEN_OBSERVATION)), encoding="utf-8")
    zipped = tmp_path / "out.json.gz"
    with gzip.open(zipped, "wt", encoding="utf-8") as handle:
        json.dump(_bundle(PATIENT), handle)
    assert invalid_resources_in_file(plain) == 1
    assert invalid_resources_in_file(zipped) == 0


def test_counts_invalid_lines_in_ndjson(tmp_path):
    path = tmp_path / "Observation-x.ndjson"
    path.write_text("\n".join(json.dumps(r) for r in (BROKEN_OBSERVATION, BROKEN_OBSERVATION)) + "\n", encoding="utf-8")
    assert invalid_resources_in_file(path) == 2
