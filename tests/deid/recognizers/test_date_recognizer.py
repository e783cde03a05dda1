"""DateRecognizer: every date element (Safe Harbor), but not scores, doses or vent settings."""

import pytest

from deid.recognizers.date_recognizer import DateRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return DateRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # numeric month/day/year, with two- and four-digit years
        ("Seen on 3/14/2023 in clinic.", ["3/14/2023"]),
        ("Echo 03-14-23 showed LVEF 35%.", ["03-14-23"]),
        ("Stress test 11/02/2019 negative.", ["11/02/2019"]),
        # dotted, with a four-digit year
        ("Seen 11.2.2022 in clinic.", ["11.2.2022"]),
        ("Seen 3.27.2021 in clinic.", ["3.27.2021"]),
        # day first, when the first number cannot be a month
        ("Admitted on 27/11/2022", ["27/11/2022"]),
        ("Admitted on 19/08/2021 with CHF.", ["19/08/2021"]),
        # month/day without a year
        ("Cath done 8/19 without complication.", ["8/19"]),
        # month/10 is a date without a pain score nearby
        ("Admitted 6/10 for CHF.", ["6/10"]),
        ("Coumadin held since 4/17 for the procedure.", ["4/17"]),
        # month/four-digit year
        ("Admitted 1/2019 with NSTEMI.", ["1/2019"]),
        # ISO dates and timestamps
        ("Discharged 2023-03-14 home.", ["2023-03-14"]),
        ("Labs drawn 2023-03-14T10:00:00Z by the night team.", ["2023-03-14T10:00:00Z"]),
        ("Ablation on 2020-11-05T14:45 was uneventful.", ["2020-11-05T14:45"]),
        # day-month and month-day with words
        ("Admitted 22-Sep-2021 for CHF.", ["22-Sep-2021"]),
        ("Admitted 14 March 2023 for CHF.", ["14 March 2023"]),
        ("Admitted March 14th, 2023 for CHF.", ["March 14th, 2023"]),
        ("Follow up Mar 14 with the fellow.", ["Mar 14"]),
        ("Diagnosed in March of 1993 with HCM.", ["March of 1993"]),
        ("Started in nov. 2016 on amiodarone.", ["nov. 2016"]),
        ("SEEN ON JANUARY 5, 2022 IN CLINIC.", ["JANUARY 5, 2022"]),
        ("Next visit in June or July with the fellow.", ["June", "July"]),
        # at the end of a sentence the full stop stays out of the span
        ("Return in August or September.", ["August", "September"]),
        # ordinal days, two-digit event years, apostrophe years
        ("Seen on the 3rd.", ["3rd"]),
        ("Echo on the 21st, then cath.", ["21st"]),
        ("Cath on the 12th at noon.", ["12th"]),
        ("Seen on the 22nd by cardiology.", ["22nd"]),
        ("CABG in 05, stent in 94 and 00.", ["05", "94", "00"]),
        ("Heart cath done in '05 at an outside hospital.", ["'05"]),
        # years tied to events
        ("S/P MI 1987, CHF.", ["1987"]),
        ("Since 1999 on warfarin.", ["1999"]),
        ("s/p CABG in 2011 (LIMA-LAD).", ["2011"]),
        # a fraction-like date is a date after "post", "s/p", "after"
        ("HCT 30 POST 4/4 TRANSFUSION.", ["4/4"]),
        ("Can she be seen sooner than 8/8? Legs swollen.", ["8/8"]),
        ("Chest tightness since 3/10, worse on exertion.", ["3/10"]),  # a pain word, but "since" says a date
        # "May." abbreviated like the other months; a year after "around" when it cannot be a clock time
        ("Holter May. 17 showed 3% PVCs.", ["May. 17"]),
        ("I may. 5 mg then.", []),
        ("Echo done at the county hospital around 1999.", ["1999"]),
        ("Foley out, UO around 1999 ml, seen around 1830.", []),
        ("Blood cultures 3/3 positive.", []),
        # holidays name a date
        ("Symptoms started at Christmas.", ["Christmas"]),
        ("Chest pain since Thanksgiving.", ["Thanksgiving"]),
        # --- invalid: scores, vent settings, murmurs, blood pressure, doses, times and volumes
        ("Pain 5/10 at rest.", []),
        # pain scores out of ten, also after the first one and after "from"/"to"
        ("Pain 6/10 at rest, 4/10 with walking.", []),
        ("Pain score 9/10 now.", []),
        ("Pain improved from 9/10 to 1/10.", []),
        # vent settings with three numbers
        ("IMV 18/5/40", []),
        ("On IMV 14/8/35 overnight.", []),
        ("PEEP 5/5 on the vent.", []),
        ("2/6 SEM at LUSB.", []),
        ("2/6 harsh SEM and 3/6 soft blowing holosystolic murmur", []),  # a grade, then how the murmur sounds
        ("Grade 3/6 murmur heard.", []),
        ("Strength 4/5 in all extremities.", []),
        ("BP 120/80, HR 72.", []),
        ("BP 140/90 mmHg sitting.", []),
        ("Given 1500 ml of fluid.", []),
        ("Output 2000 cc overnight.", []),
        ("Seen at 1330 today.", []),
        ("Heparin drip at 1200 units/hr.", []),
        ("INR 2.5, goal 2-3.", []),
        ("EF 30-35% on echo.", []),
        ("HR 110-120 in AF.", []),
        ("Mobitz type 2 block.", []),
        ("Third degree AV block noted.", []),
        ("Transferred to the 2nd floor.", []),
        ("S3 and the 4th heart sound.", []),
        # --- invalid: month words used as ordinary words
        ("Plan to march him around the unit.", []),
        ("May need a repeat echo.", []),
        ("He may benefit from an ICD.", []),
    ],
)
def test_date_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Pain 6/10 at rest, 4/10 with walking.", []),
        ("Pain score 9/10 now.", []),
        ("Pain improved from 9/10 to 1/10.", []),
        ("Admitted 6/10 for CHF.", [("6/10", "DATE")]),
        ("Next visit in August or September.", [("August", "DATE"), ("September", "DATE")]),
    ],
)
def test_pain_scores_and_month_names_through_the_engine(engine, text, expected):
    assert [(text[s.start:s.end], s.label) for s in engine.analyze(text)] == expected


def test_results_are_labelled_date(recognizer):
    results = recognizer.analyze("Seen on 3/14/2023 and again 2023-04-01.")
    assert results and {r.entity_type for r in results} == {"DATE"}
