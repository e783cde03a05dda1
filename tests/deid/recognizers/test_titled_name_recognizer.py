"""TitledNameRecognizer: names after a title or role ("Dr. Quintero", "dr thistlewood", "Mrs. Thornbury")."""

import pytest

from deid.recognizers.titled_name_recognizer import TitledNameRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return TitledNameRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # titles in mixed case: the title stays, the name words go
        ("BP soft. Dr. o malley and Dr. Vrenchak at bedside.", ["o malley", "Vrenchak"]),  # a particle written apart
        # a surname that starts with a letter outside ASCII, or with its particle
        ("Hi, this message is for Dr. Ó Comhrann about the echo.", ["Ó Comhrann"]),
        ("MRS JONES HOLTER MONITOR CAME OFF", ["JONES"]),  # "Mrs" is no valve: a common surname after it
        # one of our terms goes on a titled name only after a given name (not one that ranks higher as a surname)
        ("Dr. Patel Holter results are back; Dr Kim Echo read pending.", ["Patel", "Kim"]),
        ("Dr. John Foley called.", ["John Foley"]),
        ("My old cardiologist was Mrs. Ó Glenvarra at the clinic.", ["Ó Glenvarra"]),
        ("Echo appt prof. Çelikbrand March 28.", ["Çelikbrand"]),
        ("seen by dr d angelo today", ["d angelo"]),
        ("Rate 130s. Dr. o umbel and Dr. Vantongeren in room.", ["o umbel", "Vantongeren"]),  # lower case after it
        ("Discussed with Dr. Marisol Quintero today.", ["Marisol Quintero"]),
        ("Seen by Dr. Quintero in clinic.", ["Quintero"]),
        ("Mrs. Thornbury is resting comfortably.", ["Thornbury"]),
        ("Mr. Thistlewood declined the stent.", ["Thistlewood"]),
        ("Ms. Vantongeren called back.", ["Vantongeren"]),
        ("Patient seen by Doctor Feldspar.", ["Feldspar"]),
        ("Spoke with Dr. O'Malley about the echo.", ["O'Malley"]),
        ("Dr. Garcia-Lopez consulted.", ["Garcia-Lopez"]),
        ("Dr. Ng saw him.", ["Ng"]),
        ("Mr. and Mrs. Pemberton at bedside.", ["Pemberton"]),
        # spelt as a title, "Mr." / "Mrs." is followed by a surname even if it is an English word
        ("Overnight Mr. Bishopsgate was calmer. Mrs. Garden visited.", ["Bishopsgate", "Garden"]),
        ("pt calmer overnight. mr. Bishopsgate slept well, family aware.", ["Bishopsgate"]),
        ("Dr. Ng and Dr. Okonkwo agree.", ["Ng", "Okonkwo"]),
        ("Miss Fitzgerald wants surgery, is she too old?", ["Fitzgerald"]),   # "Miss" spelt as a title
        ("they said call miss garcia?? idk", ["garcia"]),                     # lower case: a name more than a word
        # capitalised after a title, a surname English also uses otherwise
        ("My old cardiologist was Dr May at the clinic.", ["May"]),
        ("Could Dr. English look at the echo?", ["English"]),
        ("Dr. Quintero ordered an echo.", ["Quintero"]),  # "or" of "ordered" joins nothing
        ("Dr. Marisol de la Torre saw her; Dr. Vantongeren de novo lesion.", ["Marisol de la Torre", "Vantongeren"]),
        # an eponym-looking word after a title is a person ("Dr. Foley")
        ("Dr. Foley placed the line.", ["Foley"]),
        # roles followed by a name
        ("Discussed with NP Delacroix.", ["Delacroix"]),
        ("Attending Dr. Okonkwo aware.", ["Okonkwo"]),
        # lower case and ALL CAPS
        ("Referred by dr. quintero for syncope.", ["quintero"]),
        ("seen by dr thistlewood this am.", ["thistlewood"]),
        ("DR. THISTLEWOOD AWARE OF LABS.", ["THISTLEWOOD"]),
        ("DR. THISTLEWOOD HOLTER READ PENDING.", ["THISTLEWOOD"]),  # without case, no curated term joins a surname
        ("DR. JOHN FOLEY SAW PT.", ["JOHN FOLEY"]),                # after a given name it may
        ("F/U WITH DR THISTLEWOOD.", ["THISTLEWOOD"]),
        # --- invalid: a title or role with no name after it
        ("Attending aware of the labs.", []),
        ("Dr. aware of potassium.", []),
        ("Fellow notified.", []),
        ("Seen by cardiology fellow.", []),
        ("RN notified of K 3.2.", []),
        ("Nurse at bedside.", []),
        ("Foley placed by nursing.", []),
        ("MS INTACT, ALERT AND ORIENTED.", []),
        ("Severe MR. Sports physicals deferred.", []),  # MR is the valve, not the title
        ("Mr. The rest of the plan is unchanged.", []),
        ("pt calmer overnight. trace ms. Pt slept well, family aware.", []),
        ("do not miss doses of eliquis", []),                                  # "miss" the verb
    ],
)
def test_titled_name_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # forms and chats announce names
        ("Name:    Oriana B Castellanos\nAddress: on file", ["Oriana B Castellanos"]),
        ("What's your last name? Vantongeren", ["Vantongeren"]),
        ("voicemail: hi yeah um this is benjamin tran um calling", ["benjamin tran"]),  # a speaker's filler is no name
        # a lone capital is not a name
        ("Plan A for the patient.", []),
    ],
)
def test_announced_names(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # a Census surname that spaCy lists as a stop word is still the surname after "dr."
        ("bronched by dr. whereupon .combivent q4h.", ["whereupon"]),
        ("Pt seen by Dr. whereupon this am.", ["whereupon"]),
        # --- invalid: true function words after "dr" stay
        ("dr. none aware of labs.", []),
        ("per dr. the plan is unchanged", []),
    ],
)
def test_stop_word_surnames_after_dr(lexicons, text, expected_texts):
    import dataclasses

    from spacy.lang.en.stop_words import STOP_WORDS

    assert "whereupon" in STOP_WORDS  # an invented surname from the stop-word list
    surnamed = dataclasses.replace(lexicons, last_names={**lexicons.last_names, "whereupon": 88_000})
    assert_recognizer_finds(TitledNameRecognizer(surnamed), text, expected_texts)
