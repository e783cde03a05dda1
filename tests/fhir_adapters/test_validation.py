"""R4B validation plus the checks fhir.resources lacks; issues name paths and kinds, never values."""

import copy

import pytest

from fhir_adapters.synthetic import make_patient_resources
from fhir_adapters.validation import validate_resource

RESOURCES = make_patient_resources(11)
PATIENT = RESOURCES[0]


def first(resource_type: str) -> dict:
    return copy.deepcopy(next(r for r in RESOURCES if r["resourceType"] == resource_type))


def test_the_synthetic_resources_are_valid():
    assert [(r["resourceType"], validate_resource(r)) for r in RESOURCES if validate_resource(r)] == []


def _broken(resource_type, change):
    resource = first(resource_type)
    change(resource)
    return resource


@pytest.mark.parametrize("resource, expected", [
    # structure and formats: R4B itself
    (_broken("Observation", lambda r: r.update(effectiveDateTime="last tuesday")), "Observation.effectiveDateTime"),
    (_broken("Observation", lambda r: r.pop("code")), "Observation.code"),
    (_broken("Patient", lambda r: r.update(favouriteColour="teal")), "Patient.favouriteColour"),
    (_broken("Patient", lambda r: r.update(birthDate="1950-02-30")), "Patient.birthDate"),
    # required bindings R4B does not check
    (_broken("Observation", lambda r: r.update(status="bogus")), "Observation.status: code not in the required value set"),
    (_broken("Patient", lambda r: r.update(gender="robot")), "Patient.gender: code not in the required value set"),
    (_broken("Condition", lambda r: r["clinicalStatus"]["coding"][0].update(code="sleeping")),
     "Condition.clinicalStatus: code not in the required value set"),
    # clinical codes must be coded
    (_broken("Condition", lambda r: r.update(code={"text": "palpitations"})), "Condition.code: no coding with system and code"),
    (_broken("Procedure", lambda r: r["code"]["coding"][0].pop("system")), "Procedure.code: no coding with system and code"),
    # reference targets
    (_broken("Condition", lambda r: r.update(subject={"reference": "Practitioner/abc"})),
     "Condition.subject.reference: target type Practitioner not allowed"),
    (_broken("Condition", lambda r: r.update(subject={"reference": "Spaceship/abc"})),
     "Condition.subject.reference: unknown target resource type"),
    (_broken("Condition", lambda r: r.update(encounter={"reference": "#nowhere"})),
     "Condition.encounter.reference: contained resource not found"),
    # narratives must be XHTML
    (_broken("Patient", lambda r: r["text"].update(div="<div>unclosed")), "Patient.text.div: narrative is not an XHTML div"),
])
def test_invalid_resources_are_reported_by_path(resource, expected):
    issues = validate_resource(resource)
    assert any(expected in issue for issue in issues), issues


def test_urn_references_must_resolve_inside_the_bundle():
    condition = first("Condition")
    condition["subject"] = {"reference": "urn:uuid:0f0f0f0f-0000-4000-8000-000000000000"}
    assert validate_resource(condition, frozenset()) == ["Condition.subject.reference: does not resolve inside the bundle"]
    assert validate_resource(condition, frozenset({condition["subject"]["reference"]})) == []


def test_issues_carry_no_values():
    patient = copy.deepcopy(PATIENT)
    patient["birthDate"] = patient["name"][0]["family"]  # a name where a date belongs
    patient["gender"] = patient["identifier"][0]["value"]
    issues = " ".join(validate_resource(patient))
    assert issues
    for value in (PATIENT["name"][0]["family"], PATIENT["identifier"][0]["value"]):
        assert value not in issues
