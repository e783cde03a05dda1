"""Notes readers: every format yields records in order; every bad file or line yields a ReadError
that names where and why without quoting the content."""

from __future__ import annotations

import json

import pytest

from readers import NoteColumns, NoteRecord, ReadError, read_notes
from readers import common

SECRET = "Winifred Quarrington"  # invented; must never appear in an error


def _records(path, **kw):
    return list(read_notes(path, **kw))


def test_txt_with_sidecar(tmp_path):
    note = tmp_path / "40817723.txt"
    note.write_text(f"Seen with {SECRET}. AF on metoprolol.\r\n", encoding="utf-8")
    note.with_suffix(".json").write_text(json.dumps({"patient_id": "p1", "date": "2023-03-14", "note_type": "consult"}))
    [record] = _records(note)
    assert isinstance(record, NoteRecord)
    assert record.text == f"Seen with {SECRET}. AF on metoprolol.\n"
    assert (record.patient_id, record.date, record.note_type) == ("p1", "2023-03-14", "consult")


def test_txt_without_sidecar_has_no_patient(tmp_path):
    note = tmp_path / "n.txt"
    note.write_text("LVEF 35%.", encoding="utf-8")
    [record] = _records(note)
    assert record.patient_id is None and record.source_id == "n"


def test_jsonl_with_configured_columns_keeps_order_and_reports_bad_lines(tmp_path):
    path = tmp_path / "notes.jsonl"
    lines = [json.dumps({"note_id": "a", "body": "first AF note", "mrn": "m1"}),
             '{"note_id": "b", "body": ',  # truncated
             json.dumps({"note_id": "c", "body": ""}),
             json.dumps(["not", "an", "object"]),
             json.dumps({"note_id": "d", "body": f"{SECRET} has MR", "mrn": "m2", "unit": "CCU"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _records(path, columns=NoteColumns(id="note_id", text="body", patient_id="mrn"))
    assert [type(r).__name__ for r in out] == ["NoteRecord", "ReadError", "ReadError", "ReadError", "NoteRecord"]
    assert [r.line for r in out] == [1, 2, 3, 4, 5]
    assert out[0].source_id == "a" and out[4].patient_id == "m2" and out[4].extra == {"unit": "CCU"}
    assert all(SECRET not in str(r) for r in out if isinstance(r, ReadError))


def test_csv_with_multiline_note(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text('id,patient_id,text\n1,p1,"line one\nline two, with comma"\n2,p2,second\n', encoding="utf-8")
    out = _records(path)
    assert [r.text for r in out] == ["line one\nline two, with comma", "second"]
    assert [r.patient_id for r in out] == ["p1", "p2"]


def test_csv_without_text_column_names_the_column(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("id,body\n1,AF\n", encoding="utf-8")
    [error] = _records(path)
    assert isinstance(error, ReadError) and "'text' column" in error.reason


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"   \n\t\n", "only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL bytes"),
    ("caf\u00e9 note".encode("latin-1"), "not UTF-8"),
])
def test_bad_txt_deliveries_are_refused_with_a_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [error] = _records(path)
    assert isinstance(error, ReadError) and reason in error.reason and error.location == "bad.txt"


def test_oversized_note_is_refused_without_reading_it(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "MAX_DOCUMENT_BYTES", 1000)
    from readers import notes
    monkeypatch.setattr(notes, "MAX_DOCUMENT_BYTES", 1000)
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # sparse: 2 GB on paper, nothing on disk
        handle.truncate(2 * 1024**3)
    read_bytes = []
    monkeypatch.setattr(type(path), "read_bytes", lambda self: read_bytes.append(self) or b"")
    [error] = _records(path)
    assert "over the 1000-byte limit" in error.reason and not read_bytes


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "note.docx"
    path.write_bytes(b"PK")
    [error] = _records(path)
    assert "unsupported note format .docx" in error.reason


def test_location_label_replaces_the_file_name(tmp_path):
    path = tmp_path / "40817723.txt"  # file names are often MRNs
    path.write_bytes(b"")
    [error] = _records(path, location="delivery-1a2b")
    assert "40817723" not in str(error) and str(error).startswith("delivery-1a2b")
