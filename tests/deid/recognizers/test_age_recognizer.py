"""AgeRecognizer: ages over 89 (Safe Harbor), not younger ages or vital signs in the 90s."""

import pytest

from deid.recognizers.age_recognizer import AgeRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return AgeRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # a number over 89 with an age unit
        ("92 yo woman with AF.", ["92"]),
        ("PT IS A 94 YO FEMALE.", ["94"]),
        ("A 95-year-old man with AS.", ["95"]),
        ("91 y/o F with CHF.", ["91"]),
        ("Patient is 97 years old.", ["97"]),
        ("A 101 yr old with syncope.", ["101"]),
        ("93M with chest pain.", ["93"]),
        ("96 F, DNR.", ["96"]),
        # after the word age
        ("Aged 99, lives alone.", ["99"]),
        ("Age 94 with severe AS.", ["94"]),
        ("Age: 96.", ["96"]),
        # ages in words
        ("A ninety-six year old man.", ["ninety-six"]),
        ("Ninety-three year old female with AS.", ["Ninety-three"]),
        # an age set off by commas after a person
        ("my mom, 93, has CHF", ["93"]),
        # a lower-case name between the person word and "is"; vitals there stay vitals
        ("my dad amber jones is 90 and had his pacemaker checked", ["90"]),
        ("my dad heart rate is 95, my mom blood sugar is 102, my dad pulse ox is 96", []),
        # decades and words
        ("A woman in her late 90s.", ["late 90s"]),
        ("In his 90s with CAD.", ["90s"]),
        ("Nonagenarian with TAVR.", ["Nonagenarian"]),
        ("A centenarian at rehab.", ["centenarian"]),
        # --- invalid: 89 and younger are not PHI
        ("78 yo woman with HTN.", []),
        ("89 yo man with AF.", []),
        ("A 64-year-old man with WPW.", []),
        ("Age 45.", []),
        ("Age: 89.", []),
        ("Age: 72.", []),
        ("An eighty-nine year old woman.", []),
        ("A seventy-two year old woman.", []),
        ("my mom, 89, has CHF", []),
        ("my dad, 64, has AS", []),
        # --- invalid: vital signs and measurements in the 90s
        ("triage: dan hobbs 91m, sob on exertion", ["91"]),  # a lower-case sex letter after a word
        ("hr 92m ago. walked 95m. Temp 98F. vitals 97F.", []),  # minutes, metres, degrees
        ("teaching file: 98f with wenckebach. DIGOXIN LEVEL FOR HILL, 98M", ["98", "98"]),
        ("my husbnd dada is 99 and wont take his plavix", ["99"]),
        ("Temp 98F, Tmax: 99F. 98m walk test", []),
        ("my mom mark taylor is 90 and her ankles are swollen", ["90"]),
        ("HR 92 in AF.", []),
        ("Sats 94% on RA.", []),
        ("Weight 95 kg.", []),
        ("Given 90 mg.", []),
        ("BP 96/60.", []),
        ("Glucose 98 this am.", []),
        ("EF 90% hyperdynamic.", []),
        ("QRS 98 ms.", []),
    ],
)
def test_age_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
