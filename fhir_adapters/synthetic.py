"""Synthea-like R4 bundles of invented cardiology patients, for tests, samples and benchmarks.

Deterministic: the same seed gives the same bundle. Every name, place, number and note is
invented here from small general lists (nothing comes from any real or shared data set).
Notes carry the patient's name, MRN and birth date in several spellings on purpose, so
tests can check that de-identification removes them.
"""

from __future__ import annotations

import base64
import random
import uuid
from datetime import date, datetime, timedelta, timezone

FIRST = ["Orlena", "Bastiaan", "Quillan", "Maritza", "Ewerth", "Solvei", "Tamsin", "Idrisa", "Caryth", "Ravelle",
         "Jorunn", "Perrin", "Odalys", "Thessaly", "Brannoc", "Liesl"]
LAST = ["Quistgaard", "Vennholt", "Brackwater", "Oakhallow", "Pemberwick", "Lindqvarn", "Thorncastle", "Ashgrove",
        "Merriwether", "Dunstavel", "Halloway", "Crestmoor", "Fenwright", "Yarborough", "Kestrand", "Wolvercote"]
CITIES = ["Fernhollow", "Maple Crossing", "Eastbrook Falls", "Ravenmoor", "Silverdale Junction", "Harrowgate"]
STREETS = ["Larkspur Lane", "Quarry Hill Road", "Bellflower Avenue", "Tanner Street", "Juniper Court", "Old Mill Drive"]
STATES = [("Massachusetts", "MA", "01"), ("Ohio", "OH", "43"), ("Oregon", "OR", "97"), ("Wyoming", "WY", "82")]
HOSPITALS = ["Fernhollow Valley Heart Institute", "Ravenmoor General Hospital", "Eastbrook Cardiology Associates"]

CONDITIONS = [("49436004", "Atrial fibrillation"), ("84114007", "Heart failure"), ("38341003", "Hypertensive disorder"),
              ("53741008", "Coronary arteriosclerosis"), ("22298006", "Myocardial infarction")]
MEDICATIONS = [("855332", "Warfarin Sodium 5 MG Oral Tablet"), ("1364445", "apixaban 5 MG Oral Tablet"),
               ("866514", "Metoprolol Tartrate 50 MG Oral Tablet"), ("617310", "atorvastatin 20 MG Oral Tablet")]
PROCEDURES = [("40701008", "Echocardiography"), ("41976001", "Cardiac catheterization"),
              ("29303009", "Electrocardiographic procedure")]
LABS = [("10230-1", "Left ventricular Ejection fraction", "%", (25, 65)),
        ("2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "mg/dL", (140, 260)),
        ("18262-6", "Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay", "mg/dL", (60, 190)),
        ("2085-9", "Cholesterol in HDL [Mass/volume] in Serum or Plasma", "mg/dL", (30, 80)),
        ("8867-4", "Heart rate", "/min", (48, 130))]

SNOMED, LOINC, RXNORM = "http://snomed.info/sct", "http://loinc.org", "http://www.nlm.nih.gov/research/umls/rxnorm"
MRN_SYSTEM = "http://hospital.example.org/mrn"
BUNDLE_TYPES = ("transaction", "collection", "searchset", "batch", "document")


class _Maker:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def digits(self, n: int) -> str:
        return "".join(str(self.rng.randrange(10)) for _ in range(n))

    def pick(self, items):
        return items[self.rng.randrange(len(items))]


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _when(base: datetime, days: int, minutes: int = 0) -> str:
    return (base + timedelta(days=days, minutes=minutes)).isoformat()


def make_patient_resources(seed: int) -> list[dict]:
    """One invented cardiology patient's resources (Patient first), references as ``Type/id``."""
    m = _Maker(seed)
    first, last, mother = m.pick(FIRST), m.pick(LAST), m.pick(LAST)
    state, state_code, zip_prefix = m.pick(STATES)
    city, street = m.pick(CITIES), f"{m.rng.randrange(10, 9999)} {m.pick(STREETS)}"
    birth = date(1930 + m.rng.randrange(60), 1 + m.rng.randrange(12), 1 + m.rng.randrange(28))
    mrn, ssn = f"MRN{m.digits(7)}", f"999-{m.digits(2)}-{m.digits(4)}"
    phone = f"555-{m.digits(3)}-{m.digits(4)}"
    patient_id, doctor_id, org_id, location_id = m.uid(), m.uid(), m.uid(), m.uid()
    doctor_first, doctor_last = m.pick(FIRST), m.pick(LAST)
    hospital = m.pick(HOSPITALS)
    ref = {"patient": f"Patient/{patient_id}", "doctor": f"Practitioner/{doctor_id}",
           "org": f"Organization/{org_id}", "location": f"Location/{location_id}"}
    patient = {
        "resourceType": "Patient", "id": patient_id,
        "text": {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{first} {last}, '
                                               f'MRN {mrn}, born {birth.isoformat()}</div>'},
        "extension": [
            {"url": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race", "extension": [
                {"url": "ombCategory", "valueCoding": {"system": "urn:oid:2.16.840.1.113883.6.238", "code": "2106-3",
                                                       "display": "White"}},
                {"url": "text", "valueString": "White"}]},
            {"url": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity", "extension": [
                {"url": "ombCategory", "valueCoding": {"system": "urn:oid:2.16.840.1.113883.6.238", "code": "2186-5",
                                                       "display": "Not Hispanic or Latino"}},
                {"url": "text", "valueString": "Not Hispanic or Latino"}]},
            {"url": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex", "valueCode": m.pick(["F", "M"])},
            {"url": "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName", "valueString": mother},
            {"url": "http://hl7.org/fhir/StructureDefinition/patient-birthPlace",
             "valueAddress": {"city": m.pick(CITIES), "state": state, "country": "US"}},
            {"url": "http://example.org/fhir/StructureDefinition/favourite-nickname", "valueString": f"{first[:3]}ie"},
        ],
        "identifier": [
            {"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR",
                                  "display": "Medical Record Number"}], "text": "Medical Record Number"},
             "system": MRN_SYSTEM, "value": mrn},
            {"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "SS",
                                  "display": "Social Security Number"}], "text": "Social Security Number"},
             "system": "http://hl7.org/fhir/sid/us-ssn", "value": ssn},
            {"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "DL",
                                  "display": "Driver's License"}], "text": "Driver's License"},
             "system": "urn:oid:2.16.840.1.113883.4.3.25", "value": f"S{m.digits(8)}"},
        ],
        "name": [{"use": "official", "family": last, "given": [first], "prefix": ["Ms."]}],
        "telecom": [{"system": "phone", "value": phone, "use": "home"},
                    {"system": "email", "value": f"{first.lower()}.{last.lower()}@mail.example.com"}],
        "gender": m.pick(["female", "male"]), "birthDate": birth.isoformat(),
        "address": [{"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/geolocation", "extension": [
            {"url": "latitude", "valueDecimal": 42.0 + m.rng.random()},
            {"url": "longitude", "valueDecimal": -71.0 - m.rng.random()}]}],
            "line": [street], "city": city, "state": state_code, "postalCode": f"{zip_prefix}{m.digits(3)}",
            "country": "US"}],
        "maritalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-MaritalStatus", "code": "M",
                                      "display": "Married"}], "text": "Married"},
    }
    practitioner = {"resourceType": "Practitioner", "id": doctor_id,
                    "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": f"99{m.digits(8)}"}],
                    "name": [{"family": doctor_last, "given": [doctor_first], "prefix": ["Dr."]}],
                    "telecom": [{"system": "phone", "value": f"555-{m.digits(3)}-{m.digits(4)}", "use": "work"}],
                    "address": [{"line": [f"{m.rng.randrange(10, 999)} {m.pick(STREETS)}"], "city": m.pick(CITIES),
                                 "state": state_code, "postalCode": f"{zip_prefix}{m.digits(3)}", "country": "US"}],
                    "gender": m.pick(["female", "male"])}
    organization = {"resourceType": "Organization", "id": org_id, "name": hospital,
                    "identifier": [{"system": "http://example.org/org-id", "value": f"ORG{m.digits(6)}"}],
                    "telecom": [{"system": "phone", "value": f"555-{m.digits(3)}-{m.digits(4)}"}],
                    "address": [{"line": [f"{m.rng.randrange(10, 999)} {m.pick(STREETS)}"], "city": m.pick(CITIES),
                                 "state": state_code, "postalCode": f"{zip_prefix}{m.digits(3)}", "country": "US"}]}
    location = {"resourceType": "Location", "id": location_id, "status": "active", "name": f"{hospital} Cath Lab",
                "address": {"line": [f"{m.rng.randrange(10, 999)} {m.pick(STREETS)}"], "city": m.pick(CITIES),
                            "state": state_code, "postalCode": f"{zip_prefix}{m.digits(3)}"},
                "managingOrganization": {"reference": ref["org"], "display": hospital}}
    resources = [patient, practitioner, organization, location]
    start = datetime(2015 + m.rng.randrange(6), 1 + m.rng.randrange(12), 1 + m.rng.randrange(28), 9, 30,
                     tzinfo=timezone(timedelta(hours=-5)))
    spellings = [birth.strftime("%m/%d/%Y"), birth.strftime("%B %d, %Y").replace(" 0", " "), birth.isoformat(),
                 f"{birth.day} {birth.strftime('%b')} {birth.year}"]
    for visit in range(3):
        day = visit * (40 + m.rng.randrange(200))
        encounter_id = m.uid()
        encounter_ref = f"Encounter/{encounter_id}"
        resources.append({"resourceType": "Encounter", "id": encounter_id, "status": "finished",
                          "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
                          "type": [{"coding": [{"system": SNOMED, "code": "185349003",
                                                "display": "Encounter for check up"}], "text": "Encounter for check up"}],
                          "subject": {"reference": ref["patient"], "display": f"{first} {last}"},
                          "participant": [{"individual": {"reference": ref["doctor"], "display": f"Dr. {doctor_first} {doctor_last}"}}],
                          "period": {"start": _when(start, day), "end": _when(start, day, 45 + 15 * visit)},
                          "location": [{"location": {"reference": ref["location"]}}],
                          "serviceProvider": {"reference": ref["org"], "display": hospital}})
        code, display = CONDITIONS[(seed + visit) % len(CONDITIONS)]
        resources.append({"resourceType": "Condition", "id": m.uid(),
                          "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                                                         "code": "active"}]},
                          "verificationStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                                                             "code": "confirmed"}]},
                          "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-category",
                                                    "code": "encounter-diagnosis"}]}],
                          "code": {"coding": [{"system": SNOMED, "code": code, "display": display}], "text": display},
                          "subject": {"reference": ref["patient"]}, "encounter": {"reference": encounter_ref},
                          "onsetDateTime": _when(start, day), "recordedDate": _when(start, day, 5),
                          "note": [{"text": f"Discussed with {first} {last} and daughter at the visit.",
                                    "authorString": f"Dr. {doctor_last}", "time": _when(start, day, 30)}]})
        for lab_code, lab_display, unit, (low, high) in LABS:
            resources.append({"resourceType": "Observation", "id": m.uid(), "status": "final",
                              "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                                        "code": "laboratory" if unit == "mg/dL" else "vital-signs"}]}],
                              "code": {"coding": [{"system": LOINC, "code": lab_code, "display": lab_display}],
                                       "text": lab_display},
                              "subject": {"reference": ref["patient"]}, "encounter": {"reference": encounter_ref},
                              "effectiveDateTime": _when(start, day, 10), "issued": _when(start, day, 90) ,
                              "valueQuantity": {"value": round(m.rng.uniform(low, high), 1), "unit": unit,
                                                "system": "http://unitsofmeasure.org", "code": unit}})
        resources.append({"resourceType": "Observation", "id": m.uid(), "status": "final",
                          "code": {"coding": [{"system": LOINC, "code": "85354-9", "display": "Blood pressure panel"}]},
                          "subject": {"reference": ref["patient"]}, "encounter": {"reference": encounter_ref},
                          "effectiveDateTime": _when(start, day, 12),
                          "component": [
                              {"code": {"coding": [{"system": LOINC, "code": "8480-6", "display": "Systolic blood pressure"}]},
                               "valueQuantity": {"value": m.rng.randrange(100, 170), "unit": "mm[Hg]",
                                                 "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}},
                              {"code": {"coding": [{"system": LOINC, "code": "8462-4", "display": "Diastolic blood pressure"}]},
                               "valueQuantity": {"value": m.rng.randrange(60, 100), "unit": "mm[Hg]",
                                                 "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}}],
                          "note": [{"text": f"Taken by {doctor_first} {doctor_last} in clinic; patient phone {phone}."}]})
        rx_code, rx_display = MEDICATIONS[(seed + visit) % len(MEDICATIONS)]
        resources.append({"resourceType": "MedicationRequest", "id": m.uid(), "status": "active", "intent": "order",
                          "medicationCodeableConcept": {"coding": [{"system": RXNORM, "code": rx_code, "display": rx_display}],
                                                        "text": rx_display},
                          "subject": {"reference": ref["patient"]}, "encounter": {"reference": encounter_ref},
                          "authoredOn": _when(start, day, 40), "requester": {"reference": ref["doctor"]},
                          "dosageInstruction": [{"text": "Take one tablet by mouth daily", "sequence": 1}]})
        procedure_code, procedure_display = PROCEDURES[visit % len(PROCEDURES)]
        resources.append({"resourceType": "Procedure", "id": m.uid(), "status": "completed",
                          "code": {"coding": [{"system": SNOMED, "code": procedure_code, "display": procedure_display}],
                                   "text": procedure_display},
                          "subject": {"reference": ref["patient"]}, "encounter": {"reference": encounter_ref},
                          "performedPeriod": {"start": _when(start, day, 15), "end": _when(start, day, 35)},
                          "performer": [{"actor": {"reference": ref["doctor"]}}]})
        note = (f"Cardiology follow-up note\nPatient: {first} {last}   MRN: {mrn}   DOB: {spellings[visit % 4]}\n"
                f"{last.upper()}, {first.upper()} is seen for {display.lower()}. Born {spellings[(visit + 1) % 4]}. "
                f"Lives at {street}, {city}. Call {phone}. Ms. {last} reports palpitations; continue {rx_display}.\n"
                f"Seen by Dr. {doctor_first} {doctor_last} at {hospital}.")
        if visit % 2 == 0:
            content = {"contentType": "text/plain", "data": _b64(note), "title": "Cardiology note"}
        else:
            html_note = "".join(f"<p>{line}</p>" for line in note.split("\n"))
            content = {"contentType": "text/html", "data": _b64(f"<html><body>{html_note}</body></html>"),
                       "title": f"Note for {first} {last}"}
        resources.append({"resourceType": "DocumentReference", "id": m.uid(), "status": "current",
                          "type": {"coding": [{"system": LOINC, "code": "11506-3", "display": "Progress note"}]},
                          "subject": {"reference": ref["patient"]}, "date": _when(start, day, 60),
                          "author": [{"reference": ref["doctor"]}],
                          "content": [{"attachment": content}],
                          "context": {"encounter": [{"reference": encounter_ref}],
                                      "period": {"start": _when(start, day), "end": _when(start, day, 45)}}})
    echo_report = (f"Transthoracic echo for {first} {last} (MRN {mrn}), DOB {spellings[0]}. "
                   f"LVEF 35%. Moderate MR. Read by Dr. {doctor_last}.")
    resources.append({"resourceType": "DiagnosticReport", "id": m.uid(), "status": "final",
                      "code": {"coding": [{"system": LOINC, "code": "34552-0", "display": "Cardiac 2D echo panel"}]},
                      "subject": {"reference": ref["patient"]}, "effectiveDateTime": _when(start, 10),
                      "issued": _when(start, 10, 120), "conclusion": f"Reduced LV function; discussed with {first}.",
                      "presentedForm": [{"contentType": "text/plain", "data": _b64(echo_report)}]})
    resources.append({"resourceType": "Immunization", "id": m.uid(), "status": "completed",
                      "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "140",
                                                  "display": "Influenza, seasonal, injectable, preservative free"}]},
                      "patient": {"reference": ref["patient"]}, "occurrenceDateTime": _when(start, 3),
                      "primarySource": True, "lotNumber": f"LOT{m.digits(5)}"})
    resources.append({"resourceType": "AllergyIntolerance", "id": m.uid(),
                      "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                                                     "code": "active"}]},
                      "type": "allergy", "category": ["medication"], "criticality": "high",
                      "code": {"coding": [{"system": SNOMED, "code": "91936005", "display": "Allergy to penicillin"}]},
                      "patient": {"reference": ref["patient"]}, "recordedDate": _when(start, 1)})
    resources.append({"resourceType": "Device", "id": m.uid(), "status": "active",
                      "udiCarrier": [{"deviceIdentifier": m.digits(14), "carrierHRF": f"(01){m.digits(14)}(21){m.digits(6)}"}],
                      "serialNumber": f"PJN{m.digits(6)}", "lotNumber": f"L{m.digits(5)}",
                      "type": {"coding": [{"system": SNOMED, "code": "14106009", "display": "Cardiac pacemaker"}]},
                      "patient": {"reference": ref["patient"]}})
    return resources


def _uuid_references(node, urls: dict[str, str]):
    if isinstance(node, dict):
        return {k: (urls.get(v, v) if k == "reference" and isinstance(v, str) else _uuid_references(v, urls))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_uuid_references(v, urls) for v in node]
    return node


def make_bundle(seed: int, bundle_type: str = "transaction", patients: int = 1) -> dict:
    """A Bundle of ``patients`` invented patients; transaction/batch/collection/document use
    ``urn:uuid:`` fullUrls and references, searchset a server's absolute fullUrls."""
    resources = [r for i in range(patients) for r in make_patient_resources(seed * 101 + i)]
    maker = _Maker(seed)
    if bundle_type == "document":
        patient = resources[0]
        resources.insert(0, {"resourceType": "Composition", "id": maker.uid(), "status": "final",
                             "type": {"coding": [{"system": LOINC, "code": "18842-5", "display": "Discharge summary"}]},
                             "subject": {"reference": f"Patient/{patient['id']}"}, "date": "2021-05-02T10:00:00Z",
                             "author": [{"reference": f"Practitioner/{resources[1]['id']}"}],
                             "title": f"Discharge summary for {patient['name'][0]['given'][0]} {patient['name'][0]['family']}",
                             "section": [{"title": "Hospital course", "text": {"status": "generated", "div":
                                 f'<div xmlns="http://www.w3.org/1999/xhtml"><p>{patient["name"][0]["given"][0]} '
                                 f'{patient["name"][0]["family"]} (MRN {patient["identifier"][0]["value"]}) was admitted '
                                 f'with rapid atrial fibrillation.</p></div>'}}]})
    entries = []
    if bundle_type == "searchset":
        base = "https://ehr.example.org/fhir"
        for r in resources:
            entries.append({"fullUrl": f"{base}/{r['resourceType']}/{r['id']}", "resource": r, "search": {"mode": "match"}})
    else:
        urls = {f"{r['resourceType']}/{r['id']}": f"urn:uuid:{r['id']}" for r in resources}
        for r in resources:
            entry = {"fullUrl": f"urn:uuid:{r['id']}", "resource": _uuid_references(r, urls)}
            if bundle_type in ("transaction", "batch"):
                entry["request"] = {"method": "POST", "url": r["resourceType"]}
            entries.append(entry)
    bundle = {"resourceType": "Bundle", "id": maker.uid(), "type": bundle_type, "entry": entries}
    if bundle_type == "document":
        bundle["identifier"] = {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{maker.uid()}"}
        bundle["timestamp"] = "2021-05-02T10:00:00Z"
    if bundle_type == "searchset":
        bundle["total"] = len(entries)
        bundle["link"] = [{"relation": "self", "url": f"https://ehr.example.org/fhir/Patient?identifier={resources[0]['identifier'][0]['value']}"}]
    return bundle


def make_ndjson(seed: int, patients: int = 2) -> dict[str, list[dict]]:
    """A Bulk Data export of invented patients: resource type -> resources (references ``Type/id``)."""
    by_type: dict[str, list[dict]] = {}
    for i in range(patients):
        for resource in make_patient_resources(seed * 101 + i):
            by_type.setdefault(resource["resourceType"], []).append(resource)
    return by_type
