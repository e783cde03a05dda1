"""SsnRecognizer: Social Security numbers, without the SSA's never-issued ranges."""

import pytest

from deid.recognizers.ssn_recognizer import SsnRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return SsnRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # dashed or spaced
        ("SSN 123-45-6789 on file.", ["123-45-6789"]),
        ("Social security number 219 09 9999.", ["219 09 9999"]),
        # nine bare digits after a label
        ("SSN: 078051120.", ["078051120"]),
        ("SS# 219099999.", ["219099999"]),
        # --- invalid: never-issued areas, groups and serials
        ("Invalid 000-12-3456.", []),
        ("Invalid 666-12-3456.", []),
        ("Invalid 912-34-5678.", []),
        ("Invalid 123-00-4567.", []),
        ("Invalid 123-45-0000.", []),
        # --- invalid: other dashed numbers
        ("Phone 410-555-0123.", []),
        ("Date 2023-03-14.", []),
        ("BP 120/80.", []),
        ("Lot 123-4567-89.", []),
    ],
)
def test_ssn_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
