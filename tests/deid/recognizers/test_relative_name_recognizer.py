"""RelativeNameRecognizer: relatives and contacts ("husband Tobias", "dtr lucinda", "Tobias (husband)")."""

import pytest

from deid.recognizers.relative_name_recognizer import RelativeNameRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return RelativeNameRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # relation before the name
        ("Lives with husband Tobias.", ["Tobias"]),
        ("Wife Georgina at bedside.", ["Georgina"]),
        ("Son Everett Fairweather will drive him home.", ["Everett Fairweather"]),
        ("Spoke with daughter, Priyanka, by phone.", ["Priyanka"]),
        ("Her sister Gwendolyn visited.", ["Gwendolyn"]),
        ("HCP is nephew Bartholomew.", ["Bartholomew"]),
        ("Daughter is Mrs. Carlson.", ["Carlson"]),
        ("son named Cornelius visits daily.", ["Cornelius"]),
        # "daughter of X", and a name owning the relation
        ("Message from Wani (daughter of Santoso): dad is dizzy", ["Santoso"]),
        ("voicemail: this is amber, miller's daughter, dad's legs are red", ["miller"]),
        ("patient's daughter called; Monday's friend; the doctor's wife", []),
        ("Spoke with granddaughter Anneliese.", ["Anneliese"]),
        ("proxy is grandaughter: Theodora", ["Theodora"]),          # the common misspelling
        ("Question from Tatiana's carer: is the extra dose ok?", ["Tatiana"]),
        ("social: son swede called twice for updates.", ["swede"]),   # an English word short of a commoner one
        # without case, how a relative is rather than who: a rare word ending like an adjective or verb form
        ("pt resting. husband tearful has many questions. wife and husband vistited.", []),
        ("pt resting. husband torvish called.", ["torvish"]),
        # before a visitor's verb, also a rare word that reads as a plural ("bitter" + s), as surnames do
        ("social: son bitters called for update.", ["bitters"]),
        ("social: son pressures called, daughter meds visited", []),
        ("SOCIAL: SPOKE WITH DAUGHTER QUELLARD ON PHONE TODAY. son very aware, daughter also updated", ["QUELLARD"]),
        ("social: son realy called for updates.", []),               # a typo of an everyday word
        ("Proxy is her niece Philippa Ashcombe.", ["Philippa Ashcombe"]),
        # lower case and ALL CAPS notes
        ("dtr lucinda called, updated.", ["lucinda"]),
        ("pt's son desmond at bedside.", ["desmond"]),
        ("husband desmond updated by phone.", ["desmond"]),
        ("wife henrietta at bedside.", ["henrietta"]),
        ("WIFE HENRIETTA AT BEDSIDE.", ["HENRIETTA"]),
        ("DAUGHTER IS MRS. HOLLOWAY.", ["HOLLOWAY"]),
        # a caseless query's relation names a person with a word as common as "marika", not a verb or a typo
        ("my dad marika simpson has a heart cath tomorow", ["marika"]),  # (the engine adds the surname)
        ("my mom fainted today, bp 80/50", []),
        # relation after the name
        ("Tobias (husband) at bedside.", ["Tobias"]),
        ("Desmond Wojcik (son) is HCP.", ["Desmond Wojcik"]),
        ("My father-in-law Anvi Rajagopalan lives with us.", ["Anvi Rajagopalan"]),
        ("Can my teenager Gopal get the flu shot?", ["Gopal"]),
        ("hi my husbnd aristide has chest pain", ["aristide"]),
        ("SOCIAL: wife(?) Quarello in to visit, seems very devoted.", ["Quarello"]),
        ("husband tobias android tablet at bedside", ["tobias"]),  # "and" of "android" joins nothing
        # a name said to hold a contact role
        ("Family in overnight. Ilsabet is the family contact.", ["Ilsabet"]),
        ("WENDELL IS PTS HCP.", ["WENDELL"]),
        # between a relation and what visitors do, a word English uses rarely, in lower case too
        ("Social: son caspian called for update. His son, ignatius, visited.", ["caspian", "ignatius"]),
        ("son finally called. son also visited. daughter just called. wife frequently called.", []),
        # without case, a curated eponym that is a Census name names a relative, unless its noun follows
        ("my husbnd blake is 91. son allen called.", ["blake", "allen"]),
        ("son blake drain output. wife allen test. husband foley", []),
        ("hi dr this is tyler johnsons wife, his site is red", ["tyler johnson"]),  # a possessive without apostrophe
        ("the patients wife called. his sons wife. my friends wife. the doctors wife.", []),
        # --- invalid: relations without a name, family history
        ("Daughter at bedside.", []),
        ("Husband updated on plan.", []),
        ("Wife aware of plan.", []),
        ("Son will call tomorrow.", []),
        ("dtr called, updated.", []),
        ("Family meeting with daughter and son.", []),
        ("Mother had MI at 50.", []),
        ("Father with CAD.", []),
        ("Brother died of SCD.", []),
        ("Sister with HCM.", []),
        ("Daughter in law brought meds.", []),
        ("Daughter is HCP. Son is the family contact.", []),
        ("This is her proxy.", []),
    ],
)
def test_relative_name_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
