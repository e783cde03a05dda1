"""AddressRecognizer: street addresses, PO boxes and ZIP codes; counts and doses are not streets."""

import pytest

from deid.recognizers.address_recognizer import AddressRecognizer
from tests.deid.assertions import assert_entities, assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return AddressRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # street number, name words and a suffix
        ("Lives at 8 Harrow Ct. with his wife.", ["8 Harrow Ct."]),
        ("Moved to 3117 Quillfeather Avenue last fall.", ["3117 Quillfeather Avenue"]),
        ("Lives at 58 Larkspur Lane with her son.", ["58 Larkspur Lane"]),
        # a street line takes its city, state and ZIP with it
        ("Lives at 58 Larkspur Lane, Hagerstown, MD 21286.", ["58 Larkspur Lane, Hagerstown, MD 21286"]),
        ("Send to 3400 S. Oak Street Apt 2C, Springfield, IL 62704 please", ["3400 S. Oak Street Apt 2C, Springfield, IL 62704"]),
        ("LIVES AT 615 RIVER RUN DRIVE WITH WIFE.", ["615 RIVER RUN DRIVE"]),
        ("Lives at 27 Meadow Street.", ["27 Meadow Street"]),
        ("Address: 560 Ashcombe Blvd, apt 12 on file.", ["560 Ashcombe Blvd, apt 12"]),
        ("LIVES AT 77 HARROWGATE RD.", ["77 HARROWGATE RD."]),
        # street names made of common words, with a direction or a unit
        ("Lives at 27 Meadow St. with husband.", ["27 Meadow St."]),
        ("Lives at 3400 S. Oak Street alone.", ["3400 S. Oak Street"]),
        ("Lives at 410 W. Spring Lane alone.", ["410 W. Spring Lane"]),
        ("Address: 88 Old Church Road Apt 2C.", ["88 Old Church Road Apt 2C"]),
        ("LIVES AT 615 RIVER RUN DRIVE WITH WIFE.", ["615 RIVER RUN DRIVE"]),
        # USPS suffixes that are also words, after a cue; a house and flat number written with a slash
        ("Pt lives at 4471 Merriwether Parkways, Tollburg 95531, alone.", ["4471 Merriwether Parkways, Tollburg 95531"]),
        ("Return label to 08 Quillon Passage.", ["08 Quillon Passage"]),
        ("Mail to 61/892 Gandhi Nagar Road, Tollburg 87937 - home health", ["61/892 Gandhi Nagar Road, Tollburg 87937"]),
        ("The murmur is at 3/6 left lower neck", []),  # a fraction is no house number before a weak suffix,
        ("RO W NEG CK'S. 10/3 PERSANTINE THALLIUM ST-BORDERLINE", []),  # an abbreviated one, or without a cue or town
        # a town of up to five words before its ZIP
        ("Address: 250 Quillon Road, San Pedro de la Sierra 65915, phone on file",
         ["250 Quillon Road, San Pedro de la Sierra 65915"]),
        # PO boxes
        ("Mail to P.O. Box 4471 please.", ["P.O. Box 4471"]),
        ("Mail to PO Box 88 in town.", ["PO Box 88"]),
        # ZIP codes after a state or a label
        ("Hagerstown, MD 21286 is home.", ["21286"]),
        ("Hagerstown, MD 21286-1133 is home.", ["21286-1133"]),
        ("Zip code: 21230 on the form.", ["21230"]),
        # --- invalid: numbers followed by ordinary or clinical words
        ("Walked 200 feet down the hall.", []),
        ("Given 40 mg Lasix daily.", []),
        ("Walked 3 laps around the unit.", []),
        ("Transfused 2 units PRBC.", []),
        ("Drank 2 cups of coffee.", []),
        ("Pt on 2L NC, sats 94%.", []),
        ("Stepped down 2 flights of stairs.", []),
        ("Lasix 40 mg PO BID, Toprol 50 mg, Lisinopril 10 mg.", []),
        ("Weighs 180 lbs.", []),
        ("Bumex 2 mg then Lasix drip at 10 mg/hr.", []),
        # --- invalid: five-digit numbers without a state or label
        ("Platelets 21286 on the old lab printout.", []),
    ],
)
def test_address_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


def test_zip_and_street_labels(recognizer):
    assert_entities(recognizer, "58 Larkspur Lane, Hagerstown, MD 21286",
                    [("58 Larkspur Lane, Hagerstown, MD 21286", "LOCATION")])
    assert_entities(recognizer, "Hagerstown, MD 21286", [("21286", "ZIP")])
