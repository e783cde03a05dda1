"""deid.evaluation: the held-out scoring rules (span recall on alphanumerics, character P/R, F2)."""

import pytest

from deid.evaluation import DeidScores, score_document

TEXT = "Seen by Dr. Ana Quintero on 3/14/2023."
ANA_QUINTERO = {"start": 12, "end": 24, "label": "PERSON"}
DATE = {"start": 28, "end": 37, "label": "DATE"}


def test_offsets_of_the_fixture():
    assert TEXT[12:24] == "Ana Quintero" and TEXT[28:37] == "3/14/2023"


def score(predicted, gold=(ANA_QUINTERO, DATE), text=TEXT, with_text=False):
    scores = DeidScores()
    score_document(scores, "doc-1", text, list(gold), predicted, with_text=with_text)
    return scores


def test_a_partially_covered_gold_span_is_not_caught():
    scores = score([{"start": 16, "end": 24, "label": "PERSON"}, DATE])  # only "Quintero"
    assert (scores.caught_spans, scores.gold_spans) == (1, 2)
    assert scores.span_recall == 0.5
    assert scores.summary()["recall_by_label"] == {"DATE": 1.0, "PERSON": 0.0}
    assert scores.missed == [{"id": "doc-1", "start": 12, "end": 24, "label": "PERSON"}]


def test_punctuation_need_not_be_covered():
    # "3", "14" and "2023" predicted separately: every alphanumeric character is covered
    pieces = [{"start": 28, "end": 29, "label": "DATE"}, {"start": 30, "end": 32, "label": "DATE"},
              {"start": 33, "end": 37, "label": "DATE"}]
    scores = score(pieces + [ANA_QUINTERO])
    assert scores.span_recall == 1.0 and scores.char_recall == 1.0


def test_character_precision_counts_alphanumerics_only():
    # the predicted date span swallows the space before and the full stop after: no penalty
    wide_date = {"start": 27, "end": 38, "label": "DATE"}
    scores = score([ANA_QUINTERO, wide_date])
    assert scores.predicted_chars == 11 + 7  # "AnaQuintero" + "3142023"
    assert scores.char_precision == 1.0
    # a predicted "Seen" (4 alphanumerics, not PHI) does cost precision
    scores = score([ANA_QUINTERO, wide_date, {"start": 0, "end": 4, "label": "PERSON"}])
    assert scores.char_precision == pytest.approx(18 / 22)
    assert scores.char_recall == 1.0


def test_f2_weights_recall():
    scores = score([{"start": 16, "end": 24, "label": "PERSON"}, {"start": 0, "end": 4, "label": "PERSON"}])
    p, r = scores.char_precision, scores.char_recall
    assert p == pytest.approx(8 / 12) and r == pytest.approx(8 / 18)
    assert scores.f2 == pytest.approx(5 * p * r / (4 * p + r))


def test_missed_spans_carry_text_only_when_asked():
    assert "text" not in score([]).missed[0]
    assert score([], with_text=True).missed[0]["text"] == "Ana Quintero"


def test_empty_gold_and_prediction_score_perfectly():
    scores = score([], gold=())
    assert scores.span_recall == scores.char_precision == scores.char_recall == 1.0
