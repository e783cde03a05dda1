"""AddressRecognizer on whole address blocks: units, city / country lines and postal codes that
follow a street line, military and foreign street forms, and the clinical text that must stay."""

import pytest

from deid.recognizers.address_recognizer import AddressRecognizer
from tests.deid.assertions import assert_entities, assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return AddressRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # multi-line blocks: street, unit, town, region, country and postal code
        ("Send it to 4120 Wrenfield Road\n Suite 212\n Marbleton\n Norway 45821 please.",
         ["4120 Wrenfield Road\n Suite 212\n Marbleton\n Norway 45821"]),
        ("Address:\n77 Quenby Lane\nApt. 5\nHollisford, OH 44120\n\nPMH: CAD",
         ["77 Quenby Lane\nApt. 5\nHollisford, OH 44120"]),
        ("> 312 Darrowby Street\n> Unit 9\n> Eastwick\n> 62201", ["312 Darrowby Street\n> Unit 9\n> Eastwick\n> 62201"]),
        ("3300 Halloway Drive\nKestrel Bay\n, ON\n 41907", ["3300 Halloway Drive\nKestrel Bay\n, ON\n 41907"]),
        # a second house number, a second street name, suffixes from the USPS list
        ("Moved to 18 2270 Birchmoor Street last year.", ["18 2270 Birchmoor Street"]),
        ("Lives at 52 Tannery Row Quillon Gateway.", ["52 Tannery Row Quillon Gateway"]),
        ("Lives at 905 Ashgrove Summit with her son.", ["905 Ashgrove Summit"]),
        ("Deliver to 40 Fernhollow Crossing, Apt. 12 today.", ["40 Fernhollow Crossing, Apt. 12"]),
        ("Lives at 1819 St. Odran Street.", ["1819 St. Odran Street"]),
        # the unit takes the town and country that follow it on the line
        ("Our office is 61 Calloway Avenue Suite 300 Brindlemoor Portugal.",
         ["61 Calloway Avenue Suite 300 Brindlemoor Portugal"]),
        # PO boxes and military addresses
        ("Meet me at PSC 2210, Box 4471\nAPO AE 09112 soon.", ["PSC 2210, Box 4471\nAPO AE 09112"]),
        ("Mail to Unit 3021 Box 118\nDPO AP 96522.", ["Unit 3021 Box 118\nDPO AP 96522"]),
        ("USNS Harlowe\nFPO AA 34011", ["USNS Harlowe\nFPO AA 34011"]),
        ("Mail to P.O. Box 4471 please.", ["P.O. Box 4471"]),
        # streets named before the number, after a cue or with a house number
        ("She lives at 88 Brennanvej 14, Halbrook.", ["88 Brennanvej 14, Halbrook"]),
        ("His address is Tallowkatu 9 Apt. 3.", ["Tallowkatu 9 Apt. 3"]),
        ("The clinic is at 17 Vellmarstrasse 40.", ["17 Vellmarstrasse 40"]),
        ("Send it to ul. Krzewinska 12 in town.", ["ul. Krzewinska 12"]),
        ("Lives at 4 Rue de Vallombre, Sarnac.", ["4 Rue de Vallombre, Sarnac"]),
        ("Dropped off at 230 Ostrava u. 17.\nBelmonte\n, RS\n Brazil 90450", ["230 Ostrava u. 17.\nBelmonte\n, RS\n Brazil 90450"]),
        # after a unit, the town and country on the same line, up to ordinary words
        ("It came to 8800 14 Pellow Drive Suite 30 KARRAWAY Australia last week.",
         ["8800 14 Pellow Drive Suite 30 KARRAWAY Australia"]),
        ("Listed: 51 Ormsby Avenue Apt. 7, Villa de Rosales, Spain 28410, and a PO box.",
         ["51 Ormsby Avenue Apt. 7, Villa de Rosales, Spain 28410"]),
        ("Billing: 0417 P.O. Box 662 Apt. 15, Kelmsby, Latvia", ["0417 P.O. Box 662 Apt. 15, Kelmsby, Latvia"]),
        # more cues for a street named before its number
        ("The station is on Hallenbergstrasse 74", ["Hallenbergstrasse 74"]),
        # a house number after a comma (not a ZIP), a flat after a slash, street words of more languages
        ("She lives alone at Rua de Quental, 93, Bragança, needs home health.", ["Rua de Quental, 93, Bragança"]),
        ("Send the records to ul. Kwiatkowskiego 95/42, Lubartów, 33936?", ["ul. Kwiatkowskiego 95/42, Lubartów, 33936"]),
        ("Patient lives at Viela Serrano, 47, Pindamonhangaba.", ["Viela Serrano, 47, Pindamonhangaba"]),
        ("Please send it to Brindlemoor, 73351?", ["73351"]),  # a ZIP, no house number
        ("She lives on the south side of Corvina Delmar 1180.", ["Corvina Delmar 1180"]),
        # US and UK forms: post-direction, ordinal, numbered roads, rural routes, postcodes
        ("Stayed at 900 Carlow Avenue NW, Dellwood, DC 20001 in May.", ["900 Carlow Avenue NW, Dellwood, DC 20001"]),
        ("Lives at 12 W. 47th St. with a roommate.", ["12 W. 47th St."]),
        ("Lives at 310 County Road 18.", ["310 County Road 18"]),
        ("Mail to RR 3, Box 22, Hollins, VT 05401", ["RR 3, Box 22, Hollins, VT 05401"]),
        ("He resides at 14 Mardle Street, Bexford SW3 4PL.", ["14 Mardle Street, Bexford SW3 4PL"]),
        ("Orleton, ON K2P 1L4", ["K2P 1L4"]),
        ("Find cardiologists near 20814?", ["20814"]),
        # a block ends with its postal code, or with a country that ends the sentence
        ("Lives at 31 Corbel Lane\nApt. 2\nRidgeton, OH 44120\nFamily aware. Will call.",
         ["31 Corbel Lane\nApt. 2\nRidgeton, OH 44120"]),
        ("Sent to 7 Halden Street West\n Suite 12\n Moorvale\n Ireland. Thanks", ["7 Halden Street West\n Suite 12\n Moorvale\n Ireland"]),
        ("Her address is 9 Rue Ardanne Apt. 4\nVillers\n, QC\n 81220", ["9 Rue Ardanne Apt. 4\nVillers\n, QC\n 81220"]),
        ("Office at 401 Avenue d'Arlempe 12 Apt. 5, Sorbiers, France 42290", ["401 Avenue d'Arlempe 12 Apt. 5, Sorbiers, France 42290"]),
        ("Lives at 12 Tarrant Road\nApt 3\nPMH: CAD, HTN", ["12 Tarrant Road\nApt 3"]),
        ("Lives at 12 Tarrant Road\n120/80 on arrival", ["12 Tarrant Road"]),
        ("Lives at 12 Tarrant Road\nBP\n120/80", ["12 Tarrant Road"]),
        # lower-case notes: the city goes with the street when a state and a ZIP follow
        ("pt lives at 40 elm grove street, hadley, ma 01035 with son", ["40 elm grove street, hadley, ma 01035"]),
        ("mail to rr 2, box 15, harlan, ky 40831", ["rr 2, box 15, harlan, ky 40831"]),
        ("FIND CARDIOLOGISTS NEAR 20814?", ["20814"]),
        # any case: a town of up to four words when its ZIP follows; no town in ", please call 55501"
        ("new address is 812 quarry lane, dunmoreton 59853, please mail it", ["812 quarry lane, dunmoreton 59853"]),
        ("we live at 44 ritter squares, san ysidro del monte 22159-8732. can the nurse come",
         ["44 ritter squares, san ysidro del monte 22159-8732"]),
        ("lives at 12 tarrant road, please call 55501 first", ["12 tarrant road"]),
        # in capitals a street of names one is at: "AT 4690 KELLY HILLS" (not "AT 2 LASIX GREEN")
        ("PATIENT AT 4690 KELLY HILLS REQUESTS HOME INR MONITOR.", ["4690 KELLY HILLS"]),
        ("PATIENT AT 20 MORNING HILLS REQUESTS HOME INR MONITOR.", []),
        ("i go to the lab on 783 steven crossing", ["783 steven crossing"]),      # lower case too
        ("I LIVE AT 20299 ELIZA MISSION NEW VANESSA 35809 AND THE MONITOR NEVER CAME",
         ["20299 ELIZA MISSION NEW VANESSA 35809"]),                                # the town and ZIP without a comma
        # street corners
        ("Meet at the corner of Pellam Street and Quorry Pass.", ["the corner of Pellam Street and Quorry Pass"]),
        # postal codes after a label
        ("ZIP: 4418", ["4418"]),
        ("my zip code is 60221", ["60221"]),
        ("my zip changed to 60782-3150, the mail order", ["60782-3150"]),
        ("postal code 44-312 on the form", ["44-312"]),
        # --- invalid: clinical text with numbers, units and street-like words
        ("Transfused 2 units PRBC.", []),
        ("TRANSFUSED WITH 2 UNITS PRBC.", []),
        ("Heparin at 1000 units/hr.", []),
        ("4U REG SQ for BS 250.", []),
        ("1 ST DEGREE AV BLOCK.", []),
        ("HR 88 RR 16 BP 120/80.", []),
        ("Lives at home with wife, HR 88 RR 16.", []),
        ("Pt arrived at CATH LAB HOLDING AREA AT 0730.", []),
        ("Triple lumen port 2 placed.", []),
        ("Ambulated 200 feet walk in hall.", []),
        ("Given 2 Percocet at 1400.", []),
        ("Chest wall 3 cm lesion.", []),
        ("Lasix 40 mg IV, K 3.9.", []),
        ("CPK 3932\nMB 19-21", []),
        ("Ulcer at the corner of the mouth and the lip.", []),
        ("Bridge to transplant 3 weeks.", []),
        ("Pt is on Coumadin 5, INR 2.3.", []),
        ("Platelets near 50000.", []),
        ("PLT NEAR 50000.", []),
        ("WBC near 10000, afebrile.", []),
        ("Heparin near 10000 units daily.", []),
        ("2nd degree AV block, 3rd dose given.", []),
        ("Pt is on Heparin 1000 units/hr.", []),
        ("It's in Bed 12 on the left.", []),
        ("Arrived at MICU 7 and placed on BiPAP 10/5.", []),
        ("Surgery is at March 2021 follow-up.", []),
        ("Holter monitor, CABG x3, 10/10 pain.", []),
    ],
)
def test_address_block_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


def test_block_and_zip_labels(recognizer):
    assert_entities(recognizer, "ZIP: 4418", [("4418", "ZIP")])
    assert_entities(recognizer, "PSC 2210, Box 4471\nAPO AE 09112", [("PSC 2210, Box 4471\nAPO AE 09112", "LOCATION")])
