"""CredentialedNameRecognizer: names signed with a credential ("Alice Wong, MD", "J. Yi, MD")."""

import pytest

from deid.recognizers.credentialed_name_recognizer import CredentialedNameRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return CredentialedNameRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # signatures, with and without the comma
        ("Alice Wong, MD", ["Alice Wong"]),
        ("Henrietta Marlowe, RN", ["Henrietta Marlowe"]),
        ("J. Yi, MD", ["J. Yi"]),
        ("Emily Parker,RN", ["Emily Parker"]),
        ("Desmond Achterberg MD", ["Desmond Achterberg"]),
        ("Priya Raman, PA-C", ["Priya Raman"]),
        ("Bartholomew Quince, NP", ["Bartholomew Quince"]),
        ("Note by Odalys Fenwick, PharmD.", ["Odalys Fenwick"]),
        ("Cosigned: Ignatius Pemberton MD, FACC", ["Ignatius Pemberton"]),
        # ALL CAPS signatures
        ("J. KOWALCZYK, RN", ["J. KOWALCZYK"]),
        ("HENRIETTA MARLOWE, RN", ["HENRIETTA MARLOWE"]),
        # --- invalid: credentials used as nouns, ambiguous abbreviations
        ("MD AWARE OF LABS.", []),
        ("PATIENT SEEN, MD AWARE.", []),
        ("Discussed with MD on call.", []),
        ("RN notified.", []),
        ("Plan discussed with the RN.", []),
        ("Reviewed with PT and OT.", []),
        ("Seen by PT today.", []),
        ("AF, MD aware.", []),
        ("ECHO TECH RN", []),
    ],
)
def test_credentialed_name_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
