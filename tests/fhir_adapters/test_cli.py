"""``cardiocorpus deid-fhir`` (DESIGN.md contract): one output per input, named by pseudonym,
exit non-zero after writing the rest when anything was quarantined, failures named without PHI."""

import json

import pytest

from cardiocorpus.cli import main
from fhir_adapters.synthetic import make_bundle, make_ndjson
from tests.fhir_adapters.conftest import write_json, write_ndjson


@pytest.fixture
def delivery(tmp_path):
    folder = tmp_path / "landing"
    folder.mkdir()
    write_json(folder / "MRN7700001.json", make_bundle(21))
    write_json(folder / "MRN7700002.json.gz", make_bundle(22, "collection"))
    bulk = make_ndjson(23, 1)
    write_ndjson(folder / "Patient.ndjson", bulk["Patient"])
    write_ndjson(folder / "Observation.ndjson", bulk["Observation"])
    return folder


def test_good_delivery_exits_zero_with_one_output_per_input(delivery, tmp_path, capsys, engine):
    code = main(["deid-fhir", str(delivery), "--output", str(tmp_path / "out")])
    assert code == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(names) == 4 and not any("MRN" in n or "77000" in n for n in names)
    summary = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert summary["outputs"] == 4 and summary["failed_inputs"] == 0 and summary["rules_sha256"]


def test_a_bad_input_fails_the_run_after_writing_the_rest(delivery, tmp_path, capsys, engine):
    bundle = make_bundle(24)
    patient = bundle["entry"][0]["resource"]
    bundle["entry"][5]["resource"]["status"] = patient["name"][0]["family"]
    write_json(delivery / "MRN7700003.json", bundle)
    (delivery / "MRN7700004.json").write_text("{truncated")
    code = main(["deid-fhir", str(delivery), str(delivery / "MRN0000000.json"), "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert len(list((tmp_path / "out").iterdir())) == 5  # the four good inputs and the bundle minus its bad resource
    assert "[validate]" in err and "[read]" in err and "input argument 2 does not exist" in err
    for value in ("MRN77", "MRN0000000", patient["name"][0]["family"], patient["identifier"][0]["value"]):
        assert value not in err


def test_bad_rules_file_exits_two(tmp_path, capsys):
    rules = tmp_path / "rules.yaml"
    rules.write_text("name: x\nversion: '1'\nrules: [{path: HumanName, method: scramble}]\n")
    assert main(["deid-fhir", str(tmp_path), "--output", str(tmp_path / "out"), "--rules", str(rules)]) == 2
    assert "scramble" in capsys.readouterr().err
