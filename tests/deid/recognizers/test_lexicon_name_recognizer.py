"""LexiconNameRecognizer: names without a context cue, from the Census lists (weak evidence)."""

import pytest

from deid.recognizers.lexicon_name_recognizer import LexiconNameRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return LexiconNameRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # census first name + surname
        ("Patient Gertrude Stanislawski was admitted.", ["Gertrude Stanislawski"]),
        ("Visited by Ambrose Fairweather yesterday.", ["Ambrose Fairweather"]),
        ("VISITED BY AMBROSE FAIRWEATHER.", ["AMBROSE FAIRWEATHER"]),
        ("visited by ambrose fairweather.", ["ambrose fairweather"]),
        # a rare given name no list holds, then a census surname
        ("The patient, Ottavio Brennan, has AF.", ["Ottavio Brennan"]),
        ("Faustyn Gallagher called about the INR.", ["Faustyn Gallagher"]),
        # --- invalid: ordinary and clinical words
        ("Patient walked with the nurse.", []),
        ("Seen at the Severna Park clinic.", []),         # a gazetteer place, not a name
        ("Continue Eliquis Johnson protocol.", []),       # a drug before a surname
        ("Started Lasix and Coumadin.", []),
        ("Holter monitor placed.", []),
        ("Bruce protocol stopped early.", []),
        ("Grace period for the labs.", []),
    ],
)
def test_lexicon_name_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
