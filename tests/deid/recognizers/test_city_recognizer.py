"""CityRecognizer: US cities, towns and counties used as places; states and clinical words stay."""

import pytest

from deid.recognizers.city_recognizer import CityRecognizer
from tests.deid.assertions import assert_entities, assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return CityRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # a place cue before the city
        ("Lives in Hagerstown with her son.", ["Hagerstown"]),
        ("Visiting from Catonsville for the holidays.", ["Catonsville"]),
        ("Resides in Ellicott City.", ["Ellicott City"]),
        ("Lives in Essex County.", ["Essex"]),
        # a state after the city
        ("Grew up in Frederick, MD.", ["Frederick"]),
        ("He lives in Columbia, MD.", ["Columbia"]),
        ("Drove from Annapolis, Maryland.", ["Annapolis"]),
        ("Returned from Scranton, PA.", ["Scranton"]),
        ("Moved to Wilmington, Delaware.", ["Wilmington"]),
        ("Lives in Hagerstown, MD 21740.", ["Hagerstown"]),
        # ALL CAPS and lower-case notes
        ("LIVES IN TOWSON.", ["TOWSON"]),
        ("lives in hagerstown.", ["hagerstown"]),
        ("lives in Catonsville", ["Catonsville"]),
        # --- invalid: states are not PHI under Safe Harbor
        ("Moved to Florida.", []),
        ("Lives in Maryland.", []),
        ("Patient from Virginia.", []),
        ("Lives in Pennsylvania.", []),
        ("Moved to Texas.", []),
        ("LIVES IN OHIO.", []),
        # --- invalid: countries are not PHI either
        ("Visiting from Mexico.", []),
        ("Visiting from Germany for the holidays.", []),
        # --- invalid: clinical and ordinary words that are also small towns
        ("Echo showed normal LV size.", []),
        ("Trace MR noted.", []),
        ("Pain in chest.", []),
        ("Normal sinus rhythm.", []),
        ("Wears a Holter.", []),
        ("The Bruce protocol.", []),
        ("Able to converse in full sentences.", []),
        ("ABLE TO CONVERSE, NO DISTRESS.", []),
        ("Plan to return in two weeks.", []),
        ("Mild edema in both legs.", []),
    ],
)
def test_city_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


@pytest.mark.parametrize("text", ["Lives in Pennsylvania.", "Moved to Texas.", "Visiting from Mexico.",
                                  "Visiting from Germany for the holidays."])
def test_states_and_countries_are_not_places_for_the_engine(engine, text):
    assert engine.analyze(text) == []


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # a city abroad of 100,000 people or more, after a place cue, in any case
        ("Transferred from Guadalajara after primary PCI.", ["Guadalajara"]),
        ("pt visiting from lyon, ran out of apixaban", ["lyon"]),
        ("Moved to Toronto last year.", ["Toronto"]),  # a city of millions is as famous as a word is common
        # not a word English uses often, a given name, or an eponym before its noun; nothing without a cue
        ("went to Split for the summer; family from Nancy visited", []),
        ("GCS: from Glasgow coma scale 15", []),
        ("Guadalajara is hot.", []),
    ],
)
def test_world_cities(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


def test_a_world_city_the_terminology_lists_is_still_a_place(engine, lexicons):
    assert lexicons.is_clinical("bordeaux")  # the medical vocabulary holds it (a wine, a mixture)
    text = "Referred from Bordeaux, previous MI, stents x2"
    assert [(text[s.start:s.end], s.label) for s in engine.analyze(text)] == [("Bordeaux", "CITY")]


def test_city_label(recognizer):
    assert_entities(recognizer, "Lives in Hagerstown.", [("Hagerstown", "CITY")])


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # GeoNames lists only "North Druid Hills": the town itself is a place too
        ("Her son moved last year to Druid Hills with his family.", ["Druid Hills"]),
        ("SON DRIVES IN FROM DRUID HILLS DAILY.", ["DRUID HILLS"]),
        # --- invalid: a common word left after the direction is not a town
        ("Pain radiates to the west side of the chest.", []),
        ("Transferred to the south unit.", []),
        ("Heights of 5 ft in the park.", []),
    ],
)
def test_towns_split_by_direction(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        ("SON DROVE UP FROM THE WESTERN SHORE TODAY.", ["WESTERN SHORE"]),
        ("Daughter drove in from the north shore.", ["north shore"]),
        # --- invalid: directions in the body
        ("Pain on the east side of the chest.", []),
        ("Shore up the dressing on the west wall.", []),
    ],
)
def test_shore_regions(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
