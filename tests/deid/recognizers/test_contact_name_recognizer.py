"""ContactNameRecognizer: names around contact verbs, contact numbers, proxies and first-name runs."""

import pytest

from deid.recognizers.contact_name_recognizer import ContactNameRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return ContactNameRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # the name a contact number is written after
        ("Son is devoted. Lovie Marova cell# 410-555-0142 if needed.", ["Lovie Marova"]),
        # who is to be called back
        ("PLEASE CALL THIJMEN ROBINSON BACK AT 640-949-5287", ["THIJMEN ROBINSON"]),
        ("please call me back, call mom back, call the pharmacy back, call pt back", []),
        ("Contacts: Torvik home# (603) 555-0188.", ["Torvik"]),
        ("son Lonnie cell 410-555-0142", ["Lonnie"]),
        # without a cue word, two capitalised name-like words in a cased note
        ("Contacts: Ovie Marova 410-555-0142, Lab Tech 410-555-0143.", ["Ovie Marova"]),
        ("Echo Lab 617-555-0142; Call Pharmacy 617-555-0143.", []),
        ("Torvik 617-555-0142 for the echo.", []),
        # without case, a listed first name and surname; or a name before "at" a number
        ("PLEASE CALL ME BACK. JACQUELINE SMITH 839-555-0120", ["JACQUELINE SMITH"]),
        ("Contacts: Ovie Marova at 410-555-0142 after five.", ["Ovie Marova"]),
        ("GAVE LASIX 40 MG AT 555-1234. HEART RATE ON 555-123-4567", []),
        # --- invalid: relations, the patient and clinical words before a number
        ("Daughter cell# 410-555-0142. Pt's home# 410-555-0199.", []),
        ("Family phone 410-555-0142.", []),
        ("Fax to PCP office: 410-555-0142.", []),
    ],
)
def test_names_before_contact_numbers(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # the people named as proxy
        ("two nieces are her health care proxys. rosalind and tamsin", ["rosalind", "tamsin"]),
        ("Sister is health care proxy - Marova Lindqvist, lives nearby.", ["Marova Lindqvist"]),
        ("HCP: Torvik Brisco.", ["Torvik Brisco"]),
        # --- invalid: what follows a proxy sentence is not always a name
        ("Son is health care proxy. Copy of form in chart.", []),
        ("Consent obtained from proxy. plts pending.", []),
        ("Daughter is health care proxy. Family very involved.", []),
        ("HEALTH CARE PROXY . CARDIOLOGY FELLOW IN TO EXPLAIN.", []),
    ],
)
def test_proxy_names(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # two Census first names, then a surname no list knows
        ("ot eval done by linda rose brevallo this am.", ["linda rose brevallo"]),
        ("Seen by Mary Ann Torvik of PT today.", ["Mary Ann Torvik"]),
        # --- invalid: first names before a known or clinical word
        ("pt alert. mary ann hypertension.", []),
        ("will grant rose today", []),
        ("bill ann metoprolol", []),
    ],
)
def test_first_name_runs_with_unknown_surnames(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # without case, unknown words after a contact verb (two of them) or before a visitor's verb
        ("site is wnl. will consult with vrenosk adib re skin care.", ["vrenosk adib"]),
        ("pt alert. quolbeck from speech in today, petrakova from pt and ot saw him", ["quolbeck", "petrakova"]),
        ("referral from speech and swallow. results from pt in chart", []),
        # the whole clause before what only a visitor does: up to three rare words
        ("pt alert, orientedx3. torvin maleski dorant from speech and swallow in today.", ["torvin maleski dorant"]),
        ("tolerating diet. consult from speech and swallow in today. oob with help from pt and ot in am", []),
        ("wake and wean per quellmoor downham. will consult with difebbo kevan re skin care.",
         ["quellmoor downham", "difebbo kevan"]),  # a second name word after an unknown one, run-together too
        ("RESEARCH COORDINATOR EMAILED JASMIN AT X@Y.COM", ["JASMIN"]),  # emailing is contact too
        ("son visited, and quincel called early this am for update.", ["quincel"]),
        ("wake and wean despite low ci per buttross gambrill) today", ["buttross gambrill"]),  # run-together words
        # --- invalid: charting jargon and misspellings in the same places
        ("insulin gtt per protocall, 30cc/hr of urine.", []),
        ("wife called overnoc for an update.", []),
        ("the housestaff was called to evaluate.", []),
        ("anasarca present. permacath can be placed.", []),
    ],
)
def test_unknown_words_in_caseless_contact_places(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
