"""CredentialedNameRecognizer: names signed with a credential ("Marisol Quintero, MD", "T. Okonkwo, MD")."""

import pytest

from deid.recognizers.credentialed_name_recognizer import CredentialedNameRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return CredentialedNameRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # a role in parentheses
        ("PLAN INCLUDES CT GUIDED TAP...OSEI BRANTLEY (RESIDENT) WORKING ON IT.", ["OSEI BRANTLEY"]),
        ("Discussed with Osei Brant (fellow) today.", ["Osei Brant"]),
        ("CXR (PA) clear. Pain (md aware), sats (rn notified).", []),
        # a trainee's year or a role after a comma
        ("Does it need a 36 hour washout? - Quinten, PGY2", ["Quinten"]),
        ("Hgb stable at 8.9. - Gaurav, hospitalist", ["Gaurav"]),
        ("Plan discussed with team, resident aware. HR 80s, intern notified.", []),
        # signatures, with and without the comma
        ("Marisol Quintero, MD", ["Marisol Quintero"]),
        ("Henrietta Marlowe, RN", ["Henrietta Marlowe"]),
        ("T. Okonkwo, MD", ["T. Okonkwo"]),
        # lower-case notes sign off in lower case, initial included
        ("all quiet overnight. m. delacourt rrt\n", ["m. delacourt"]),
        ("given q.4h per protocol.", []),
        # ALL-CAPS sign-off without a comma: any word that is not everyday English is a name part
        ("NEBS GIVEN, BREATH SOUNDS CLEARER. Q. ZDRAVKOS RRT", ["Q. ZDRAVKOS"]),
        ("SPUTUM SUCTIONED. WILL FOLLOW RRT", []),
        # a line holding only a name and a credential signs the note, whatever words the name uses
        ("MDI'S GIVEN.\n\n KORVA C. POLLEN, RRT\n", ["KORVA C. POLLEN"]),
        ("Vent weaned.\nCommon Quillard RN\n", ["Common Quillard"]),
        ("Plan reviewed with team.\nPain Management RN\nNeuro Checks Q1H RN\n", []),  # no word looks like a name
        ("WEANED TO 3 LITERS NP, SATS STABLE", []),                   # a quantity, then nasal prongs
        # a credential mid-sentence when the clinician is told or called
        ("ci<2.0. zoravel quibbing np aware. 1u prbc given", ["zoravel quibbing"]),
        ("ZORAVEL QUIBBING NP INTO EVAL.", ["ZORAVEL QUIBBING"]),
        ("HOUSE OFFICER AND NP AWARE.", []),
        ("MD AWARE OF BP.", []),
        ("Odessa Farnsworth,RN", ["Odessa Farnsworth"]),
        ("Desmond Achterberg MD", ["Desmond Achterberg"]),
        ("Priya Raman, PA-C", ["Priya Raman"]),
        ("Bartholomew Quince, NP", ["Bartholomew Quince"]),
        ("Note by Odalys Fenwick, PharmD.", ["Odalys Fenwick"]),
        ("Cosigned: Ignatius Pemberton MD, FACC", ["Ignatius Pemberton"]),
        # ALL CAPS signatures
        ("H. WOJCIECHOWSKA, RN", ["H. WOJCIECHOWSKA"]),
        ("HENRIETTA MARLOWE, RN", ["HENRIETTA MARLOWE"]),
        # --- invalid: credentials used as nouns, ambiguous abbreviations
        ("MD AWARE OF LABS.", []),
        ("PATIENT SEEN, MD AWARE.", []),
        ("Discussed with MD on call.", []),
        ("RN notified.", []),
        ("Plan discussed with the RN.", []),
        ("Reviewed with PT and OT.", []),
        ("Seen by PT today.", []),
        ("AF, MD aware.", []),
        ("ECHO TECH RN", []),
    ],
)
def test_credentialed_name_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


def test_long_run_of_spaces_returns(recognizer):
    # this took minutes (catastrophic backtracking over the spaces before a credential);
    # no time is asserted, a regression shows as a visibly slow or hanging test
    assert recognizer.analyze("Plan:" + " " * 20_000 + "continue Lasix.") == []


def test_name_after_a_long_run_of_spaces_is_still_found(recognizer):
    text = "Plan:" + " " * 3_500 + "continue Lasix. Odalys Fenwick, MD"
    assert_recognizer_finds(recognizer, text, ["Odalys Fenwick"])
