"""The rule file: loading, versioning, errors, and which rule decides which node."""

import pytest
import yaml

from fhir_adapters.ruleset import Rules, RulesError

RESOURCE, ELEMENT = True, False


@pytest.fixture(scope="module")
def rules():
    return Rules.load()


def test_default_rules_are_versioned_and_hashed(rules):
    assert rules.version and len(rules.sha256) == 64
    assert Rules.load().sha256 == rules.sha256


def test_another_rule_file_has_another_hash(tmp_path):
    from importlib import resources

    data = yaml.safe_load(resources.files("fhir_adapters.rules").joinpath("default.yaml").read_text())
    data["rules"].insert(0, {"path": "HumanName", "method": "keep"})
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data))
    assert Rules.load(path).sha256 != Rules.load().sha256


@pytest.mark.parametrize("steps, method", [
    # clinical content is kept
    ((("Observation", "", RESOURCE), ("CodeableConcept", "code", ELEMENT), ("Coding", "coding", ELEMENT)), "keep"),
    ((("Observation", "", RESOURCE), ("Quantity", "valueQuantity", ELEMENT)), "keep"),
    # identifiers of the patient
    ((("Patient", "", RESOURCE), ("HumanName", "name", ELEMENT)), "substitute"),
    ((("Patient", "", RESOURCE), ("date", "birthDate", ELEMENT)), "generalize"),
    ((("Patient", "", RESOURCE), ("Address", "address", ELEMENT), ("string", "line", ELEMENT)), "redact"),
    ((("Patient", "", RESOURCE), ("Address", "address", ELEMENT), ("string", "postalCode", ELEMENT)), "generalize"),
    ((("Patient", "", RESOURCE), ("Address", "address", ELEMENT), ("string", "state", ELEMENT)), "keep"),
    ((("Patient", "", RESOURCE), ("ContactPoint", "telecom", ELEMENT), ("string", "value", ELEMENT)), "redact"),
    ((("Patient", "", RESOURCE), ("Identifier", "identifier", ELEMENT), ("string", "value", ELEMENT)), "cryptoHash"),
    # ids and references, of any resource
    ((("Condition", "", RESOURCE), ("id", "id", ELEMENT)), "cryptoHash"),
    ((("Condition", "", RESOURCE), ("Reference", "subject", ELEMENT), ("string", "reference", ELEMENT)), "cryptoHash"),
    ((("Bundle", "", RESOURCE), ("BundleEntry", "entry", ELEMENT), ("uri", "fullUrl", ELEMENT)), "cryptoHash"),
    # element ids are not resource ids
    ((("Patient", "", RESOURCE), ("HumanNameX", "x", ELEMENT), ("string", "id", ELEMENT)), "keep"),
    # clinicians and places
    ((("Organization", "", RESOURCE), ("string", "name", ELEMENT)), "redact"),
    ((("Location", "", RESOURCE), ("string", "name", ELEMENT)), "redact"),
    ((("Device", "", RESOURCE), ("string", "serialNumber", ELEMENT)), "redact"),
    # free text
    ((("DocumentReference", "", RESOURCE), ("DocumentReferenceContent", "content", ELEMENT),
      ("Attachment", "attachment", ELEMENT), ("base64Binary", "data", ELEMENT)), "freeText"),
    ((("Condition", "", RESOURCE), ("Narrative", "text", ELEMENT), ("xhtml", "div", ELEMENT)), "freeText"),
])
def test_which_rule_decides(rules, steps, method):
    rule = rules.rule_for(steps)
    assert rule is not None and rule.method == method


@pytest.mark.parametrize("type_name, method", [("dateTime", "dateShift"), ("instant", "dateShift"),
                                                ("string", "freeText"), ("code", "keep"), ("decimal", "keep"),
                                                ("base64Binary", "redact"), ("id", "cryptoHash"),
                                                (None, "redact")])  # no known FHIR type (fhir_comments): removed
def test_defaults_by_type(rules, type_name, method):
    assert rules.default_for(type_name) == method


def test_choice_paths_match_every_choice():
    rules = Rules.from_mapping({"name": "t", "version": "1", "rules": [
        {"path": "Observation.value[x]", "method": "redact"}]})
    for key in ("valueQuantity", "valueString", "valueCodeableConcept"):
        assert rules.rule_for((("Observation", "", True), ("Quantity", key, False))).method == "redact"
    assert rules.rule_for((("Observation", "", True), ("string", "valueless", False))) is None


@pytest.mark.parametrize("data, message", [
    ({"version": "1", "rules": [{"path": "HumanName", "method": "keep"}]}, "missing 'name'"),
    ({"name": "t", "version": "1", "rules": [{"path": "HumanName", "method": "scramble"}]}, "rules[0]: method 'scramble'"),
    ({"name": "t", "version": "1", "rules": [{"path": "Patient.birthDate", "method": "generalize"}]}, "needs 'to'"),
    ({"name": "t", "version": "1", "rules": [{"method": "keep"}]}, "needs 'path' and 'method'"),
    ({"name": "t", "version": "1", "rules": [{"path": "X", "method": "keep", "colour": 1}]}, "unknown fields"),
    ({"name": "t", "version": "1", "rules": [{"path": "X", "method": "keep"}], "defaults": {"date": "hide"}},
     "defaults.date"),
])
def test_malformed_rules_name_the_problem(data, message):
    with pytest.raises(RulesError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Rules.from_mapping(data)


def test_not_yaml(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("rules: [unclosed")
    with pytest.raises(RulesError, match="not valid YAML"):
        Rules.load(path)
