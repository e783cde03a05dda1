"""Ages, ZIP codes, towns and street lines as short clinical queries and messages write them.

Invented strings only. Each rule has rows it must find and clinical rows it must leave alone.
"""

import pytest

from deid.recognizers.address_recognizer import AddressRecognizer
from deid.recognizers.age_recognizer import AgeRecognizer
from deid.recognizers.city_recognizer import CityRecognizer
from tests.deid.assertions import assert_entities, assert_recognizer_finds


@pytest.fixture(scope="module")
def age(lexicons):
    return AgeRecognizer(lexicons)


@pytest.fixture(scope="module")
def city(lexicons):
    return CityRecognizer(lexicons)


@pytest.fixture(scope="module")
def address(lexicons):
    return AddressRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # a person (a relative, the patient, a pronoun, "I") and a verb before the number
        ("my grandpa is 103 and has afib", ["103"]),
        ("my grandmothr is 94 and has a leaky valve", ["94"]),
        ("My mother Vesna Korlat is 96 and her ankles swell", ["96"]),
        ("Pt Orvald is 93, DNR/DNI, admitted with AS.", ["93"]),
        ("Hi, I am 92 and my son says I should not drive.", ["92"]),
        ("He turned 91 last week.", ["91"]),
        ("i'm 95 and short of breath", ["95"]),
        # a bare number set off right after a name
        ("Asking for my neighbor Tamsin Vell, 91, lives alone.", ["91"]),
        ("Oskar Brandl (96) w/ severe MR, not surgical.", ["96"]),
        ("Watchman or Eliquis 2.5 for Tamsin Vell, 104?", ["104"]),
        ("Weight, 95. Heart rate, 92? SBP, 98.", []),
        # --- invalid: the same numbers as vital signs and measurements
        ("HR is 96 and regular.", []),
        ("She is 94% on RA.", []),
        ("She is 94 on 2L NC.", []),
        ("He is 95 kg today.", []),
        ("I am 92 lbs now.", []),
        ("BP 96/60, HR 96, RR 20, T 98.6", []),
        ("Sats 90, 92, 94 over the day.", []),
        ("Metoprolol (100) and Lasix (40).", []),
        ("Weight, 95, stable.", []),
        ("She is 90 to 95 on the monitor.", []),
        ("my grandpa is 88 and has afib", []),
    ],
)
def test_ages_told_by_a_person(age, text, expected_texts):
    assert_recognizer_finds(age, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # a ZIP after what one looks for near it
        ("heart failure clinic near 84717", ["84717"]),
        ("cardiologist near 26810-5922?", ["26810-5922"]),
        # a ZIP after a capitalised place word and a comma, ending the sentence
        ("Please send it to Brindlemoor, 73351?", ["73351"]),
        ("Our office is in Quellhaven, 44584. Thanks.", ["Quellhaven", "44584"]),
        ("The office, Quellhaven, 44584.", ["44584"]),
        # a street with a less common USPS suffix after a residence cue or "near"
        ("Neighbor lives alone at 568 Karst View, chest pain.", ["568 Karst View"]),
        ("Lives alone at 43111 Orvane Landing.", ["43111 Orvane Landing"]),
        ("Where is cardiac rehab near 1453 Tellan Creek?", ["1453 Tellan Creek"]),
        ("My pharmacy is the one on 446 Vellan Summit.", ["446 Vellan Summit"]),  # "on"/"at" in a query
        ("HR 80 on 2 Lasix Green, 4 Heparin Rest.", []),
        ("I'm okay now, I'm at 6591 Tolland Route.", ["6591 Tolland Route"]),  # not our drug list, so a street
        ("my pharmacy is the one on 537 Black Harbor.", ["537 Black Harbor"]),  # "black" is only a terminology word
        ("I live at 350 Tamsin Fort Apt. 102 now, thank you.", ["350 Tamsin Fort Apt. 102"]),
        ("ED: 99F from 631 Vellan Hills, syncope, EKG sinus brady.", ["631 Vellan Hills"]),
        ("We have 4339 Amber Circles Apt. 562 on file.", ["4339 Amber Circles Apt. 562"]),
        ("Registration: 511 Tamsin Groves, New Brindlemoor 31581-7414; cell", ["511 Tamsin Groves, New Brindlemoor 31581-7414"]),
        ("my pharmacy is the one on 339 Murphy Vista.", ["339 Murphy Vista"]),  # an eponym that is a Census name
        ("I'm okay now, I'm at 554 Tellan Marg.", ["554 Tellan Marg"]),  # Indian English "marg", road
        ("Moved to 2994 Tamsin Bypass Apt. 599, Brindlemoor, 73351.", ["2994 Tamsin Bypass Apt. 599, Brindlemoor, 73351"]),
        # a unit line in capitals stops before the sentence goes on
        ("PATIENT AT 1848 TALVERN CREST SUITE 648 REQUESTS HOME INR MONITOR.", ["1848 TALVERN CREST SUITE 648"]),
        # --- invalid: counts near a number, and five-digit doses
        ("platelets near 50000.", []),
        ("WBC near 10000.", []),
        ("Heparin, 25000 units in D5W.", []),
        ("Heparin, 25000.", []),
        ("Tuesday, 10001.", []),
        ("s/p 3 vessel bypass in 2010.", []),
        ("had 2 recent falls at home.", []),
    ],
)
def test_zips_and_streets_in_queries(address, text, expected_texts):
    assert_recognizer_finds(address, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("cardiologists accepting medicare in brellmoor 39825", [("brellmoor", "CITY"), ("39825", "ZIP")]),
        ("clinic hours in West Quorran 44067", [("West Quorran", "CITY"), ("44067", "ZIP")]),
        # --- invalid: a room, a dose
        ("Transferred to room 10023.", []),
        ("Heparin in NS 25000 units.", []),
        ("Heparin bolus given at approximately 10000.", []),
    ],
)
def test_town_and_zip_ending_a_sentence(address, text, expected):
    assert_entities(address, text, expected)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # a town's prefix word and a name after a place preposition
        ("My cardiologist is Dr. Ferro in New Quillton.", ["New Quillton"]),
        ("Father is visiting from Lake Brennside and had chest pain.", ["Lake Brennside"]),
        ("Lives in East Harrowby.", ["East Harrowby"]),
        ("Son lives in South Joseph and drives her.", ["South Joseph"]),
        ("We moved to West Tallonburgh from the coast.", ["West Tallonburgh"]),
        # non-ASCII letters and lower-case particles inside a town's name
        ("Family en route from Lürnefeld.", ["Lürnefeld"]),
        ("I'm visiting from Benešov nad Ploučnicí and ran out of pills.", ["Benešov nad Ploučnicí"]),
        # lower case after a travel cue, in a query
        ("is it safe to fly after a stent? flying to amberg", ["amberg"]),
        ("flying to vieja quorrania next week", ["vieja quorrania"]),
        # a search query ending with a service and a place
        ("cardiac rehab schedule helsingborg", ["helsingborg"]),
        ("cardiac rehab schedule Gunzenhausen", ["Gunzenhausen"]),
        # a signed message: "Name Surname, Town" at the very end
        ("Still true after valve surgery? Rolf Pendrake, Eberswalde", ["Eberswalde"]),
        # --- invalid: prefix words before ordinary or clinical words, regions, possessives
        ("Moved to North Carolina last year.", []),
        ("Visiting from South America.", []),
        ("Works on the West Coast.", []),
        ("Pt with New Onset AF.", []),
        ("Transferred to West Tower.", []),
        ("Allow PaCO2 to return to Pt's baseline.", []),
        ("Flew to Tarnow on Saturday morning.", ["Tarnow"]),
        # --- invalid: lower-case words after a travel cue that are ordinary words
        ("flying to visit my son", []),
        ("is it ok to fly to the beach", []),
        ("cardiac rehab schedule today", []),
        ("metoprolol dose for afib", []),
        ("Thanks for the help, Rolf Pendrake, MD", []),
        # a town's prefix before a given name or a town-shaped word; in capitals only after a place word
        ("Pacemaker clinic East Jacob hours", ["East Jacob"]),
        ("Book a stress echo at the Lake Sean site.", ["Lake Sean"]),
        ("ETA 15 MIN FROM LAKE MICHAEL", ["LAKE MICHAEL"]),
        ("NEW ONSET AF, EAST WING, WEST MICHAEL STAFF", []),
        # another language's word for "city" before its name, in any case, up to a common or clinical word
        ("family en route from Thành phố Quảng Ngãi.", ["Thành phố Quảng Ngãi"]),
        ("hey it's me from thanh pho hai duong, calling about mom", ["thanh pho hai duong"]),
        ("had my echo in Ciudad de Tlaxcala clinic last year", ["Ciudad de Tlaxcala"]),
        ("TP. Biên Hòa echo lab", ["TP. Biên Hòa"]),
        # a saint's name as a town after a place word, with a Spanish tail
        ("got the refill but the pharmacy in San Eusebio los bajos says no", ["San Eusebio los bajos"]),
        ("pharmacy in santa clarisa says need ekg", ["santa clarisa"]),
        ("Spoke with San and Santa about it; Santa Claus in December", []),
        ("NYHA III per New York Heart Association, moved to West Virginia", []),
        ("Pt transitioned from Lasix to torsemide, in Afib.", []),
    ],
)
def test_towns_in_queries(city, text, expected_texts):
    assert_recognizer_finds(city, text, expected_texts)


@pytest.fixture(scope="module")
def hospital(lexicons):
    from deid.recognizers.hospital_recognizer import HospitalRecognizer
    return HospitalRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # "X General": the short form of a general hospital
        ("We met at Brellmoor General on 7/21.", ["Brellmoor General"]),
        ("Is she on the transplant list at Quorran General?", ["Quorran General"]),
        ("cath tomorrow at riverside general, does he stop metformin?", ["riverside general"]),
        ("refer to Dr Vell at Cedar Ridge General?", ["Cedar Ridge General"]),  # common words after a cue
        ("had his pacemaker put in at Southwest General.", ["Southwest General"]),
        ("Write a referral to Prof. Vell at Southwest General for ICD evaluation", ["Southwest General"]),
        ("Transfer request from New Brellmoor General today", ["New Brellmoor General"]),  # a town's prefix
        ("To Dr Vell, Cardiology, Quorran General: 39F, 28 wks pregnant", ["Quorran General"]),  # a query's address line
        # a town after the facility word, particles and "and" inside the name, non-ASCII letters
        ("Is Mercy Hospital Brzelnowo in network?", ["Mercy Hospital Brzelnowo"]),
        ("Is van den Velmer Memorial Hospital in network?", ["van den Velmer Memorial Hospital"]),
        ("Sent to ED at Yarrow Heart and Vascular Institute.", ["Yarrow Heart and Vascular Institute"]),
        ("Transfer to Šimkora Memorial Hospital today.", ["Šimkora Memorial Hospital"]),
        ("ablation recovery time university of quellshire medical center", ["university of quellshire medical center"]),
        # hospital acronyms naming a service's place, after "outside hospital", or as a place to go in a query
        ("NRWH cath lab: pt arrived, consent signed.", ["NRWH"]),
        ("QPUH heart failure program phone number", ["QPUH"]),
        ("Outside hospital SKRMC sent him on heparin.", ["SKRMC"]),
        ("chest pressure, should we go to eqmh?", ["eqmh"]),
        # a saint's name in the possessive
        ("ablation recovery time St Bernwald's Dr. Vell", ["St Bernwald's"]),
        # --- invalid: "general" as a word, titles, services, section headers
        ("Referred to General Surgery.", []),
        ("In general he is well.", []),
        ("In General, the patient is well. Attorney General aware.", []),
        ("The Surgeon General warned about smoking.", []),
        ("General Medicine consult placed.", []),
        ("Physical Exam General: NAD.", []),
        ("Patient seen.\nVitals General: NAD, Quorran General: alert.", []),  # in a note "X General:" is an exam label
        ("Good General appearance.", []),
        ("pt in good general condition", []),
        ("Hospital Course: uneventful.", []),
        ("Takes St. John's wort daily.", []),
        ("EF 28% on GDMT 3 months.", []),
        ("LVH on echo, TSH normal.", []),
        ("Outside hospital ECHO showed EF 30%.", []),
        ("go to the ed now?", []),
        ("Is Mercy Hospital Tuesday open?", ["Mercy Hospital"]),
        # --- invalid: a doctor's clinic is no named place
        ("Dr. Lopwell's clinic on 9/9 is overbooked.", []),
        ("Dr Saavren EP clinic list 09/07/2022", []),
        ("Went to Kesselmoor Clinic.", ["Kesselmoor Clinic"]),
    ],
)
def test_hospitals_in_queries(hospital, text, expected_texts):
    assert_recognizer_finds(hospital, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        ("Asking for my neighbor Amy Renvault, 97, lives alone.", ["97"]),
        ("ER called: Casavell, 93M from Cividate Al Pianora, hypotensive.", ["93"]),
    ],
)
def test_age_after_a_full_name(age, text, expected_texts):
    assert_recognizer_finds(age, text, expected_texts)


def test_town_with_capitalised_particle(city):
    assert_recognizer_finds(city, "ER called: 93M from Cividate Al Piano, hypotensive.", ["Cividate Al Piano"])


@pytest.fixture(scope="module")
def date(lexicons):
    from deid.recognizers.date_recognizer import DateRecognizer
    return DateRecognizer(lexicons)


@pytest.fixture(scope="module")
def phone(lexicons):
    from deid.recognizers.phone_recognizer import PhoneRecognizer
    return PhoneRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # dotted day-first dates, and a day-month-year before a colon
        ("she was scheduled 19.01.1995", ["19.01.1995"]),
        ("s/p CABG 28.09.1970, now AF", ["28.09.1970"]),
        ("lipid panel from 17-Sep-2016: TC 260", ["17-Sep-2016"]),
        # --- invalid: times and dotted numbers that are no dates
        ("at 2000: pt resting", []),
        ("K 3.5.", []),
        ("version 19.01.3", []),
        ("INR 13.1.", []),
    ],
)
def test_european_dates(date, text, expected_texts):
    assert_recognizer_finds(date, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # an extension belongs to the number; a number right after "call"
        ("Call 486-230-6829 ext 25 to adjust torsemide?", ["486-230-6829 ext 25"]),
        ("can you call the pt at 837-997-3899 x987?", ["837-997-3899 x987"]),
        ("CALL 0788 305 581.", ["0788 305 581"]),
        ("When I called (029)-7345340 nobody answered.", ["(029)-7345340"]),
        # --- invalid: numbers after "call" that are times, counts or doses
        ("called 1200 1230 1300", []),
        ("Called 2 times overnight.", []),
        ("call 911 if worse", []),
        ("Call 5 mg x 3 doses.", []),
    ],
)
def test_phones_in_queries(phone, text, expected_texts):
    assert_recognizer_finds(phone, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        ("PHONE CALL WITH PT'S SON IN TOTVARK, DECISION MADE.", ["TOTVARK"]),
        ("Her daughter from Quellmoor arrives tonight.", ["Quellmoor"]),
        # --- invalid: in-laws, units, names and ordinary words after "son in" / "daughter from"
        ("son in law at bedside.", []),
        ("SON IN LAW CALLED.", []),
        ("Daughter in ICU waiting room.", []),
        ("son in Mark's car.", []),
        ("daughter from out of town.", []),
        ("Family in agreement with plan.", []),
    ],
)
def test_where_a_relative_is(city, text, expected_texts):
    assert_recognizer_finds(city, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        ("cardiologist in tarnvelle accepting new patients", ["tarnvelle"]),
        # --- invalid: ordinary words after a service and "in"
        ("doctors in my area", []),
        ("clinic in the hospital", []),
        ("cardiologist in training", []),
    ],
)
def test_service_in_a_lower_case_place(city, text, expected_texts):
    assert_recognizer_finds(city, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        ("Home: 41 Garnet Hollow Rd", ["41 Garnet Hollow Rd"]),
        # --- invalid: a weak suffix word alone without a cue stays prose
        ("had 2 falls on the stairs", []),
        ("walked 3 laps down the hall", []),
    ],
)
def test_street_ending_in_a_strong_suffix(address, text, expected_texts):
    assert_recognizer_finds(address, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        ("95/F with syncope", ["95"]),
        ("my dad (94) has afib", ["94"]),
        ("she'll be 91 next month", ["91"]),
        ("my mom is ninety-two and has AF", ["ninety-two"]),
        # --- invalid
        ("BP 95/60, HR 95/min.", []),
        ("pt (96% on RA)", []),
        ("she is ninety percent sure", []),
        ("my dad (64) has afib", []),
        ("she'll be 91% on the vent", []),
    ],
)
def test_more_age_shapes(age, text, expected_texts):
    assert_recognizer_finds(age, text, expected_texts)
