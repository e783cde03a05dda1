"""UrlRecognizer: web addresses with a scheme, www., or a host with a known public suffix."""

import pytest

from deid.recognizers.url_recognizer import UrlRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return UrlRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # with a scheme
        ("See https://www.example.org/cases/448 for images.", ["https://www.example.org/cases/448"]),
        ("Portal at http://portal.example.com/login?id=4 is down.", ["http://portal.example.com/login?id=4"]),
        ("FTP at ftp://files.example.net/echo for the loops.", ["ftp://files.example.net/echo"]),
        # www. and bare hosts
        ("Visit www.heartclinic-example.org today.", ["www.heartclinic-example.org"]),
        ("Log in at mychart.example.org/login please.", ["mychart.example.org/login"]),
        # --- invalid: run-together words and abbreviations with dots
        ("Vitals.signs stable.", []),
        ("Pt.ambulating well.", []),
        ("Lasix.dose increased.", []),
        ("i.e. the LAD.", []),
        ("e.g. aspirin.", []),
        ("Seen at 10.30 am.", []),
    ],
)
def test_url_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
