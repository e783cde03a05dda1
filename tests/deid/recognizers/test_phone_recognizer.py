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


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # any national layout after a call / message cue
        ("Can you call me on 4417 2093?", ["4417 2093"]),
        ("They are not answering at 66-41-20-87", ["66-41-20-87"]),
        ("Please stop sending messages to 0622 418 30 57", ["0622 418 30 57"]),
        ("No text on my registered 031 662 40 18.", ["031 662 40 18"]),
        ("Call me at (52) 4410-2287 tomorrow.", ["(52) 4410-2287"]),
        ("Reach me on 02.71.55.38.90 after lunch.", ["02.71.55.38.90"]),
        ("Registered 0844-3107731 on file.", ["0844-3107731"]),
        ("Her mobile number is 0412 880 337.", ["0412 880 337"]),
        ("Call the clinic at (03) 8762 4410.", ["(03) 8762 4410"]),
        # international numbers with a trunk zero
        ("Fax +41 (0)22 318 40 77", ["+41 (0)22 318 40 77"]),
        # a cue after the number: "office", "fax"
        ("502 77 118 office", ["502 77 118"]),
        ("07811 402 996-Fax", ["07811 402 996"]),
        ("633 2091 home", ["633 2091"]),
        # --- invalid: times, dates, doses and counts after the same words
        ("Called at 1430 to report K 3.2.", []),
        ("Called on 03.04.2021 about the results.", []),
        ("Will call back at 1600 or 1700.", []),
        ("Family called at 1500 2000 and 2200.", []),
        ("Called by cath lab at 1200 1230 1300.", []),
        ("Plan: call at 250 300 350 400 mg", []),
        ("Reach goal at 140 150 160 170 mmHg.", []),
        ("Office 2 3 4 5 6 7 8 visit.", []),
        ("Messages to 2 family members left.", []),
        ("Work up at 10 am, office visit 2 wks.", []),
        ("Called 12 04 2023 by cardiology.", []),
        ("BP 142/88 at home, HR 72 at work.", []),
        ("Lasix 40 mg PO, home dose 80 mg.", []),
        ("Holter monitor, CABG x3, 10/10 pain.", []),
    ],
)
def test_cued_phone_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
