"""Assertions shared by the de-identification tests (in the manner of Presidio's ``assertions.py``)."""

from __future__ import annotations


def outermost(spans):
    """Spans (RecognizerResults or engine Spans) not contained in another one, in text order.

    A recognizer may report "2023-03-14" and, from another pattern, "2023" inside it; what
    the tables check is the text that ends up covered, so nested duplicates are dropped.
    """
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    kept = []
    for span in ordered:
        if kept and span.start >= kept[-1].start and span.end <= kept[-1].end:
            continue
        kept.append(span)
    return kept


def matched_texts(spans, text: str) -> list[str]:
    return [text[s.start:s.end] for s in outermost(spans)]


def assert_recognizer_finds(recognizer, text: str, expected_texts: list[str]) -> None:
    results = recognizer.analyze(text)
    found = matched_texts(results, text)
    assert found == expected_texts, f"{type(recognizer).__name__}: found {found}, expected {expected_texts}"


def assert_entities(recognizer, text: str, expected: list[tuple[str, str]]) -> None:
    """Matched texts with their entity labels, outermost spans only."""
    results = outermost(recognizer.analyze(text))
    assert [(text[r.start:r.end], r.entity_type) for r in results] == expected


def touches(span, start: int, end: int) -> bool:
    return span.start < end and start < span.end
