"""process_path end to end on invented bundles and Bulk NDJSON, with the session's text engine."""

import base64
import gzip
import json

import pytest
import yaml

from fhir_adapters import Rules, collect_known, process_path, pseudonymous_id
from fhir_adapters.synthetic import BUNDLE_TYPES, make_bundle, make_ndjson
from fhir_adapters.validation import validate_resource
from tests.fhir_adapters.conftest import phi_of, read_output, write_json, write_ndjson


def all_text(output) -> str:
    """Every string of an output, attachments decoded: what a leak would be found in."""
    parts = []

    def walk(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str):
            parts.append(base64.b64decode(node).decode("utf-8", "ignore") if key == "data" else node)

    walk(output)
    return "\n".join(parts)


def resources_of(output) -> list[dict]:
    return [e["resource"] for e in output["entry"]] if isinstance(output, dict) else output


@pytest.mark.parametrize("bundle_type", BUNDLE_TYPES)
def test_every_bundle_type_comes_out_valid_and_without_identifiers(bundle_type, bundle_file, tmp_path, engine, key):
    source = bundle_file(seed=2, bundle_type=bundle_type)
    result = process_path(source, tmp_path / "out", key=key, engine=engine)
    assert result.quarantined == [] and len(result.outputs) == 1
    output = read_output(result.outputs[0])
    assert output["type"] == bundle_type
    assert result.resources_in == result.resources_out == len(output["entry"])
    urls = frozenset(e["fullUrl"] for e in output["entry"])
    assert all(validate_resource(r, urls) == [] for r in resources_of(output))
    text = all_text(output).lower()
    original = make_bundle(2, bundle_type)
    leaked = [v for v in phi_of([e["resource"] for e in original["entry"]]) if v.lower() in text]
    assert leaked == []
    assert result.rules_version == Rules.load().version and result.rules_sha256 == Rules.load().sha256


def test_gzip_in_gzip_out(bundle_file, tmp_path, engine, key):
    result = process_path(bundle_file(name="MRN5550001.json.gz"), tmp_path / "out", key=key, engine=engine)
    assert result.outputs[0].name.endswith(".json.gz")
    assert read_output(result.outputs[0])["resourceType"] == "Bundle"


def test_output_is_named_by_pseudonym_never_by_the_input_name(bundle_file, tmp_path, engine, key):
    source = bundle_file(name="MRN9081726.json")
    result = process_path(source, tmp_path / "out", key=key, engine=engine)
    name = result.outputs[0].name
    assert "9081726" not in name and "MRN" not in name
    assert name.startswith(result.patient_keys[0] + ".")


def test_same_key_gives_byte_identical_output_and_another_key_other_pseudonyms(bundle_file, tmp_path, engine, key,
                                                                                 make_engine):
    source = bundle_file(name="MRN1000001.json.gz")
    first = process_path(source, tmp_path / "a", key=key, engine=engine)
    second = process_path(source, tmp_path / "b", key=key, engine=engine)
    assert first.outputs[0].name == second.outputs[0].name
    assert first.outputs[0].read_bytes() == second.outputs[0].read_bytes()
    other_key = b"another-fhir-test-key"
    third = process_path(source, tmp_path / "c", key=other_key, engine=make_engine(key_bytes=other_key))
    assert third.patient_keys != first.patient_keys and third.outputs[0].name != first.outputs[0].name
    ids_first = {r["id"] for r in resources_of(read_output(first.outputs[0]))}
    ids_third = {r["id"] for r in resources_of(read_output(third.outputs[0]))}
    assert not ids_first & ids_third


def test_references_resolve_inside_the_bundle(bundle_file, tmp_path, engine, key):
    result = process_path(bundle_file(), tmp_path / "out", key=key, engine=engine)
    output = read_output(result.outputs[0])
    urls = {e["fullUrl"] for e in output["entry"]}
    references = []

    def collect(node):
        if isinstance(node, dict):
            if isinstance(node.get("reference"), str):
                references.append(node["reference"])
            for v in node.values():
                collect(v)
        elif isinstance(node, list):
            for v in node:
                collect(v)

    collect(output["entry"])
    assert references and all(r in urls for r in references if r.startswith("urn:uuid:"))
    by_url = {e["fullUrl"]: e["resource"] for e in output["entry"]}
    for entry in output["entry"]:
        assert entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}"  # the id and its fullUrl agree
    encounter = next(r for r in by_url.values() if r["resourceType"] == "Encounter")
    assert by_url[encounter["subject"]["reference"]]["resourceType"] == "Patient"


def test_references_resolve_across_bundles_and_ndjson(tmp_path, engine, key):
    """The same patient delivered twice (a bundle and a Bulk export) keeps one pseudonym everywhere."""
    bulk = make_ndjson(8, patients=1)
    patient = bulk["Patient"][0]
    bundle = {"resourceType": "Bundle", "type": "collection",
              "entry": [{"fullUrl": f"urn:uuid:{patient['id']}", "resource": patient}]}
    first = process_path(write_json(tmp_path / "one.json", bundle), tmp_path / "out", key=key, engine=engine)
    second = process_path(write_ndjson(tmp_path / "Observation.ndjson", bulk["Observation"]), tmp_path / "out",
                          key=key, engine=engine)
    patient_out = read_output(first.outputs[0])["entry"][0]["resource"]
    observations = read_output(second.outputs[0])
    assert {o["subject"]["reference"] for o in observations} == {f"Patient/{patient_out['id']}"}
    assert first.patient_keys == second.patient_keys
    assert patient_out["id"] == pseudonymous_id(key, patient["id"])


def test_dates_shift_and_intervals_are_preserved(bundle_file, tmp_path, engine, key):
    from datetime import datetime

    original = make_bundle(4)
    result = process_path(bundle_file(seed=4), tmp_path / "out", key=key, engine=engine)
    out = read_output(result.outputs[0])

    def encounters(bundle):
        return sorted((datetime.fromisoformat(r["period"]["start"]), datetime.fromisoformat(r["period"]["end"]))
                      for r in resources_of(bundle) if r["resourceType"] == "Encounter")

    before, after = encounters(original), encounters(out)
    assert len(before) == len(after) == 3
    assert {a[0] - b[0] for a, b in zip(after, before)} == {after[0][0] - before[0][0]}  # one offset
    assert (after[0][0] - before[0][0]).days < 0
    assert [e - s for s, e in after] == [e - s for s, e in before]
    assert [b[0] - a[0] for a, b in zip(after, after[1:])] == [b[0] - a[0] for a, b in zip(before, before[1:])]
    original_dates = {r.get("effectiveDateTime") for r in resources_of(original)} - {None}
    assert not original_dates & {r.get("effectiveDateTime") for r in resources_of(out)}


def test_notes_lose_name_mrn_and_birth_date_in_every_spelling(bundle_file, tmp_path, engine, key):
    from datetime import date

    original = make_bundle(6)
    patient = original["entry"][0]["resource"]
    first, last = patient["name"][0]["given"][0], patient["name"][0]["family"]
    birth = date.fromisoformat(patient["birthDate"])
    spellings = [birth.strftime("%m/%d/%Y"), birth.strftime("%B %d, %Y").replace(" 0", " "), birth.isoformat(),
                 f"{birth.day} {birth.strftime('%b')} {birth.year}"]
    result = process_path(bundle_file(seed=6), tmp_path / "out", key=key, engine=engine)
    notes = [d for d in result.documents if d["resource_type"] == "DocumentReference"]
    assert len(notes) == 3 and {d["patient_key"] for d in notes} == set(result.patient_keys)
    text = "\n".join(d["text"] for d in result.documents)
    for value in [first, last, patient["identifier"][0]["value"], *spellings]:
        assert value.lower() not in text.lower()
    assert "palpitations" in text and "LVEF 35%" in text  # clinical content survives
    assert result.detections.get("PERSON", 0) > 0 and result.residual_leaks == 0
    html_note = read_output(result.outputs[0])["entry"]
    html = [e["resource"]["content"][0]["attachment"] for e in html_note if e["resource"]["resourceType"] == "DocumentReference"
            and e["resource"]["content"][0]["attachment"]["contentType"] == "text/html"][0]
    assert base64.b64decode(html["data"]).decode().startswith("<html><body><p>")


def test_an_invalid_resource_is_quarantined_without_phi_and_the_rest_goes_on(tmp_path, engine, key):
    bundle = make_bundle(9)
    patient = bundle["entry"][0]["resource"]
    broken = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation")
    broken["status"] = patient["name"][0]["family"]  # a name where a status code belongs
    broken["effectiveDateTime"] = "not a date"
    result = process_path(write_json(tmp_path / "MRN3141592.json", bundle), tmp_path / "out", key=key, engine=engine)
    assert len(result.quarantined) == 1 and len(result.outputs) == 1
    item = result.quarantined[0]
    assert item.stage == "validate" and "Observation" in item.reason and pseudonymous_id(key, broken["id"]) in item.reason
    assert "effectiveDateTime" in item.reason and "status" in item.reason
    for value in phi_of([e["resource"] for e in make_bundle(9)["entry"]]):
        assert value not in str(item)
    assert "MRN3141592" not in str(item)
    assert result.resources_out == result.resources_in - 1


def test_unreadable_and_non_bundle_inputs_are_quarantined(tmp_path, engine, key):
    (tmp_path / "broken.json").write_text("{ not json")
    (tmp_path / "patient.json").write_text(json.dumps({"resourceType": "Patient"}))
    for name, reason in (("broken.json", "not a readable JSON file"), ("patient.json", "not a FHIR Bundle")):
        result = process_path(tmp_path / name, tmp_path / "out", key=key, engine=engine)
        assert result.outputs == [] and result.quarantined[0].stage == "read" and reason in result.quarantined[0].reason


def test_leak_check_quarantines_a_bundle_whose_rules_keep_names(tmp_path, engine, key):
    from importlib import resources

    data = yaml.safe_load(resources.files("fhir_adapters.rules").joinpath("default.yaml").read_text())
    data["rules"].insert(0, {"path": "HumanName", "method": "keep"})
    rules_path = tmp_path / "keep-names.yaml"
    rules_path.write_text(yaml.safe_dump(data))
    out = tmp_path / "out"
    result = process_path(write_json(tmp_path / "in.json", make_bundle(10)), out, key=key, engine=engine,
                          rules=Rules.load(rules_path))
    assert result.outputs == [] and not any(out.iterdir())
    assert result.quarantined[0].stage == "leak-check" and "PERSON" in result.quarantined[0].reason
    assert result.residual_leaks > 0


def test_ndjson_streams_in_batches(ndjson_files, tmp_path, engine, key, monkeypatch):
    import fhir_adapters.process as process

    monkeypatch.setattr(process, "NDJSON_BATCH", 4)  # many batches from a small file
    files = ndjson_files(seed=3, patients=2)
    known = collect_known(files.values())
    assert len(known.patients) == 2
    results = {t: process_path(p, tmp_path / "out", key=key, engine=engine, known=known) for t, p in files.items()}
    assert all(r.quarantined == [] for r in results.values())
    observations = results["Observation"]
    assert observations.resources_in == observations.resources_out == 36
    assert observations.outputs[0].name.startswith("Observation-") and observations.outputs[0].name.endswith(".ndjson")
    lines = read_output(observations.outputs[0])
    assert len(lines) == 36 and all(validate_resource(r) == [] for r in lines)
    source = make_ndjson(3, 2)
    text = "\n".join(all_text(read_output(r.outputs[0])) for r in results.values()).lower()
    for resource in source["Patient"] + source["Practitioner"]:
        assert resource["name"][0]["family"].lower() not in text
    assert observations.tables["observations"].height == 36 + 3 * 2 * 2  # BP panels add two component rows
    assert set(observations.tables["observations"]["patient_key"]) == set(results["Patient"].patient_keys)
    assert results["DocumentReference"].tables["documents"].height == 6


def test_ndjson_bad_lines_are_quarantined_by_line_number(tmp_path, engine, key):
    resources = make_ndjson(12, 1)["Condition"]
    path = tmp_path / "Condition.ndjson"
    lines = [json.dumps(r) for r in resources]
    lines.insert(1, "{broken")
    path.write_text("\n".join(lines) + "\n")
    with gzip.open(tmp_path / "Condition.ndjson.gz", "wt") as handle:
        handle.write(path.read_text())
    for source in (path, tmp_path / "Condition.ndjson.gz"):
        result = process_path(source, tmp_path / "out", key=key, engine=engine)
        assert [(q.location.split()[-2:], q.stage) for q in result.quarantined] == [(["line", "2"], "read")]
        assert result.resources_out == len(resources)


def test_tables_have_pseudonymous_keys_and_shifted_dates(bundle_file, tmp_path, engine, key):
    import polars as pl

    result = process_path(bundle_file(seed=13), tmp_path / "out", key=key, engine=engine)
    tables = result.tables
    expected = {"patients": 1, "encounters": 3, "conditions": 3, "medications": 3, "procedures": 3,
                "allergies": 1, "immunizations": 1, "documents": 3 + 1 + 3 + 3}  # notes, echo, condition + BP notes
    assert {name: tables[name].height for name in expected} == expected
    for name, frame in tables.items():
        if frame.height:
            assert set(frame["patient_key"]) == set(result.patient_keys), name
    original = {r["id"]: r for r in (e["resource"] for e in make_bundle(13)["entry"])}
    assert not set(tables["conditions"]["id"]) & set(original)
    conditions = {c["code"] for c in tables["conditions"].to_dicts()}
    assert conditions == {r["code"]["coding"][0]["code"] for r in original.values() if r["resourceType"] == "Condition"}
    assert tables["encounters"].schema["start"] == pl.Datetime("us", "UTC")
    lvef = tables["observations"].filter(pl.col("code") == "10230-1")
    assert lvef.height == 3 and lvef["unit"].to_list() == ["%"] * 3 and lvef["value"].null_count() == 0


def test_tables_can_be_left_out_for_very_large_files(ndjson_files, tmp_path, engine, key):
    observations = ndjson_files(seed=14, patients=1)["Observation"]
    result = process_path(observations, tmp_path / "out", key=key, engine=engine, collect_tables=False)
    assert result.resources_out == 18 and len(read_output(result.outputs[0])) == 18
    assert all(frame.height == 0 for frame in result.tables.values()) and set(result.tables) >= {"observations"}


def test_a_date_in_a_note_moves_with_the_patients_resources(tmp_path, engine, key):
    """One offset per patient, shared with the text engine: a note's date and the structured dates agree."""
    bundle = make_bundle(15)
    encounter = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Encounter")
    condition = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Condition")
    condition["note"][0]["text"] = f"Admitted on {encounter['period']['start'][:10]} with rapid AF."
    result = process_path(write_json(tmp_path / "in.json", bundle), tmp_path / "out", key=key, engine=engine)
    out = {r["id"]: r for r in resources_of(read_output(result.outputs[0]))}
    shifted_start = out[pseudonymous_id(key, encounter["id"])]["period"]["start"][:10]
    assert shifted_start != encounter["period"]["start"][:10]
    assert out[pseudonymous_id(key, condition["id"])]["note"][0]["text"] == f"Admitted on {shifted_start} with rapid AF."
