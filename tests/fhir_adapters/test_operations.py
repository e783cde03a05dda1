"""Value operations of the rule file, table-driven: date shifts, hashes, references, generalization, noise."""

import pytest

from fhir_adapters import operations
from fhir_adapters.operations import (generalize_age, generalize_birth_date, generalize_postal_code, perturb,
                                      pseudonymize_reference, shift_fhir_date)

KEY, OTHER_KEY = b"operations-test-key", b"another-operations-key"


@pytest.mark.parametrize("value, offset, expected", [
    # full dates and times move exactly; time and zone stay
    ("2021-03-14", -30, "2021-02-12"),
    ("2021-03-01T10:15:00-05:00", -1, "2021-02-28T10:15:00-05:00"),
    ("2020-03-01T00:00:00.123Z", -1, "2020-02-29T00:00:00.123Z"),  # leap day
    ("2021-01-05T08:00:00+01:00", -10, "2020-12-26T08:00:00+01:00"),
    # partial dates keep their precision
    ("2021-03", -45, "2021-01"),
    ("2021", -400, "2020"),
    ("2021", -30, "2020"),  # a year alone always moves, at least one year
])
def test_shift_fhir_date(value, offset, expected):
    assert shift_fhir_date(value, offset) == expected


@pytest.mark.parametrize("value", ["14/03/2021", "2021-13-01", "yesterday", ""])
def test_shift_rejects_what_is_not_a_fhir_date(value):
    with pytest.raises(operations.UnshiftableDate):
        shift_fhir_date(value, -30)


@pytest.mark.parametrize("reference, shape", [
    ("urn:uuid:2f1c0d7e-3b7a-4f51-9d0e-6f1f2b3c4d5e", r"urn:uuid:[0-9a-f-]{36}"),
    ("#contained-1", r"#[0-9a-f-]{36}"),
    ("Patient/example-17", r"Patient/[0-9a-f-]{36}"),
    ("Observation/obs-9/_history/3", r"Observation/[0-9a-f-]{36}/_history/3"),
    ("https://ehr.example.org/fhir/Patient/example-17", r"https://fhir\.cardiocorpus\.invalid/Patient/[0-9a-f-]{36}"),
    ("Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9912345678",
     r"Practitioner\?identifier=http://hl7\.org/fhir/sid/us-npi\|[0-9a-f]{32}"),
    ("Patient", r"Patient"),
])
def test_references_keep_their_form(reference, shape):
    import re

    out = pseudonymize_reference(KEY, reference)
    assert re.fullmatch(shape, out), out
    assert out == pseudonymize_reference(KEY, reference)  # consistent
    if reference != "Patient":
        assert out != pseudonymize_reference(OTHER_KEY, reference)  # keyed


def test_the_same_id_gets_the_same_pseudonym_in_every_reference_form():
    pid = operations.pseudonymous_id(KEY, "example-17")
    assert pseudonymize_reference(KEY, "Patient/example-17") == f"Patient/{pid}"
    assert pseudonymize_reference(KEY, "urn:uuid:example-17") == f"urn:uuid:{pid}"
    assert pseudonymize_reference(KEY, "#example-17") == f"#{pid}"


@pytest.mark.parametrize("birth, offset, reference_year, expected", [
    ("1961-07-04", -100, 2026, "1961"),
    ("1961-01-10", -100, 2026, "1960"),  # the shift crosses New Year: the year follows the shifted date
    ("1921-05-05", -40, 2026, "1936"),  # over 89: the birth year that gives age 90
])
def test_generalize_birth_date(birth, offset, reference_year, expected):
    assert generalize_birth_date(birth, offset, 89, reference_year) == expected


@pytest.mark.parametrize("age, expected", [(45, 45), (89, 89), (90, 90), (103, 90), (89.5, 90)])
def test_generalize_age(age, expected):
    assert generalize_age(age, 89) == expected


@pytest.mark.parametrize("zip_code, expected", [("02139", "021"), ("02139-4307", "021"), ("03601", "000"),
                                                ("82101", "000"), ("82001", "820"), ("97201", "972"), ("12", "000")])
def test_generalize_postal_code(zip_code, expected):
    assert generalize_postal_code(zip_code) == expected


def test_perturb_is_keyed_bounded_and_rounded():
    values = [perturb(KEY, f"obs-{i}", 100.0, 0.1, 1) for i in range(50)]
    assert all(90.0 <= v <= 110.0 for v in values)
    assert len(set(values)) > 10  # noise, not a constant
    assert values == [perturb(KEY, f"obs-{i}", 100.0, 0.1, 1) for i in range(50)]
    assert values != [perturb(OTHER_KEY, f"obs-{i}", 100.0, 0.1, 1) for i in range(50)]
    assert isinstance(perturb(KEY, "x", 70, 0.05, 0), int)
