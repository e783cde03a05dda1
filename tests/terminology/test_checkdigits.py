"""Check digits: known-valid public codes, and the same codes with one digit changed."""

import pytest

from terminology.checkdigits import icd10cm_valid, loinc_check_digit, loinc_valid, sctid_valid, verhoeff_valid


@pytest.mark.parametrize("code, valid", [
    # valid concept ids (International and US extension)
    ("22298006", True), ("49436004", True), ("38341003", True), ("84114007", True), ("981000124106", True),
    # one digit changed / transposed: the Verhoeff digit catches both
    ("22298007", False), ("22289006", False), ("49436005", False),
    # a valid description id is not a concept id (partition 01)
    ("777001017", False),
    # format
    ("0022298006", False), ("12345", False), ("2229800X", False), ("", False),
])
def test_sctid(code, valid):
    assert sctid_valid(code) is valid


def test_verhoeff_accepts_description_ids_when_asked():
    assert verhoeff_valid("777001017")
    assert sctid_valid("777001017", concept_only=False)


@pytest.mark.parametrize("code, valid", [
    ("2093-3", True), ("8867-4", True), ("10839-9", True), ("8480-6", True),
    ("2093-4", False), ("8867-2", False), ("10839-8", False),
    ("LA6576-8", True),  # answer codes: format only
    ("2093", False), ("20933", False), ("A2093-3", False), ("", False),
])
def test_loinc(code, valid):
    assert loinc_valid(code) is valid


def test_loinc_check_digit_is_mod10_of_the_number():
    assert loinc_check_digit("2093") == 3
    assert loinc_check_digit("10839") == 9


@pytest.mark.parametrize("code, valid", [
    ("I48.91", True), ("I4891", True), ("I10", True), ("I5A", True), ("Z95.0", True),
    ("I48.99", False), ("I99.99", False), ("I00-I99", False), ("Q99.9X", False), ("", False),
])
def test_icd10cm_against_the_release(code, valid):
    assert icd10cm_valid(code) is valid
