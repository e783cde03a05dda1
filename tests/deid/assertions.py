"""Assertions shared by the de-identification tests (in the manner of Presidio's ``assertions.py``)."""

from __future__ import annotations


def covered(spans) -> list[tuple[int, int]]:
    """The stretches of text the spans cover, in order: overlapping spans are united.

    A recognizer may report "2023-03-14" and, from another pattern, "2023" inside it, or
    "St. Agatha's" and "Agatha's Hospital"; what the tables check is the text that ends up
    covered (the engine merges overlaps the same way). Adjacent spans stay apart.
    """
    stretches: list[list[int]] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if stretches and span.start < stretches[-1][1]:
            stretches[-1][1] = max(stretches[-1][1], span.end)
        else:
            stretches.append([span.start, span.end])
    return [(start, end) for start, end in stretches]


def outermost(spans):
    """Spans not contained in another one, in text order (to read their labels)."""
    kept = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if kept and span.start >= kept[-1].start and span.end <= kept[-1].end:
            continue
        kept.append(span)
    return kept


def matched_texts(spans, text: str) -> list[str]:
    return [text[start:end] for start, end in covered(spans)]


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
