"""What one note reveals about a patient's names marks the same words in that patient's other notes."""

from __future__ import annotations

from deid import Document
from deid.batch import _chunks


def spans_of(result, text):
    return [(text[s.start:s.end], s.label) for s in result.spans]


FIRST = "Seen with Mr. Quillfeather, who reports less dyspnea."
SECOND = "overnight quillfeather slept well, tolerated po meds."


def test_a_name_found_with_context_marks_it_in_the_patients_next_note(engine):
    first, second = engine.deidentify_many([Document("n1", FIRST, "pat-1"), Document("n2", SECOND, "pat-1")])
    assert ("Quillfeather", "PERSON") in spans_of(first, FIRST)
    assert ("quillfeather", "PERSON") in spans_of(second, SECOND)
    assert "quillfeather" not in second.text.lower()


def test_another_patients_note_is_not_affected(engine):
    _, second = engine.deidentify_many([Document("n1", FIRST, "pat-1"), Document("n2", SECOND, "pat-2")])
    assert spans_of(second, SECOND) == []


def test_chunks_keep_a_patients_run_together():
    items = [(i, Document(f"d{i}", "x", "pat-A" if i < 40 else "pat-B")) for i in range(60)]
    sizes = [len(chunk) for chunk in _chunks(items)]
    assert sizes == [40, 20]  # the cut after 32 waits for the patient to change
    assert sum(sizes) == 60
