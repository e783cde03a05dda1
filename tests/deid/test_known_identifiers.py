"""Known identifiers of the patient are found in any spelling, and none survives (``residual``)."""

import pytest
import regex

from deid import Document, KnownIdentifiers
from deid.known_identifiers import residual_identifiers

KNOWN = KnownIdentifiers(
    names=("Ambrose Fairweather",),
    identifiers=("7730-1182",),
    phones=("(410) 555-0166",),
    addresses=("17 Quillfeather Lane",),
)


@pytest.mark.parametrize(
    "text, originals",
    [
        ("Patient: Ambrose Fairweather, 81M.", ["Ambrose", "Fairweather"]),
        ("Fairweather, Ambrose is followed in clinic.", ["Ambrose", "Fairweather"]),
        ("Seen with A. Fairweather's wife.", ["Fairweather"]),
        ("FAIRWEATHER, A. SEEN TODAY.", ["FAIRWEATHER"]),
        ("AMBROSE FAIRWEATHER RESTING.", ["AMBROSE", "FAIRWEATHER"]),
        ("ambrose feels better today.", ["ambrose"]),
        ("The patient, Fairweather, declined.", ["Fairweather"]),
        ("Record 77301182 reviewed.", ["77301182"]),
        ("Record 7730 1182 reviewed.", ["7730 1182"]),
        ("Call 410.555.0166 after 5.", ["410.555.0166"]),
        ("Call 4105550166 after 5.", ["4105550166"]),
        ("Lives at 17 Quillfeather Ln. with wife.", ["Quillfeather"]),
        ("LIVES AT 17 QUILLFEATHER LANE.", ["QUILLFEATHER"]),
    ],
)
def test_known_identifiers_found_in_variants(engine, lexicons, text, originals):
    result = engine.deidentify(Document("known", text, "patient-known", KNOWN))
    for original in originals:
        assert original.lower() not in result.text.lower(), original
    assert result.residual == []
    assert residual_identifiers(result.text, KNOWN, lexicons) == []


def test_residual_reports_survivors_without_their_value(lexicons):
    text = "Ambrose Fairweather, MRN 7730-1182, phone 410 555 0166."
    found = residual_identifiers(text, KNOWN, lexicons)
    assert {f["kind"] for f in found} == {"PERSON", "ID", "PHONE"}
    flat = repr(found)
    for value in ("Ambrose", "Fairweather", "7730", "1182", "0166"):
        assert value not in flat
    assert all(isinstance(f["start"], int) for f in found)


def test_known_identifiers_round_trip_from_dict():
    data = {"names": ["Ambrose Fairweather"], "identifiers": ["7730-1182"], "phones": ["(410) 555-0166"],
            "addresses": ["17 Quillfeather Lane"], "birth_dates": ["1941-02-03"]}
    known = KnownIdentifiers.from_dict(data)
    assert known.names == ("Ambrose Fairweather",)
    assert known.birth_dates[0].isoformat() == "1941-02-03"
    assert known and not KnownIdentifiers.from_dict(None)


def test_known_birth_date_is_found(engine):
    known = KnownIdentifiers(birth_dates=KnownIdentifiers.from_dict({"birth_dates": ["1941-02-03"]}).birth_dates)
    text = "DOB: February 3, 1941. Also written 2/3/41 and 1941-02-03."
    result = engine.deidentify(Document("dob", text, "patient-dob", known))
    assert result.residual == []
    assert not regex.search(r"February 3, 1941|2/3/41|1941-02-03", result.text)
