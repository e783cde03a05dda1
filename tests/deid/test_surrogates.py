"""Surrogates are consistent per patient and keyed: same name, same patient -> same surrogate."""

from datetime import date

import regex

from deid import Document
from deid.surrogates import PatientSurrogates, generalize_zip


def surrogate_of(engine, text: str, pattern: str, patient_id: str, doc_id: str) -> str:
    result = engine.deidentify(Document(doc_id, text, patient_id))
    match = regex.fullmatch(pattern, result.text)
    assert match, result.text
    return match.group(1)


NOTE_ONE = ("Daughter Philippa Ashcombe visited.", r"Daughter (.+) visited\.")
NOTE_TWO = ("Spoke with Dr. Quintero; daughter Philippa Ashcombe agrees.", r"Spoke with Dr\. \S+; daughter (.+) agrees\.")


def test_same_name_in_two_notes_of_one_patient(engine):
    first = surrogate_of(engine, *NOTE_ONE, "patient-s1", "note-1")
    second = surrogate_of(engine, *NOTE_TWO, "patient-s1", "note-2")
    assert first == second
    assert "Philippa" not in first and "Ashcombe" not in first
    assert regex.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", first)


def test_other_patient_or_key_gives_another_surrogate(engine, make_engine):
    mine = surrogate_of(engine, *NOTE_ONE, "patient-s1", "note-1")
    other_patient = surrogate_of(engine, *NOTE_ONE, "patient-s2", "note-1")
    other_key = surrogate_of(make_engine(key_bytes=b"another-test-key"), *NOTE_ONE, "patient-s1", "note-1")
    assert mine != other_patient
    assert mine != other_key


def test_name_parts_stay_coherent(engine):
    text = "Husband Ambrose Fairweather at bedside. Mr. Fairweather agrees."
    result = engine.deidentify(Document("coherent", text, "patient-s3"))
    match = regex.fullmatch(r"Husband (\w+) (\w+) at bedside\. Mr\. (\w+) agrees\.", result.text)
    assert match, result.text
    first, last, mister = match.groups()
    assert last == mister
    caps = engine.deidentify(Document("coherent-caps", "HUSBAND AMBROSE FAIRWEATHER AT BEDSIDE.", "patient-s3"))
    assert caps.text == f"HUSBAND {first.upper()} {last.upper()} AT BEDSIDE."


def test_dates_of_one_patient_move_together(engine):
    one = surrogate_of(engine, "Admitted 3/14/2023.", r"Admitted (.+)\.", "patient-d", "adm")
    two = surrogate_of(engine, "Discharged 3/20/2023.", r"Discharged (.+)\.", "patient-d", "dis")
    d1, d2 = (date(int(y), int(m), int(d)) for m, d, y in (s.split("/") for s in (one, two)))
    assert (d2 - d1).days == 6
    assert d1 != date(2023, 3, 14)


def test_date_offset_is_never_zero_and_keyed(key, lexicons):
    offsets = {PatientSurrogates(key, f"p-{i}", lexicons).offset_days for i in range(50)}
    assert 0 not in offsets and len(offsets) > 10
    assert PatientSurrogates(key, "p-1", lexicons).offset_days == PatientSurrogates(key, "p-1", lexicons).offset_days


def test_surrogates_avoid_the_patients_own_names(key, lexicons):
    surrogates = PatientSurrogates(key, "p-avoid", lexicons, frozenset({"Ambrose", "Fairweather"}))
    for real in ("Ambrose", "Fairweather", "Philippa", "Quintero"):
        fake = surrogates.person(real)
        assert fake.lower() not in {"ambrose", "fairweather", real.lower()}


def test_phone_surrogates_use_the_fictional_exchange(key, lexicons):
    fake = PatientSurrogates(key, "p-phone", lexicons).phone("(410) 555-0134")
    assert regex.fullmatch(r"\(\d{3}\) 555-\d{4}", fake) and fake != "(410) 555-0134"


def test_zip_generalisation():
    assert generalize_zip("21204") == "212"
    assert generalize_zip("03601") == "000"  # restricted ZIP3 under Safe Harbor
    assert generalize_zip("89012-3344") == "000"
