"""Properties of engine.analyze on arbitrary text: spans in bounds, sorted and non-overlapping."""

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deid import Document

WORDS = ["Dr.", "DR", "dtr", "Mrs.", "husband", "Quintero", "AMBROSE", "fairweather", "Hagerstown", "MD", "RN", ",",
         "Hospital", "Clinic", "3/14/2023", "2023-03-14", "14-Mar-2023", "410-555-0134", "MRN", "4481920", "92",
         "yo", "q.f@example.org", "www.example.org", "10.0.0.5", "123-45-6789", "AF", "Lasix", "Holter",
         "Foley", "pain", "5/10", "\n", "(", ")", ":", "-", "'", "St.", "Lane", "42"]

TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=40).map("".join),
)
PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(text=TEXTS)
def test_spans_are_in_bounds_sorted_and_disjoint(engine, text):
    spans = engine.analyze(text)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert 0 < span.score <= 1
    for before, after in zip(spans, spans[1:]):
        assert before.end <= after.start


@PROPERTY
@given(text=TEXTS)
def test_text_outside_the_spans_is_kept(engine, text):
    result = engine.deidentify(Document("prop", text, "patient-prop"))
    gaps, cursor = [], 0
    for span in result.spans:
        gaps.append(text[cursor:span.start])
        cursor = span.end
    gaps.append(text[cursor:])
    shape = "(.*?)".join(regex.escape(gap) for gap in gaps)
    assert regex.fullmatch(shape, result.text, regex.DOTALL, timeout=10)
