"""Clinical notes as delivered: one `.txt` per note (with an optional sidecar `.json`), JSONL, or CSV.

`source_id` is whatever the sender called the note (a file stem is often an MRN): it is kept
for lineage inside the store's source table only and must never be written to outputs.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from readers.common import (MAX_DELIVERY_BYTES, MAX_DOCUMENT_BYTES, ReadError, UnreadableFile, check_size,
                            decode, read_text)

NOTE_SUFFIXES = (".txt", ".jsonl", ".csv")
SIDECAR_KEYS = ("patient_id", "date", "note_type", "id")


@dataclass(frozen=True)
class NoteColumns:
    """Which JSONL keys or CSV columns hold what (senders name them differently)."""

    id: str = "id"
    text: str = "text"
    patient_id: str = "patient_id"
    date: str = "date"
    note_type: str = "note_type"


@dataclass(frozen=True)
class NoteRecord:
    source_id: str
    text: str
    location: str
    line: int | None = None
    patient_id: str | None = None
    date: str | None = None
    note_type: str | None = None
    extra: dict = field(default_factory=dict)


def read_notes(path: Path, columns: NoteColumns = NoteColumns(), location: str | None = None
               ) -> Iterator[NoteRecord | ReadError]:
    """Every note of one delivered file, in order; a bad file or line becomes a `ReadError`."""
    path = Path(path)
    where = location or path.name
    suffix = path.suffix.lower()
    try:
        if suffix == ".txt":
            yield _read_txt(path, where)
        elif suffix == ".jsonl":
            yield from _read_jsonl(path, columns, where)
        elif suffix == ".csv":
            yield from _read_csv(path, columns, where)
        else:
            yield ReadError(where, f"unsupported note format {suffix or '(no suffix)'}; expected one of {', '.join(NOTE_SUFFIXES)}")
    except UnreadableFile as error:
        yield ReadError(where, str(error))
    except OSError as error:
        yield ReadError(where, f"cannot read file ({error.strerror or type(error).__name__})")


def _read_txt(path: Path, where: str) -> NoteRecord:
    text = read_text(path, MAX_DOCUMENT_BYTES)
    sidecar = _sidecar(path)
    return NoteRecord(source_id=str(sidecar.get("id") or path.stem), text=text, location=where,
                      patient_id=_optional(sidecar.get("patient_id")), date=_optional(sidecar.get("date")),
                      note_type=_optional(sidecar.get("note_type")))


def _sidecar(path: Path) -> dict:
    side = path.with_suffix(".json")
    if not side.exists():
        return {}
    try:
        data = json.loads(decode(side.read_bytes(), "sidecar"))
    except (UnreadableFile, json.JSONDecodeError) as error:
        raise UnreadableFile(f"sidecar {side.name} is not valid JSON ({type(error).__name__})") from None
    if not isinstance(data, dict):
        raise UnreadableFile(f"sidecar {side.name} must be a JSON object")
    return {k: data[k] for k in SIDECAR_KEYS if k in data}


def _optional(value) -> str | None:
    return None if value in (None, "") else str(value)


def _record(fields: dict, columns: NoteColumns, where: str, line: int) -> NoteRecord | ReadError:
    text = fields.get(columns.text)
    if not isinstance(text, str) or not text.strip():
        return ReadError(where, f"no text in column/key '{columns.text}'", line)
    if len(text.encode("utf-8")) > MAX_DOCUMENT_BYTES:
        return ReadError(where, f"note over the {MAX_DOCUMENT_BYTES}-byte limit", line)
    known = {columns.id, columns.text, columns.patient_id, columns.date, columns.note_type}
    return NoteRecord(source_id=str(fields.get(columns.id) or line), text=text, location=where, line=line,
                      patient_id=_optional(fields.get(columns.patient_id)), date=_optional(fields.get(columns.date)),
                      note_type=_optional(fields.get(columns.note_type)),
                      extra={k: v for k, v in fields.items() if k not in known and isinstance(v, (str, int, float, bool))})


def _read_jsonl(path: Path, columns: NoteColumns, where: str) -> Iterator[NoteRecord | ReadError]:
    check_size(path, MAX_DELIVERY_BYTES)
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                fields = json.loads(decode(raw, "line"))
            except UnreadableFile as error:
                yield ReadError(where, str(error), number)
                continue
            except json.JSONDecodeError as error:
                yield ReadError(where, f"invalid JSON at column {error.colno} ({error.msg})", number)
                continue
            if not isinstance(fields, dict):
                yield ReadError(where, "line is not a JSON object", number)
                continue
            yield _record(fields, columns, where, number)


def _read_csv(path: Path, columns: NoteColumns, where: str) -> Iterator[NoteRecord | ReadError]:
    check_size(path, MAX_DELIVERY_BYTES)
    csv.field_size_limit(MAX_DOCUMENT_BYTES)
    with open(path, "rb") as raw:
        head = raw.read(65536)
        decode(head[: head.rfind(b"\n") + 1] or head, "file")  # refuse binary data before parsing
        raw.seek(0)
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        reader = csv.DictReader(text)
        try:
            header = reader.fieldnames or []
        except UnicodeDecodeError:
            raise UnreadableFile("file is not UTF-8 text") from None
        if columns.text not in header:
            raise UnreadableFile(f"no '{columns.text}' column (columns: {len(header)}); configure NoteColumns")
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as error:
                yield ReadError(where, f"not UTF-8 text (invalid byte at offset {error.start} of a block)", reader.line_num)
                return
            except csv.Error as error:
                yield ReadError(where, f"malformed CSV ({error})", reader.line_num)
                return
            yield _record(row, columns, where, reader.line_num)
