"""NameShapeRecognizer: names with a middle initial, and inverted "Last, First" in chart places."""

import pytest

from deid.recognizers.name_shape_recognizer import NameShapeRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return NameShapeRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # a middle initial: the surname may be an eponym, the given name unlisted
        ("Triage: Ivo F. Bragadin, 67-year-old female", ["Ivo F. Bragadin"]),
        ("Pharmacy: Matthew E. Evans has apixaban and aspirin", ["Matthew E. Evans"]),
        ("Referral: Luiz Henrique R. Almeida, 80F, NSTEMI", ["Luiz Henrique R. Almeida"]),
        ("holter results for melinda e. morales please", ["melinda e. morales"]),
        ("In case of his account, please add Ryan P Costa as guardian", ["Ryan P Costa"]),  # no dot, mixed case
        ("took my amlodipine already, john j. wright", ["john j. wright"]),     # a common given name, no case
        ("Coverage letter: CT angiogram for Fedele J. Forza denied", ["Fedele J. Forza"]),
        ("pawel b. ortmann here, ran out of eliquis", ["pawel b. ortmann"]),    # both rare in English
        # inverted, where charts put it
        ("Axelsson, Oscar, DOB 07/05/1944, MRN 5653240", ["Axelsson, Oscar"]),
        ("King-Hill, Amanda: postop AF day 2", ["King-Hill, Amanda"]),  # a double-barrelled surname
        # a one-line query inverts a name anywhere, possessive too
        ("Who is Hunt, Alfred's cardiologist? She's at the clinic", ["Hunt, Alfred"]),
        ("bed 7 Brunello, Gianfranco c/o crushing CP 9/10", ["Brunello, Gianfranco"]),
        ("Moved from Dallas, Texas to Paris, France in June", []),
        ("Swan-Ganz, Foley: placed today", []),
        ("van Noort, Sabas - Echo: LVEF 25-30%", ["van Noort, Sabas"]),
        ("PLEASE CALL ME BACK. KARZ, DONALD (876) 555-0100", ["KARZ, DONALD"]),
        ("NO SHOW: VRABOSZ, SIEGLINDE 169154 - ECHO 5/20", ["VRABOSZ, SIEGLINDE"]),  # a number after a labelled pair
        ("CALLED GUERRA, LORENZO AT 1-477-609-6333, NO ANSWER.", ["GUERRA, LORENZO"]),
        ("CALLED PHARMACY, DOSE 40 MG. BP: STABLE, HR 80.", []),
        # a chart place on both sides admits commoner surnames; in a query a person's verb is one
        ("NO SHOW: WHITE, DALE T9267232 - ECHO 4/8", ["WHITE, DALE"]),
        ("NO SHOW: OZTURAN, NAZIMET 05704541 - ECHO 4/25", ["OZTURAN, NAZIMET"]),
        ("pt adeyemi, motunrayo wants to know if the watchman is safe", ["adeyemi, motunrayo"]),
        ("CV: VSS, PA'S 30'S-50'S/20'S-30'S. CVP 12", []),
        ("RE: DWARKADAS, UPASNA - CRT-D GENERATOR CHANGE", ["DWARKADAS, UPASNA"]),  # a query's foreign pair
        ("my name marsh, thomas phone 702 555 0100", ["marsh, thomas"]),
        ("Does Brown, Carlos qualify for cardiac rehab?", ["Brown, Carlos"]),  # mixed case: anywhere
        ("TRIAGE NOTE - HERRERA, AGNIESZKA - 61 M - PALPITATIONS", ["HERRERA, AGNIESZKA"]),
        # a surname particle written small between capitalised words; the Irish particles in any case
        ("Hi team - handing over Wiebke de Graaff (AF, on apixaban)", ["Wiebke de Graaff"]),
        ("Troponin trend Anouk van der Steeg please", ["Anouk van der Steeg"]),
        ("Reminder: Star de Wolff, 64, cardiology follow-up", ["Star de Wolff"]),  # an everyday word as the given name
        ("have a 64F Ó Dubhshláine with ongoing pain", ["Ó Dubhshláine"]),
        ("NEED CARDS TO SEE NÍ BHRAONÁIN IN BAY 3", ["NÍ BHRAONÁIN"]),
        ("Torsades de Pointes on the monitor, Tetralogy of Fallot repaired", []),
        ("Seen in March de Novo lesion", []),
        # --- invalid: initials in clinical text, lists of drugs, nursing abbreviations after a comma
        ("Vitamin D. Patient stable. Hepatitis B. Flu shot given. Type A. Dissection repaired.", []),
        ("s/p CABG x3. Swan D. Foley in place.", []),
        ("Type A Dissection repaired. Vitamin D Level low. Factor V Leiden. Plan B Discussed.", []),
        # without case, an inverted pair in a handoff or worklist: before an age and sex, a date or a device
        ("SIGN OUT: BRANDAO, TIAGO - 71M POD2 CABG X4", ["BRANDAO, TIAGO"]),
        ("PACEMAKER CHECK RAJAN, DEVIKA JUNE 2023", ["RAJAN, DEVIKA"]),
        ("ICU HANDOFF: KOVACS, ZSOLT IABP 1:1, MAP 68", ["KOVACS, ZSOLT"]),
        ("CHECK LYTES, REPLETE K. ECHO: EF, LVEF 35.", []),
        # between chart places, a given name English uses only as a name lets the surname be a word or unlisted
        ("PHONE SCREEN 4/2/25: STRONG, KATHERINE, AGE 88, NOT ELIGIBLE.", ["STRONG, KATHERINE"]),
        ("PAYER FORM FOR LINDQVIST, MARGARET, SSN 123-45-6789", ["LINDQVIST, MARGARET"]),
        ("PLAN: REST, HOPE, AND FLUIDS.", []),  # a given name English uses as a word
        # without case, the study that opens a worklist line is no given name
        ("echo ottavio r. lanzoni 6/19/20", ["ottavio r. lanzoni"]),
        ("CATH LAB REQUEST: HEART CATH, LEDOUX, RAYMOND, MR# 83139501", ["LEDOUX, RAYMOND"]),  # pairs overlap
        ("pt a ox3, mae, follows commands", []),
        ("Lasix, Coumadin, Heparin.", []),
        ("SEDATED FOR A SHORT PERIOD, MAE, NODS HEAD.", []),
        ("Yesterday, Mary called.", []),
        ("gi-ogt, hypobsds, softly distended. replete k. begin tpn this eve.", []),
        ("NEURO - ALERT, ORIENTED - MAE. RESP - CLEAR, DIMINISHED - BASES", []),
    ],
)
def test_name_shape_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
