"""Streaming, parallel de-identification of JSONL: the engine behind ``cardiocorpus deid-text``.

Lines are read one at a time, grouped into chunks, and sent to worker processes (forked
from a parent that built the engine once). At most a few chunks per worker are in flight, so memory stays
flat whatever the input size; results come back in input order. A malformed line (not
UTF-8, not JSON, no text) or a document over its time budget becomes a
:class:`LineError` naming the line; the others are still written.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections import deque
from dataclasses import dataclass
from typing import BinaryIO, Iterable, Iterator

from deid.deadline import DocumentTimeout
from deid.engine import DeidEngine, DeidResult, Document, DocumentFailed
from deid.known_identifiers import KnownIdentifiers
from deid.policy import Policy

CHUNK = 32
MAX_CHUNK = 256


@dataclass(frozen=True)
class LineError:
    line: int
    reason: str  # never contains the document text

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


def parse_line(number: int, raw: bytes) -> Document | LineError | None:
    if not raw.strip():
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return LineError(number, f"not UTF-8 (byte {error.start})")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        return LineError(number, f"invalid JSON ({error.msg} at column {error.colno})")
    if not isinstance(record, dict):
        return LineError(number, "not a JSON object")
    if not isinstance(record.get("text"), str):
        return LineError(number, "missing or non-string 'text'")
    doc_id = record.get("id")
    doc_id = str(doc_id) if doc_id is not None else f"line-{number}"
    patient = record.get("patient_id")
    try:
        known = KnownIdentifiers.from_dict(record.get("known_identifiers"))
    except (TypeError, ValueError):
        return LineError(number, "malformed 'known_identifiers'")
    return Document(doc_id, record["text"], str(patient) if patient is not None else None, known)


def read_documents(stream: BinaryIO) -> Iterator[tuple[int, Document | LineError]]:
    for number, raw in enumerate(stream, start=1):
        parsed = parse_line(number, raw)
        if parsed is not None:
            yield number, parsed


_worker_engine: DeidEngine | None = None


def _run_chunk(chunk: list[tuple[int, Document]]) -> list[tuple[int, DeidResult | LineError]]:
    return list(_process(_worker_engine, chunk))


def _process(engine: DeidEngine, chunk: list[tuple[int, Document]]):
    for (number, _), result in zip(chunk, engine.deidentify_many([d for _, d in chunk], batch_size=MAX_CHUNK)):
        if isinstance(result, (DocumentTimeout, DocumentFailed)):
            yield number, LineError(number, f"quarantined: {result}")
        else:
            yield number, result


def _chunks(items: Iterable[tuple[int, Document | LineError]]) -> Iterator[list]:
    """Chunks of about CHUNK lines that do not split a run of one patient's documents (up to
    MAX_CHUNK), so the engine can share what one note reveals with that patient's other notes.
    The cut points depend only on the input, so the output does not depend on the workers."""
    chunk: list = []
    for item in items:
        if len(chunk) >= CHUNK and (len(chunk) >= MAX_CHUNK or _patient(item) is None
                                    or _patient(item) != _patient(chunk[-1])):
            yield chunk
            chunk = []
        chunk.append(item)
    if chunk:
        yield chunk


def _patient(item) -> str | None:
    document = item[1]
    return document.patient_id if isinstance(document, Document) else None


def deidentify_stream(items: Iterable[tuple[int, Document | LineError]], policy: Policy, key: bytes,
                      workers: int | None = None, engine: DeidEngine | None = None) -> Iterator[DeidResult | LineError]:
    """Results (or errors) in input order."""
    workers = workers or os.cpu_count() or 1
    if workers <= 1:
        engine = engine or DeidEngine(policy, key)
        for chunk in _chunks(items):
            errors = {n: d for n, d in chunk if isinstance(d, LineError)}
            done = dict(_process(engine, [(n, d) for n, d in chunk if not isinstance(d, LineError)]))
            for number, _ in chunk:
                yield errors.get(number) or done[number]
        return
    # Build the engine once and fork: workers inherit the loaded model and word lists
    # instead of each loading them again (seconds per worker on this machine).
    global _worker_engine
    _worker_engine = engine or DeidEngine(policy, key)
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        in_flight: deque = deque()
        for chunk in _chunks(items):
            errors = {n: d for n, d in chunk if isinstance(d, LineError)}
            good = [(n, d) for n, d in chunk if not isinstance(d, LineError)]
            in_flight.append(([n for n, _ in chunk], errors, pool.apply_async(_run_chunk, (good,))))
            while len(in_flight) > workers * 3:
                yield from _collect(in_flight.popleft())
        while in_flight:
            yield from _collect(in_flight.popleft())


def _collect(entry) -> Iterator[DeidResult | LineError]:
    numbers, errors, pending = entry
    done = dict(pending.get())
    for number in numbers:
        yield errors.get(number) or done[number]
