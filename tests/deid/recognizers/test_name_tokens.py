"""NameEvidence: the shared judgement of whether a word can be part of a name."""

import pytest

from presidio_analyzer import RecognizerResult

from deid.recognizers.base import TextView
from deid.recognizers.name_tokens import NameEvidence, adjoining_name_words, coordinated_names, name_words_after


@pytest.fixture(scope="module")
def evidence(lexicons):
    return NameEvidence(lexicons)


@pytest.mark.parametrize("word", ["EXTUBATION", "sedated", "thoracotomy", "bacteremia", "TOLERATING"])
def test_words_with_clinical_endings_are_never_names(evidence, word):
    assert evidence.is_excluded(word)


@pytest.mark.parametrize("word", ["Keating", "Quintero", "Okonkwo", "Whitfield", "Paviolitis"])
def test_listed_and_ordinary_names_are_not_excluded_for_their_ending(evidence, word):
    assert not evidence.is_excluded(word)


def test_a_title_does_not_make_a_procedure_a_name(evidence):
    text = "MS. TOLERATING EXTUBATION."
    assert name_words_after(text, len("MS. "), evidence, cased=False, strong=True) is None


def test_after_a_title_a_rare_second_word_in_lower_case_goes_on_the_name(evidence):
    text = "pt of dr. ravensby quillfeather. allergies: none"
    start = text.index("ravensby")
    assert name_words_after(text, start, evidence, cased=False, strong=True) == (start, text.index(". allergies"))


def test_a_contraction_ends_the_name(evidence):
    text = "mrs. quillfeather con't to be sedated"
    start = text.index("quillfeather")
    assert name_words_after(text, start, evidence, cased=False, strong=True) == (start, start + len("quillfeather"))


@pytest.mark.parametrize("word", ["works", "lives", "working"])
def test_verbs_that_follow_a_relation_are_not_names(evidence, word):
    assert evidence.is_excluded(word)   # "Wife works in ...", "Son lives nearby"


def test_in_a_caseless_note_a_rare_word_continues_a_name_but_not_a_misspelt_verb(evidence):
    text = "md will call son bueler vrenchak regarding drainage"
    start = text.index("bueler")
    assert name_words_after(text, start, evidence, cased=False) == (start, text.index(" regarding"))
    text = "DR QUILLFEATHER NOTIFED AND PT GIVEN 1MG"
    start = text.index("QUILLFEATHER")
    assert name_words_after(text, start, evidence, cased=False, strong=True) == (start, start + len("QUILLFEATHER"))


def _person(start: int, end: int) -> RecognizerResult:
    return RecognizerResult("PERSON", start, end, 0.9)


@pytest.mark.parametrize(
    "text, first, expected",
    [
        ("Seen by Dr. Quintero and Vantongeren today.", "Quintero", ["Vantongeren"]),
        ("Drs. Eklund, Ferraby and Oyelaran agree.", "Eklund", ["Ferraby", "Oyelaran"]),
        ("son kyle and ellery visited", "kyle", ["ellery"]),
        # inside a list, its last name after a comma alone
        ("Recall list: Ferraby, Oyelaran, Vantongeren - device advisory", "Ferraby", ["Oyelaran", "Vantongeren"]),
        # --- invalid: a credential or a service after a comma, roles and relations after "and"
        ("ROBERT V. DEGRASSE, RRT", "ROBERT V. DEGRASSE", []),
        ("Dr. Quintero, Cardiology and Renal following.", "Quintero", []),
        ("Mr. Thistlewood and wife at bedside.", "Thistlewood", []),
        ("DR THISTLEWOOD AND RN AWARE OF LABS.", "THISTLEWOOD", []),
    ],
)
def test_names_listed_after_a_confident_name(evidence, text, first, expected):
    start = text.index(first)
    found = coordinated_names(text, [_person(start, start + len(first))], evidence, cased=not text.isupper()
                              and not text.islower())
    assert [text[r.start:r.end] for r in found] == expected


@pytest.mark.parametrize(
    "text, part, expected",
    [
        # a given name or a surname beside the part found, with particles between
        ("schedule Allen Payne for stress echo", "Payne", ["Allen Payne"]),     # a curated eponym as a given name
        ("my mother Mufit Erdogan is 91", "Mufit", ["Mufit Erdogan"]),           # a rare word after it
        ("Hi, Melissa van Susa here again.", "Susa", ["Melissa van Susa"]),
        ("Ok to restart Plavix for Glenn Reeves 48h after the bleed?", "Reeves", ["Glenn Reeves"]),
        # surname particles join in any case: those before the part, and the word after a particle
        ("Peds cardiology q: Joost van Hemert, 6 mo, VSD", "Hemert", ["Joost van Hemert"]),
        ("have a 64F O Lonargain with ongoing pain", "Lonargain", ["O Lonargain"]),
        ("my brother nico van der hulsbeek had an mi", "nico", ["nico van der hulsbeek"]),
        ("PLEASE CALL MARCO DA SILVEIRA BACK AT 555-0100", "MARCO", ["MARCO DA SILVEIRA"]),
        ("NEED CARDS TO SEE PETER Ó LORCÁIN IN BAY 3", "Ó LORCÁIN", ["PETER Ó LORCÁIN"]),
        ("pt da Smith de novo lesion", "Smith", ["da Smith"]),               # not "de novo": a clinical word
        # after a given name, a surname English also uses, curated or not, past a middle initial or before a possessive
        ("Sending this for my aunt. - Joseph White", "Joseph", ["Joseph White"]),
        ("Patient Joseph Ho may shower after the ICD", "Joseph", ["Joseph Ho"]),
        ("Pharmacist here - Wanda T. French picked up dofetilide", "Wanda", ["Wanda T. French"]),
        ("Triage call from Gloria Bell's daughter, HR 40s", "Gloria", ["Gloria Bell's"]),
        ("Joseph Holter shows NSR", "Joseph", []),                          # a device said alone
        ("karyotype for Joseph Turner syndrome", "Joseph", []),           # an eponym's own noun follows
        ("Seen by Olumide Stokes today", "Olumide", []),                    # no Census given name before it
        # a caseless query: Census names and words rare in English join, a curated term only after a given name
        ("CHECK TEODORO MEDINA RUIZ 63-459-03138 POTASSIUM", "TEODORO MEDINA", ["TEODORO MEDINA RUIZ"]),
        ("CALL ME BACK. HANS-GUNTHER HECKER (553) 273-4750", "HECKER", ["HANS-GUNTHER HECKER"]),
        ("NEED CARDS TO SEE DONALD WILLIAMS IN ED BAY 3", "DONALD", ["DONALD WILLIAMS"]),
        ("hi my husbnd jon is having chest pain", "jon", []),                   # a misspelt word
        ("daughter of rodrigo pirelli here, pls cancel her echo", "rodrigo", ["rodrigo pirelli"]),  # English knows it a little
        ("son of rodrigo sputtering here", "rodrigo", []),                        # ... not a verb form
        ("my name richard brown phone 555 0100", "richard", ["richard brown"]),  # after a given name, a common surname
        ("PT RAY NEEDS STAT ECHO", "RAY", []),                                    # a verb the Census lists
        ("pls confirm mary jones appt tmrw", "mary jones", []),                    # chat's abbreviations
        ("CHECK JOHN TOWNSEND 9076730", "JOHN TOWNSEND", []),                      # nor the word before
        # --- invalid: clinical words, months, abbreviations and curated terms after the name
        ("Ask Okafor Holter results Tuesday", "Okafor", []),
        ("Seen by Okafor Monday, EKG Amiodarone", "Okafor", []),
        ("Okafor ECG today, Okafor Cardiology", "Okafor", []),
        ("PT OKAFOR HOLTER", "OKAFOR", []),                                      # no case to go by
    ],
)
def test_name_words_adjoining_a_name_part(evidence, text, part, expected):
    start = text.index(part)
    found = adjoining_name_words(text, [_person(start, start + len(part))], evidence, cased=TextView.of(text).cased)
    assert [text[r.start:r.end] for r in found] == expected


_LOWER_TAIL = " resp: lungs clear, sats in the high nineties on two liters by nasal cannula overnight, no distress."


@pytest.mark.parametrize(
    "text, part, expected",
    [
        ("npn 7p-7a:\nQuillon Vrabosz arrived in micu at 11pm." + _LOWER_TAIL, "Vrabosz", ["Quillon Vrabosz"]),
        ("family: proxy is grandaughter: Quillon Snowman- 555-0100." + _LOWER_TAIL, "Quillon", ["Quillon Snowman"]),
        ("pt comfortable. Quillon Lasix given at 10pm." + _LOWER_TAIL, "Quillon", []),         # a drug is no name
    ],
)
def test_a_lower_case_notes_capitalised_words_adjoin_a_name(evidence, text, part, expected):
    view = TextView.of(text)
    assert not view.cased and view.mostly_lower
    start = text.index(part)
    found = adjoining_name_words(text, [_person(start, start + len(part))], evidence, cased=False, mostly_lower=True)
    assert [text[r.start:r.end] for r in found] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Thistlewood quarrington is a 70 y/o man with CAD", "Thistlewood quarrington"),  # a surname typed small
        ("Mr. Thistlewood today is calm", "Thistlewood"),                  # an everyday word
        ("Mr. Thistlewood quarrington. Plan: echo", "Thistlewood"),        # the sentence ends
    ],
)
def test_after_a_title_a_surname_typed_in_lower_case_before_the_sentence_goes_on(evidence, text, expected):
    start = text.index("Thistlewood")
    span = name_words_after(text, start, evidence, cased=True, strong=True)
    assert text[span[0]:span[1]] == expected


@pytest.mark.parametrize(
    "word, unknown",
    [
        ("Vrabosz", True), ("Braskovy's", True), ("Quellhausen", True),
        ("patient", False), ("Paitent", False),        # English, and English with two letters swapped
        ("Metaumcil", False), ("Integrilihn", False), ("Trendelenberg", False),  # medical words misspelt
        ("Aftr", False),                               # a common word missing a letter
        ("Metoprolal", False), ("Trached", False),     # a drug stem, a charting verb
        ("Holter", False), ("Ohio", False),            # clinical vocabulary, a state
        ("housestaff", False),                         # two words run together
    ],
)
def test_unknown_word(evidence, word, unknown):
    assert evidence.unknown_word(word) is unknown


@pytest.mark.parametrize(
    "text, part, expected",
    [
        ("Ok to restart Plavix for Glenn Reeves 48h after the bleed?", "Reeves", ["Glenn Reeves"]),  # a given name
        ("Per Cardiology Payne called back", "Payne", []),        # a capitalised word, but no given name
        ("Ask Mufit Erdogan today", "Mufit", []),                 # nothing after a weak part
    ],
)
def test_a_weak_name_part_takes_only_a_given_name_before_it(evidence, text, part, expected):
    start = text.index(part)
    weak = RecognizerResult("PERSON", start, start + len(part), 0.5)
    found = adjoining_name_words(text, [weak], evidence, cased=TextView.of(text).cased)
    assert [text[r.start:r.end] for r in found] == expected
