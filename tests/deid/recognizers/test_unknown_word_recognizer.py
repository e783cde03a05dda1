"""UnknownWordRecognizer: in a mixed-case one-line query, a capitalised word no dictionary knows
is a person or a place ("a Holter for Vrabosz in 1978?"), unless it is clinical or misspelt."""

import pytest

from deid.recognizers.unknown_word_recognizer import UnknownWordRecognizer
from tests.deid.assertions import assert_recognizer_finds, outermost


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return UnknownWordRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        ("Was there a Holter for Vrabosz in 1978? Old chart in storage.", ["Vrabosz"]),
        ("Vrabosz needs echo + Holter same day, prefers mornings.", ["Vrabosz"]),
        # the capitalised name words beside it, with their particles
        ("Chaplain asked to see Gideon van Throstrup in CCU bed 3.", ["Gideon van Throstrup"]),
        ("Can you add Hildur Q. Snaebrandt to the Friday cath list?", ["Hildur Q. Snaebrandt"]),
        ("Question from Ottoline Braskovy's carer: weight up 4 kg. Extra dose?", ["Ottoline Braskovy"]),
        # --- invalid: clinical words, misspellings, drug stems, charting verbs, inner capitals
        ("Is Metoprolal ok with Apixiban? Or Entresto?", []),
        ("Diurese with IV Lasix 80 mg BID? Then Uptitrate Coreg?", []),
        ("Pt weaned to PSV. Paitent Trached yesterday, Integrilihn stopped.", []),
        ("Check the CardioMEMS reading and the Kommerell diverticulum on CT?", []),
        ("Is the Sgarbossa criterion met with a Fridericia QTc of 480?", []),
        ("Texas or Ohio for the TAVR?", []),  # states are not PHI
        ("Plan: check the ECG on Vrabosz?\nCont heparin.", []),  # a note, not a query
        ("WAS THERE A HOLTER FOR VRABOSZ IN 1978?", []),  # no case to go by
        # without case, only a place slot tells
        ("ETA 15 MIN FROM QUELLHAUSEN, ANTERIOR STEMI", ["QUELLHAUSEN"]),
        ("ETA 15 MIN FROM TRELLEBORG", ["TRELLEBORG"]),  # a long town name English has seen a little
        ("PHARMACY IN KATHLEENSHIRE SAYS IT NEEDS PRIOR AUTH", ["KATHLEENSHIRE"]),  # two words, a town's ending
        ("the pt from mckenzieside wants his ekg sent", ["mckenzieside"]),
        ("TRANSFERRED TO STEPDOWN, BACK FROM SIDELINE. PT IN BEDSIDE", []),
        ("TRANSFERRED FROM CATHETERIZATION LAB, WEANED FROM NITROPRUSSIDE", []),
        ("PT PLACED IN TRENDELENBERG, TO CSRU, LS COARSE TO RHONCHEROUS", []),
    ],
)
def test_unknown_word_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


@pytest.mark.parametrize(
    "text, word, label",
    [
        ("Family en route from Quellhausen, arriving tonight.", "Quellhausen", "CITY"),
        ("Was there a Holter for Vrabosz in 1978?", "Vrabosz", "PERSON"),
        ("Question from Braskovy's carer: weight up", "Braskovy", "PERSON"),  # a possessive is a person's
    ],
)
def test_unknown_word_labels(recognizer, text, word, label):
    assert [(text[r.start:r.end], r.entity_type) for r in outermost(recognizer.analyze(text))] == [(word, label)]
