"""HospitalRecognizer: named hospitals, clinics and facilities, and hospital abbreviations as places."""

import pytest

from deid.recognizers.hospital_recognizer import HospitalRecognizer
from tests.deid.assertions import assert_entities, assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return HospitalRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # a facility word anchors the name before it
        ("Transferred from Calverton General Hospital for cath.", ["Calverton General Hospital"]),
        ("Admitted to Briarwood Medical Center overnight.", ["Briarwood Medical Center"]),
        ("Seen at Maplewood Clinic last week.", ["Maplewood Clinic"]),
        ("Discharged to Fernhill Nursing Home.", ["Fernhill Nursing Home"]),
        ("Followed at Lakeshore Heart Institute.", ["Lakeshore Heart Institute"]),
        ("Admitted to Mercy Crest Memorial.", ["Mercy Crest Memorial"]),
        ("Seen at St. Agatha's Hospital.", ["St. Agatha's Hospital"]),
        ("Was at Kessler Ridge Rehabilitation Center.", ["Kessler Ridge Rehabilitation Center"]),
        ("Came from Brookfield Health Center yesterday.", ["Brookfield Health Center"]),
        ("Transferred from Hollins Bay VAMC.", ["Hollins Bay VAMC"]),
        # lower case and ALL CAPS
        ("Sent to holy redeemer hospital by ambulance.", ["holy redeemer hospital"]),
        ("TRANSFERRED FROM ST. OSWALD HOSPITAL FOR CATH.", ["ST. OSWALD HOSPITAL"]),
        ("BY LINDENWOLD REHAB.", ["LINDENWOLD REHAB"]),
        ("transferred to westbrook general hospital.", ["westbrook general hospital"]),
        # abbreviations used as places
        ("Referred to GH for ablation.", ["GH"]),
        ("Transferred to MGH for LVAD.", ["MGH"]),
        ("Transfer from JHH.", ["JHH"]),
        ("I had my TAVR at QRMMH on 5/5 and my ankles swell", ["QRMMH"]),      # five letters
        ("He had his pacemaker put in at SMH. Where's his card?", ["SMH"]),    # mixed case: chat slang is no word here
        ("SMH transfer request: Bradley Marsh", ["SMH"]),
        ("shold we go to rgh? he is on plavix", ["rgh"]),                      # lower case: an acronym only chat uses
        ("your MRI is booked at HUH. Reply to this message", []),             # a common word in capitals
        ("HE WENT TO WASH UP AT 0800. BREATHING IN SYNCH WITH VENT.", []),
        # wards named after people: the floor glued to the name belongs to it
        ("Plan to transfer to wellbridge2 today.", ["wellbridge2"]),
        ("ADMITTED TO WELLBRIDGE7 W/ CHF.", ["WELLBRIDGE7"]),
        ("Transfer to Kellerman 3 today.", ["Kellerman"]),
        ("Lasix given at 20 minutes.", []),
        ("Dose changed to 40 lasix.", []),
        # --- invalid: kinds of care and units, not named places
        ("Referred to cardiac rehab.", []),
        ("Referred to pulmonary rehab.", []),
        ("Seen in heart failure clinic.", []),
        ("Follow up in anticoagulation clinic.", []),
        ("Followed in device clinic.", []),
        ("Discharged to SNF.", []),
        ("Transferred from OSH with STEMI.", []),
        ("Pt sent to outside hospital.", []),
        ("Admitted to the hospital for CHF.", []),
        ("Admitted to the ICU.", []),
        ("Transferred to the CCU.", []),
        # without case, the words before the name that are no part of it: tests, verbs, common words
        ("ECHO ORDERS PENDING LAKESIDE MEDICAL CENTER", ["LAKESIDE MEDICAL CENTER"]),
        ("FAX PENDING PORT ELLEN GENERAL HOSPITAL", ["PORT ELLEN GENERAL HOSPITAL"]),
        ("reschedule echo, pt prefers mercy hospital", ["mercy hospital"]),
        # --- invalid: findings that end in H
        ("LVH on EKG.", []),
        ("Elevated TSH from the outside labs.", []),
    ],
)
def test_hospital_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


def test_hospital_label(recognizer):
    assert_entities(recognizer, "Transferred to MGH from Calverton General Hospital.",
                    [("MGH", "HOSPITAL"), ("Calverton General Hospital", "HOSPITAL")])


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # an acronym one is moved to or from names a hospital in mixed-case text
        ("Pt was transferred from WRMC on arrival for TAVR evaluation.", ["WRMC"]),
        # care units inside any hospital are not names of one
        ("Transferred to MICU overnight.", []),
        ("Sent to CSRU after bypass.", []),
        ("Referred to the EP lab for ablation.", []),
    ],
)
def test_moved_acronyms(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # religious and charitable names after a place cue, without a facility word
        ("Accepted at Holy Angels for rehab next week.", ["Holy Angels"]),
        ("Plan: discharge to Sacred Mercy tomorrow.", ["Sacred Mercy"]),
        ("Discharge planned to rehab(sacred mercy Memorial) on Friday.", ["sacred mercy Memorial"]),
        # two lower-case name words where a name begins, the first one English knows a little
        ("Slated to go to rehab(yarrow quellingham Memorial) today.", ["yarrow quellingham Memorial"]),
        ("Bed at the yarrow quellingham Memorial.", ["quellingham Memorial"]),  # not where no name begins
        ("Bed offered at Good Samaritan for Monday.", ["Good Samaritan"]),
        ("TRANSFER TO OUR LADY OF PEACE TOMORROW.", ["OUR LADY OF PEACE"]),
        ("Bed available at Good Shepherd tomorrow.", ["Good Shepherd"]),
        ("Pt was sent to Mercy for cath.", ["Mercy"]),
        ("Pt feels at the mercy of the disease.", []),
        ("Pt feels at the Mercy of God.", []),
        # a saint's initial, in a cased note
        ("Case management found a bed @ St C. for Monday.", ["St C."]),
        # a medical-center acronym after a place cue
        ("FAMILY ASKED FOR A CONSULT FROM THE WXMC. HO AWARE.", ["WXMC"]),
        ("family wants a consult from the wxmc. ho aware.", ["wxmc"]),
        ("Family wants a consult from the wxmc.", []),  # lower case in a cased note
        # campus, building: a name before them, or glued to them
        ("MRI done this morning on North Campus.", ["North Campus"]),
        ('Pt knows he is in the hospital ("WexfordeBuilding").', ["Wexforde"]),
        # a room number, then the ward it is on
        ("pt transferred to 209 wexforde.", ["wexforde"]),
        ('s/o: "i\'m at the general hospital." oriented x2', ["general hospital"]),
        # a facility's name word met again after a place cue
        ("Seen at Ferndale Hospital. Pt went to Ferndale on day 2.", ["Ferndale Hospital", "Ferndale"]),
        # --- invalid: religion, verbs, joints, doses and states
        ("Received holy communion from the chaplain.", []),
        ("Family prays to the holy spirit.", []),
        ("Secretions Building up overnight.", []),
        ("Pt building strength with PT.", []),
        ("Pain at CMC joint of the thumb.", []),
        ("ST elevation in V2. Started heparin at 12 units.", []),
        ("Gtt titrated to 20 mcg.", []),
        ("Transferred to 2 north.", []),
        ("Admitted to a general hospital in 2010.", []),
        ("Came from Maryland Rehab. Moved to Maryland in 2001.", ["Maryland Rehab"]),
        ("Seen at Quillon Brack Hospital. Went back to Brack today.", ["Quillon Brack Hospital", "Brack"]),
        ("Copied from the PMH list in the chart.", []),
    ],
)
def test_named_places_without_facility_words(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # an employer named with a company word
        ("his wife works for nexar health downtown.", ["nexar health"]),
        ("Wife works at Quillon Systems as an engineer.", ["Quillon Systems"]),
        # --- invalid: kinds of work and care
        ("She works for public health.", []),
        ("Works for the health department.", []),
        ("Pt works with PT daily.", []),
        ("Son works for mental health services.", []),
    ],
)
def test_employers(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # a lower-case town or rare surname right before the facility word, in a cased note
        ("Pt going to wexforde memorial tomorrow.", ["wexforde memorial"]),
        ("Was at calverton hospital before.", ["calverton hospital"]),
        # --- invalid: kinds of care in lower case
        ("Pt was admitted to outside hospital.", []),
        ("Seen at teaching hospital in 2010.", []),
        ("Plan to begin cardiac rehab.", []),
        ("Awaiting rehab placement. Pt to rehab.", []),
    ],
)
def test_lower_case_names_in_cased_notes(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # a word no dictionary knows, right after a move to or from, is the place
        ("Transferred to Quillabrook asymptomatic and taken to cath.", ["Quillabrook"]),
        ("PT CAME INTO ZANDERVIK ON 7/18 WITH CHEST PAIN.", ["ZANDERVIK"]),
        ("PT TRANSFERRED TO ZANDERVIK. CATHED ON 8/25.", ["ZANDERVIK"]),
        ("HE WOULD NEED TO LEAVE ZANDERVIK, HAVE SURGERY AND RETURN.", ["ZANDERVIK"]),
        ("DAUGHTER IS AT THE DIDAMOVKA, NUMBER ON FRONT OF CHART.", ["DIDAMOVKA"]),
        ("DAUGHTER IS AT THE BEDSIDE. FAMILY FROM THE HOSPITAL.", []),
        ("Plan: transfer to eleazer 2, CT today.", ["eleazer"]),  # a ward number: lower case too
        ("PLAN: TRANSFER TO WIDER 2 IN AM.", ["WIDER"]),  # ... and a word English knows
        # a house named for someone, before a nursing home's words; not a kind of house
        ("89 Y.O. woman, Quillard House NH resident, admitted", ["Quillard House"]),
        ("Boarding House resident, then a Halfway House resident.", []),
        ("Transferred to chair 2 times, go to step 2 of the protocol.", []),
        ("transfered to quillabrook 7/22 for cabg.", ["quillabrook"]),
        ("Medflight to Quillabrook for emergent cath.", ["Quillabrook"]),
        ("Plan is to go to Quillabrook Dennerby after lunch.", ["Quillabrook Dennerby"]),
        ("FOUND DOWN -> ZANDERVIK EW, INTUBATED THERE.", ["ZANDERVIK"]),
        ("taken to quillabrook cath lab, 2 stents.", ["quillabrook"]),
        ("DAUGHTER WILL RETURN TO Quillabrook TOMORROW.", ["Quillabrook"]),
        ("daughter returned to new quillabrook today", ["new quillabrook"]),  # a town named "New ..."
        ("Will return to baseline. Returned to floor. Transferred to new cardiology team.", []),
        ("FAMILY ARRIVED FROM THE QUELLMOOR DANBECK- DAUGHTER AND SON.", ["QUELLMOOR DANBECK"]),
        ("NO URINE OUTPUT RECORDED FROM KUSSMAUL HOSP.", ["KUSSMAUL HOSP"]),  # an eponym alone names the hospital
        ("transferred to ccu from tolvanen 3 for swan. order to transfuse 2 U. able to reinsert 30 french foley.",
         ["tolvanen"]),  # a ward's number after a rare word, but not after a rare verb
        ("lipid clinic dr. morucci talla va medical center", ["morucci talla va medical center"]),
        ("appt confirm: dr. estes clinic at 9:30", []),  # without case too, a doctor's clinic is no named place
        ("SEEN AT PINECREST GENERAL. ADMITTED TO CEDAR RIDGE GENERAL 1/8", ["PINECREST GENERAL", "CEDAR RIDGE GENERAL"]),
        ("Follow up at Harbor General cardiology clinic. Referred to general cardiology clinic.", ["Harbor General"]),
        ("IN GENERAL, PT STABLE. PT IN GOOD GENERAL CONDITION.", []),
        # the care team of a rare word
        ("MANAGED AS AN OUTPATIENT BY THE CHF TEAM AT ZANDERVIK, BUT DEVELOPED AMS.", ["ZANDERVIK"]),
        ("Her pcp at Quillabrook is aware. Team at bedside, staff at night.", ["Quillabrook"]),
        # a common word too, when the sentence says a hospital is meant
        ("CKs 727. SENT TO LANTERN VIA AMBULANCE FOR CATH.", ["LANTERN"]),
        ("Then transferred to Beacon for further management.", ["Beacon"]),
        ("Transferred to the floor for further care, sent to rehab via ambulance.", []),
        ("TRANSFERRED TO CCU FOR FURTHER MANAGEMENT, SENT TO CATH VIA AMBULANCE.", []),
        # --- invalid: units, tests, care places, verbs and words of English
        ("Admitted to telemetry, sent to radiology, transferred to stepdown.", []),
        ("PT TRANSFERRED TO CCU. SENT TO ANGIOGRAPHY. TRANSPORTED TO CTSCAN.", []),
        ("Pt will leave message. Family will leave tonight. Pt to leave AMA. leave foley in.", []),
        ("Pt transfered to the NSICU overnight.", []),
        ("SEDATION OFF, THEN BACK TO DOZING BETWEEN CARES.", []),
        ("transfered to commode/chair with assist.", []),
        ("She was referred to cardiology and sent to Holter.", []),
        ("Transferred to quillabrook today.", []),   # lower case in a cased note
        ("Rate control with metoprolol followed by amiod bolus.", []),
        ("He is followed by ophthalmology for the edema.", []),
        ("Seen in the ED, then to the cath lab.", []),
    ],
)
def test_rare_word_after_a_move_is_a_place(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
