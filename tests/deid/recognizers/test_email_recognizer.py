"""EmailRecognizer: e-mail addresses with a real public suffix (checked offline)."""

import pytest

from deid.recognizers.email_recognizer import EmailRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return EmailRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # ordinary addresses
        ("Contact the author at q.fairweather@example.org for details.", ["q.fairweather@example.org"]),
        ("Email: jane_doe+cardio@mail.example.com", ["jane_doe+cardio@mail.example.com"]),
        ("Send to QUINTERO.M@EXAMPLE.NET today.", ["QUINTERO.M@EXAMPLE.NET"]),
        ("Reply to bob@clinic.example.co.uk.", ["bob@clinic.example.co.uk"]),
        ("Two: a.b@example.edu and c-d@example.gov.", ["a.b@example.edu", "c-d@example.gov"]),
        # --- invalid: no public suffix, or "@" meaning "at"
        ("Use a@b.invalidtld please.", []),
        ("The ratio was 3@4 units.", []),
        ("Dose @ 5 mg.", []),
        ("Seen @ 1400.", []),
        ("K@home.", []),
    ],
)
def test_email_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
