"""IdNumberRecognizer: record, account, plan, licence, device and vehicle numbers."""

import pytest

from deid.recognizers.id_number_recognizer import IdNumberRecognizer
from tests.deid.assertions import assert_entities, assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return IdNumberRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # labelled numbers
        ("MRN: 40817723", ["40817723"]),
        ("MRN 12345678.", ["12345678"]),
        ("Medical record number 5520931.", ["5520931"]),
        ("Acct # 99812044.", ["99812044"]),
        ("Account number 44120987.", ["44120987"]),
        ("Member ID XJH448812.", ["XJH448812"]),
        ("Medicare # 1EG4TE5MK72.", ["1EG4TE5MK72"]),
        ("NPI 1234567893.", ["1234567893"]),
        ("DEA # AB1234563.", ["AB1234563"]),
        ("License number MD44821.", ["MD44821"]),
        ("Pacemaker serial PJN448213K.", ["PJN448213K"]),
        ("ICD S/N 8812AB334.", ["8812AB334"]),
        ("VIN 1HGCM82633A004352.", ["1HGCM82633A004352"]),
        ("Plate number 8XYZ442.", ["8XYZ442"]),
        ("Case number 2023-00417.", ["2023-00417"]),
        ("Reference number RX-44192.", ["RX-44192"]),
        ("Encounter ID 8841200.", ["8841200"]),
        ("Device ID LVAD-00917.", ["LVAD-00917"]),
        # GS1 UDIs: one span over every application identifier and its value
        ("UDI (01)00884521337092(17)250930(21)ZX4471 on file.", ["(01)00884521337092(17)250930(21)ZX4471"]),
        ("Implant UDI (01)00812345678905(17)270131(10)LOT88(21)SN4412.",
         ["(01)00812345678905(17)270131(10)LOT88(21)SN4412"]),
        # bare long numbers and letter-digit codes
        ("Bare number 88120934 in a note.", ["88120934"]),
        ("Old chart KQ7731904 scanned.", ["KQ7731904"]),
        ("Bare number 88120934, then the plan.", ["88120934"]),
        # a bare number right after the patient's name
        ("Pt Okafor 930538 for cardioversion.", ["930538"]),
        ("Pt Lindqvist (357148) post-op day 2.", ["357148"]),
        ("Pt Montoya 74-116-3823 for DCCV.", ["74-116-3823"]),
        ("pt given heparin 100000 units.", []),
        ("platelets 1,250,000, wbc 12.", []),
        # --- invalid: lab values, doses and words that contain "id"
        ("LVEF 35%.", []),
        ("Troponin 0.04.", []),
        ("Plt 250 K.", []),
        ("Given 12.5 mg.", []),
        ("ID the source of bleeding.", []),
        ("Identified a 3 cm mass.", []),
        ("Serial troponins negative.", []),
        ("Serial EKGs unchanged.", []),
        ("Sodium 135, potassium 4.1.", []),
        ("Tylenol 650 mg PO Q6H.", []),
        ("INR 2.3 on 5 mg.", []),
        ("renal dosing: CrCl 28, record 918922", ["918922"]),  # "record" before a long number
        ("record 1200 ml urine, record I/O q4h", []),
        # --- invalid: doses and vent settings run together in ALL-CAPS notes
        ("TYLENOL650MG PO.", []),
        ("VENT AC500X14 PEEP5.", []),
    ],
)
def test_id_number_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)


@pytest.mark.parametrize(
    "text, phi, label",
    [
        ("MRN: 40817723", "40817723", "MRN"),
        ("Acct # 99812044.", "99812044", "ACCOUNT"),
        ("Member ID XJH448812.", "XJH448812", "HEALTH_PLAN"),
        ("NPI 1234567893.", "1234567893", "LICENSE"),
        ("Pacemaker serial PJN448213K.", "PJN448213K", "DEVICE_ID"),
        ("VIN 1HGCM82633A004352.", "1HGCM82633A004352", "VEHICLE_ID"),
    ],
)
def test_id_number_labels(recognizer, text, phi, label):
    labels = {r.entity_type for r in recognizer.analyze(text) if text[r.start:r.end] == phi}
    assert label in labels


def test_gs1_udi_is_one_device_id(recognizer):
    text = "UDI (01)00884521337092(17)250930(21)ZX4471 on file."
    assert_entities(recognizer, text, [("(01)00884521337092(17)250930(21)ZX4471", "DEVICE_ID")])


def test_gs1_udi_is_one_device_id_through_the_engine(engine):
    # the expiry "(17)250930" must not split the UDI into a DATE and leftovers
    text = "UDI (01)00884521337092(17)250930(21)ZX4471 on file."
    assert [(text[s.start:s.end], s.label) for s in engine.analyze(text)] == [
        ("(01)00884521337092(17)250930(21)ZX4471", "DEVICE_ID")]
