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
        ("thank you for seeing Hans-Peter Mills today", ["Hans-Peter Mills"]),  # a hyphenated given name
        # one-line caseless queries: a given name English hardly uses before a common surname,
        # and two words no dictionary knows
        ("priscilla white aug 10th echo report pls", ["priscilla white"]),
        ("CALLED OSVALDO TREMANTI AT 555-0182, NO ANSWER.", ["OSVALDO TREMANTI"]),
        # in an ALL-CAPS query, a listed pair set off by punctuation, even common names
        ("CODE BLUE 4 WEST, JOHN DAVIS, PEA ARREST, CPR IN PROGRESS", ["JOHN DAVIS"]),
        ("CODE BLUE 4 WEST, MAY CALL, PEA ARREST", []),
        ("CHECK JOHN TOWNSEND 9076730 POTASSIUM AFTER IV LASIX", ["JOHN TOWNSEND"]),  # before a record number
        ("GAVE HEPARIN BOLUS, WILL RECHECK 060000", []),
        # where charts put a patient (before a number, "MRN", an age and sex, or set off) foreign names as common as "camus"
        ("PLEASE CALL ME BACK ABOUT MY MONITOR. HONORÉ CAMUS 653.364.8009", ["HONORÉ CAMUS"]),
        ("CARDIOLOGY CONSULT: SITI ALEMDAR 91M, TROP 0.9, NO CP", ["SITI ALEMDAR"]),
        ("ZSOFIA KERTESZ 09-NOV-2020 TEE", ["ZSOFIA KERTESZ"]),  # before a date, as worklists write it
        ("confirm name and dob pls: maja goedhart aug 21st", ["maja goedhart"]),
        ("GUILLAUME GOMEZ 10/19 TEE", ["GUILLAUME GOMEZ"]),
        ("stress test 3/4/2020. sob worse 3/4/2020. new meds 3/4/2020. next appt jan 4", []),
        ("WHAT IS THE AMIODARONE LOAD FOR IWO GRESZTA MRN 194766", ["IWO GRESZTA"]),
        ("CODE BLUE 4 WEST, BARKHA SANI, PEA ARREST", ["BARKHA SANI"]),
        ("URGENT BERNHARD STRIEBITZ CATH LAB ACTIVATION", ["BERNHARD STRIEBITZ"]),  # a Census name, then an unknown word
        ("GIVE LASIX TWICE 40 MG, BMP DAILY 91M", []),
        ("CODE BLUE 4 WEST, SINUS TACH, PEA ARREST", []),
        ("resp note - pt. remaines trached, and mech. ventelated", []),  # set off, but misspelt English
        # a caseless query's common given name (no everyday word) and surname
        ("HOLTER REPORT FOR JAMES WILSON READY", ["JAMES WILSON"]),
        # a given name as common as "David" before a word no dictionary knows; not before a medical word
        ("ICU HANDOFF: DAVID QUERNOT IABP 1:1, MAP 68", ["DAVID QUERNOT"]),
        ("john tachypneic overnight, david diaphoretic", []),
        ("LOOKING FOR CATH REPORT DIXON PATRICIA 171917062", ["DIXON PATRICIA"]),  # inverted, before a record number
        ("WILL GRANT ACCESS, MAY BILL PT, MARK HALL PASS", []),
        # a curated eponym after a given name names the monitor when a wearing time follows
        ("Ordered: Joyce Holter 24h tomorrow.", []),
        ("Joyce Holter called the office.", ["Joyce Holter"]),
        ("CALL ME BACK ABOUT MY MONITOR. TOMAS TORRENS +1 555 279 2519", ["TOMAS TORRENS"]),  # before a phone
        ("SEND COPY OF ECG TO MY EMAIL. ROBERT BURNS", ["ROBERT BURNS"]),  # a sign-off after a sentence
        ("PLEASE CALL ME BACK. WILL CALL AGAIN. HR 110. MAY WALK WITH PT.", []),
        # a lower-case text's one capitalised name mid-sentence
        ("wife says Howard looks grey and sweaty, bp 90/50", ["Howard"]),
        ("RESP TACHYPNEIC WITH EXERTION, NPO AFTR MIDNITE FOR TEE", []),
        ("LUNGS WITH SCATTERED RHONCHI BIBASILAR, SATS 91%", []),
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


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # a capitalised Census surname rare in English, mid-sentence in mixed-case text
        ("The practice was founded by Oyelaran, Whitfield and Castellano in 1998.", ["Whitfield", "Castellano"]),
        ("Can Castellano take apixaban with his amiodarone?", ["Castellano"]),  # a one-line query
        ("Post-TAVR Moreno new LBBB, PR 240. Pacer watch 48h?", ["Moreno"]),  # commoner surnames in a query
        ("Post-TAVR Jennings new LBBB, PR 240. Pacer watch 48h?", ["Jennings"]),  # also a town, but no place slot
        ("Post-TAVR transfer from Jennings, new LBBB, PR 240.", []),
        ("Post-TAVR patient, new LBBB.\nMoreno and flush lines q8h.", []),  # but not in a note
        # --- invalid: a sentence's first word in a note, after an article, clinical eponyms
        ("Pt stable overnight.\nCastellano and flush lines q8h.", []),
        ("Trach in place, the Castellano valve was trialled.", []),
        ("Cardiac output by Fick was 4.1, Korotkoff sounds faint.", []),
    ],
)
def test_lone_surname_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


def test_letters_inside_a_lab_name_are_not_a_surname(recognizer):
    assert_recognizer_finds(recognizer, "Overnight Marisol SpO2 88% on 2L, MSO4 2 mg given", ["Marisol"])


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # one-line queries: a listed pair without case, two rare capitalised words, a first name that acts
        ("holter results kimberly palmer 5/16", ["kimberly palmer"]),
        ("can u check if victoria harris got her echo done?", ["victoria harris"]),
        ("Pharmacy: Advaith Zacharia has apixaban and aspirin", ["Advaith Zacharia"]),
        ("Erin keeps asking me if her metoprolol is ok", ["Erin"]),
        # a given name as common as "John", capitalised mid-sentence in a query or a lower-case text
        ("can Joseph still take his aspirin before the colonoscopy", ["Joseph"]),
        ("Secure chat from Stephen: bed 14 bradycardic on metoprolol", ["Stephen"]),
        ("Will he need a TEE before the DCCV?", []),                # a given name that is an everyday word
        ("Stephen, can you see bed 14?", []),                      # the query's first word
        # --- invalid: the same shapes in a note's shorthand, credentials after a name
        ("pt seen by rn.\nkimberly palmer\n", []),
        ("Plan: Zacharia Advaith.\nCont lasix.", []),
        ("note by s. roberto rrt", []),
    ],
)
def test_query_names(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


def test_a_possessive_word_starts_no_pair(recognizer):
    assert_recognizer_finds(recognizer, "FYI, Alejandro's Holter shows an 18% PVC burden.", [])
