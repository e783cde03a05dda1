"""NotifiedNameRecognizer: names just before "aware" / "notified" / "paged"; roles in that place stay."""

import pytest

from deid.recognizers.notified_name_recognizer import NotifiedNameRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return NotifiedNameRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        ("FREQUENT PVCS, JOLA FENTRAL AWARE, LYTES SENT.", ["JOLA FENTRAL"]),
        ("SBP 82-W. KOSTRELL AWARE-FLUID BOLUS ORDERED.", ["W. KOSTRELL"]),
        ("PA TRACING DAMPED. ZORAVEL QUIBBING CALLED TO BEDSIDE.", ["ZORAVEL QUIBBING"]),
        ("Dr. Vrenchak in to see pt at noon.", ["Vrenchak"]),
        ("K 3.1, Fentral notified, repleted.", ["Fentral"]),
        ("BP 70s, Ostrander paged.", ["Ostrander"]),
        # --- invalid: roles and people named by relation take the same place
        ("HO AWARE. TEAM AWARE OF K 3.2. MD AWARE.", []),
        ("SAT 88%. MD'S CALLED TO BEDSIDE. RESIDENT CALLED TO BEDSIDE.", []),
        ("Family in to see pt this evening.", []),
        ("HOUSE OFFICER AWARE. CARDIOLOGY FELLOW NOTIFIED.", []),
        ("PT IS AWARE OF PLAN. WIFE AWARE.", []),
        ("BP 80S, MICU TEAM AWARE, NS BOLUS GIVEN.", []),
        ("Pt made aware of plan. Family aware and agrees.", []),
        ("resident aware, will re-check lytes", []),
        ("Potassium 3.1 This Morning, repleted; fentral notified.", []),  # lower case in mixed-case text
    ],
)
def test_notified_name_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # after a first name, a surname rarer than common words (not in the Census list)
        ("RUN OF VENT BIGEMINY NITA KESTREL AWARE MGSO4 GIVEN.", ["NITA KESTREL"]),
        # the first of several names joined by "and" before the cue
        ("KCL GIVEN. NITA KESTREL AND DRS LEMMON AND HARTIGAN AWARE.", ["NITA KESTREL", "LEMMON", "HARTIGAN"]),
        ("K 3.1. Ostrander and the team notified.", ["Ostrander"]),
        # --- invalid: roles joined by "and"; a first name before a common word
        ("K 3.1, HO AND TEAM AWARE.", []),
        ("PT AND FAMILY MADE AWARE OF THE NEW PLAN.", []),
        ("CARDIOLOGY AND RENAL NOTIFIED.", []),
        ("RN AND MD AWARE OF BP.", []),
        ("BILL STILL AWARE OF PLAN.", []),
        ("BP 80S. MAP AND UOP AWARE.", []),  # a short abbreviation is no surname
        # a first name that is also a clinical abbreviation, before a rare surname
        ("PVCS. ASA KESTREL AWARE.", ["ASA KESTREL"]),
        ("ASA DRIP AWARE.", []),
        ("GAVE ASA. KESTREL AWARE.", []),
    ],
)
def test_listed_names_before_cue(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
