"""PhoneRecognizer: telephone, fax and pager numbers, not lab values or doses."""

import pytest

from deid.recognizers.phone_recognizer import PhoneRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return PhoneRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # ten-digit NANP numbers in the usual layouts
        ("Call (410) 555-0199 with questions.", ["(410) 555-0199"]),
        ("Daughter at 410-555-0123.", ["410-555-0123"]),
        ("Cell 410 555 0123 after 5pm.", ["410 555 0123"]),
        ("Office 410.555.0123 during the day.", ["410.555.0123"]),
        ("Phone 4105550123 (home).", ["4105550123"]),
        ("Reach her at +1 410-555-0123.", ["+1 410-555-0123"]),
        ("Fax: 443-555-0100 for records.", ["443-555-0100"]),
        ("CELL 443-555-0158, WIFE AT BEDSIDE.", ["443-555-0158"]),
        # seven-digit local numbers after a phone word
        ("Home number 555-0148.", ["555-0148"]),
        ("Call 555-0175 to reschedule.", ["555-0175"]),
        # pagers, beepers and extensions
        ("Pager #54321 overnight.", ["54321"]),
        ("Beeper 33445 for the fellow.", ["33445"]),
        ("Call ext 4411 for the lab.", ["4411"]),
        ("Cardiology Fellow, pager 5523", ["5523"]),
        # --- invalid: vitals, lab values, doses, ranges, dates and record numbers
        ("BP 120/80 HR 72.", []),
        ("Heparin 1200 units/hr.", []),
        ("Weight 82.5 kg.", []),
        ("Troponin 0.045 at 1200.", []),
        ("Plt 250000.", []),
        ("QRS 120 ms, QTc 450 ms.", []),
        ("Dose 1-2 tabs q4-6h.", []),
        ("Sodium 135-145.", []),
        ("INR 1.2-1.5.", []),
        ("Cath 2023-03-14.", []),
        ("MRN 12345678.", []),
        ("Fluid goal 900-1000cc negative.", []),
    ],
)
def test_phone_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
