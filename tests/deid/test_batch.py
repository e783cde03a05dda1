"""deid.batch: parsing JSONL lines (errors name the line, never the text) and streaming in order."""

import json

import pytest

from deid import DeidResult, Document
from deid.batch import LineError, deidentify_stream, parse_line, read_documents


def line(record) -> bytes:
    return json.dumps(record).encode("utf-8") + b"\n"


def test_a_good_line_becomes_a_document():
    parsed = parse_line(1, line({"id": 7, "text": "Seen by Dr. Quintero.", "patient_id": 12, "extra": True}))
    assert parsed == Document("7", "Seen by Dr. Quintero.", "12")


def test_known_identifiers_are_read():
    parsed = parse_line(1, line({"id": "a", "text": "x", "known_identifiers": {"names": ["Ambrose Fairweather"]}}))
    assert parsed.known.names == ("Ambrose Fairweather",)


def test_missing_id_falls_back_to_the_line_number():
    assert parse_line(5, line({"text": "No id here."})).id == "line-5"


def test_blank_lines_are_skipped():
    assert parse_line(3, b"   \n") is None


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b'{"id": "x", "text": "Dr. Quintero called', "invalid JSON"),
        (b'{"id": "x", "body": "Dr. Quintero called"}', "missing or non-string 'text'"),
        (b'{"id": "x", "text": 42}', "missing or non-string 'text'"),
        (b'["Dr. Quintero called"]', "not a JSON object"),
        ('{"id": "x", "text": "Dr. Qu\u00edntero"}'.encode("latin-1"), "not UTF-8"),
        (b'{"id": "x", "text": "Dr. Quintero", "known_identifiers": {"birth_dates": ["soon"]}}',
         "malformed 'known_identifiers'"),
    ],
)
def test_bad_lines_become_errors_naming_the_line(raw, reason):
    error = parse_line(9, raw)
    assert isinstance(error, LineError)
    assert error.line == 9 and reason in error.reason
    assert str(error).startswith("line 9: ")
    assert "Quintero" not in str(error) and "Qu" not in error.reason


def test_stream_keeps_order_and_errors_in_place(default_policy, key, engine):
    raw = [line({"id": f"n{i}", "text": f"Note {i}: seen by Dr. Quintero."}) for i in range(70)]
    raw[10] = b"not json\n"
    raw[45] = b'{"id": "no-text"}\n'
    import io

    results = list(deidentify_stream(read_documents(io.BytesIO(b"".join(raw))), default_policy, key,
                                     workers=1, engine=engine))
    assert len(results) == 70
    assert [r.line for r in results if isinstance(r, LineError)] == [11, 46]
    good = [r for r in results if not isinstance(r, LineError)]
    assert [r.id for r in good] == [f"n{i}" for i in range(70) if i not in (10, 45)]
    assert all("Quintero" not in r.text for r in good)


def test_an_unexpected_error_becomes_a_line_error_and_the_stream_goes_on(default_policy, key, make_engine,
                                                                          monkeypatch):
    engine = make_engine()
    recognizer = engine.recognizers[0]
    original = recognizer.find

    def find(view, deadline):
        if "Zanzibarite" in view.text:
            raise RuntimeError(f"cannot handle {view.text!r}")
        return original(view, deadline)

    monkeypatch.setattr(recognizer, "find", find)
    items = [(1, Document("bad", "Zanzibarite: seen by Dr. Quintero.", "patient-err")),
             (2, Document("good", "Seen by Dr. Quintero.", "patient-err"))]
    results = list(deidentify_stream(items, default_policy, key, workers=1, engine=engine))
    assert len(results) == 2
    error, result = results
    assert isinstance(error, LineError) and error.line == 1
    assert "RuntimeError" in error.reason
    for phi in ("Zanzibarite", "Quintero", "cannot handle"):
        assert phi not in str(error)
    assert isinstance(result, DeidResult) and result.id == "good" and "Quintero" not in result.text
