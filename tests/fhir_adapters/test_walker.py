"""The rule walker on structured elements (no text engine needed): what is kept, replaced, removed."""

import copy

import pytest

from fhir_adapters.deidentify import PatientContext, ResourceDeidentifier, ResourceJob
from fhir_adapters.free_text import TextSlot
from fhir_adapters.known import known_identifiers_from_patient
from fhir_adapters.operations import pseudonymous_id
from fhir_adapters.ruleset import Rules
from fhir_adapters.synthetic import make_patient_resources

KEY = b"walker-test-key"
RESOURCES = make_patient_resources(5)
PATIENT = RESOURCES[0]
OFFSET = -200


@pytest.fixture(scope="module")
def walk(lexicons):
    walker = ResourceDeidentifier(KEY, Rules.load(), lexicons)
    context = PatientContext(PATIENT["id"], "p-test", OFFSET, known_identifiers_from_patient(PATIENT), 2026)

    def run(resource: dict) -> tuple[dict, list[TextSlot]]:
        job = ResourceJob(context, resource["resourceType"], pseudonymous_id(KEY, resource["id"]))
        return walker.deidentify(copy.deepcopy(resource), job), job.slots

    return run


def of_type(resource_type):
    return next(r for r in RESOURCES if r["resourceType"] == resource_type)


def test_patient_identifiers_are_replaced_and_clinical_extensions_kept(walk):
    out, _ = walk(PATIENT)
    name = out["name"][0]
    assert name["family"] != PATIENT["name"][0]["family"] and name["given"] != PATIENT["name"][0]["given"]
    assert name["prefix"] == PATIENT["name"][0]["prefix"] and name["use"] == "official"
    assert len(out["birthDate"]) == 4 and int(PATIENT["birthDate"][:4]) - int(out["birthDate"]) in (0, 1)
    assert out["id"] == pseudonymous_id(KEY, PATIENT["id"])
    address = out["address"][0]
    assert set(address) == {"state", "postalCode", "country"} and address["postalCode"] == PATIENT["address"][0]["postalCode"][:3]
    assert [t.get("value") for t in out["telecom"]] == [None, None]
    values = {i["value"] for i in out["identifier"]}
    assert not values & {i["value"] for i in PATIENT["identifier"]} and all(len(v) == 32 for v in values)
    assert [i["system"] for i in out["identifier"]] == [i["system"] for i in PATIENT["identifier"]]
    urls = [e["url"] for e in out["extension"]]
    assert "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race" in urls
    assert "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex" in urls
    assert not any("mothersMaidenName" in u or "favourite-nickname" in u for u in urls)  # removed / unknown string
    birth_place = next(e for e in out["extension"] if e["url"].endswith("birthPlace"))
    assert set(birth_place["valueAddress"]) == {"state", "country"}
    assert "extension" not in address  # geolocation removed
    assert out["maritalStatus"] == PATIENT["maritalStatus"]


def test_clinical_content_is_kept_and_dates_shifted(walk):
    for resource_type in ("Observation", "Condition", "MedicationRequest", "Procedure", "Immunization"):
        source = of_type(resource_type)
        out, _ = walk(source)
        code_key = {"MedicationRequest": "medicationCodeableConcept", "Immunization": "vaccineCode"}.get(resource_type, "code")
        assert out[code_key]["coding"] == source[code_key]["coding"]
        for key in ("status", "valueQuantity", "component", "intent", "category"):
            assert out.get(key) == source.get(key)
    observation = of_type("Observation")
    out, _ = walk(observation)
    assert out["effectiveDateTime"] != observation["effectiveDateTime"]
    assert out["effectiveDateTime"][10:] == observation["effectiveDateTime"][10:]  # time and zone stay


def test_free_text_becomes_slots_and_coding_displays_stay(walk):
    condition = of_type("Condition")
    out, slots = walk(condition)
    assert out["code"]["text"] == condition["code"]["text"]  # the coding's display: not free text
    assert [s.text for s in slots] == [condition["note"][0]["text"]]
    assert "authorString" not in out["note"][0]


def test_references_are_pseudonymized_and_person_displays_removed(walk):
    encounter = of_type("Encounter")
    out, _ = walk(encounter)
    assert out["subject"] == {"reference": f"Patient/{pseudonymous_id(KEY, PATIENT['id'])}"}
    assert "display" not in out["participant"][0]["individual"]
    assert "display" not in out["serviceProvider"]


def test_clinicians_places_and_devices_lose_their_identifiers(walk):
    organization, _ = walk(of_type("Organization"))
    assert "name" not in organization and all("line" not in a for a in organization["address"])
    location, _ = walk(of_type("Location"))
    assert "name" not in location and "line" not in location["address"]
    device, _ = walk(of_type("Device"))
    assert not {"udiCarrier", "serialNumber", "lotNumber"} & set(device)
    assert device["type"] == of_type("Device")["type"]


def test_attachments_of_non_text_types_lose_their_data(walk):
    document = copy.deepcopy(of_type("DocumentReference"))
    document["content"][0]["attachment"]["contentType"] = "application/pdf"
    out, slots = walk(document)
    assert "data" not in out["content"][0]["attachment"]
    assert [s.form for s in slots] == ["plain"]  # only the title is left for the text engine


def test_comments_outside_the_fhir_types_are_removed(walk):
    condition = copy.deepcopy(of_type("Condition"))
    condition["fhir_comments"] = [f"called {PATIENT['name'][0]['family']} at home"]
    out, slots = walk(condition)
    assert "fhir_comments" not in out and not any("at home" in s.text for s in slots)
