"""InitialNameRecognizer: an initial and a surname, with no title before them."""

import pytest

from deid.recognizers.initial_name_recognizer import InitialNameRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return InitialNameRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        ("valuables counted by nsg (d. pellow and j. o'dwyer) at 2200.", ["d. pellow", "j. o'dwyer"]),
        # told or cited, a surname English knows a little will do
        ("BIGEMINY. W. WANKER AWARE. MILRINONE OFF AS PER W. WANKER.", ["W. WANKER", "W. WANKER"]),
        ("culture per S. aureus; S. AUREUS AWARE?", []),  # a clinical word stays
        ("Seen by J. Kostrell in clinic. Lasix given.", ["J. Kostrell"]),
        ("Discussed with T. Pemberton, NP.", ["T. Pemberton"]),
        # --- invalid: organisms, abbreviations, list items, SOAP letters, acronyms in mixed case
        ("Culture grew S. aureus. Started vanc.", []),
        ("GROWING E. COLI", []),
        ("give lasix 40 mg p.o. daily, e.g. Lasix.", []),
        ("Vitamin K. Lasix held.", []),
        ("Plan A. Continue heparin.", []),
        ("plan:\nc. pellow to see\n", []),
        ("s. pt states feels better. o. lytes repleted.", []),
        ("Seen by J. KOSTRELL in Clinic.", []),
    ],
)
def test_initial_name_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
