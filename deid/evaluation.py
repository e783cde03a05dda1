"""Scoring de-identification the way the held-out evaluation does (shared data README).

- A gold span is caught only if every alphanumeric character of it lies inside a
  predicted span (span recall, also by label).
- Character precision / recall over alphanumeric characters; F2 weights recall.
Missed spans are reported by id, offsets and label (and text only where asked, since
gold text is PHI).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DeidScores:
    gold_spans: int = 0
    caught_spans: int = 0
    by_label: dict[str, list[int]] = field(default_factory=dict)  # label -> [caught, total]
    true_chars: int = 0
    predicted_chars: int = 0
    gold_chars: int = 0
    missed: list[dict] = field(default_factory=list)

    @property
    def span_recall(self) -> float:
        return self.caught_spans / self.gold_spans if self.gold_spans else 1.0

    @property
    def char_precision(self) -> float:
        return self.true_chars / self.predicted_chars if self.predicted_chars else 1.0

    @property
    def char_recall(self) -> float:
        return self.true_chars / self.gold_chars if self.gold_chars else 1.0

    @property
    def f2(self) -> float:
        p, r = self.char_precision, self.char_recall
        return 5 * p * r / (4 * p + r) if p + r else 0.0

    def summary(self) -> dict:
        return {"span_recall": round(self.span_recall, 4), "char_precision": round(self.char_precision, 4),
                "char_recall": round(self.char_recall, 4), "f2": round(self.f2, 4), "gold_spans": self.gold_spans,
                "caught_spans": self.caught_spans,
                "recall_by_label": {k: round(c / t, 4) if t else 1.0 for k, (c, t) in sorted(self.by_label.items())},
                "missed": len(self.missed)}


def score_document(scores: DeidScores, doc_id: str, text: str, gold: list[dict], predicted: list[dict],
                   with_text: bool = False) -> None:
    covered = bytearray(len(text))
    for span in predicted:
        for i in range(max(0, span["start"]), min(len(text), span["end"])):
            covered[i] = 1
    gold_mask = bytearray(len(text))
    for span in gold:
        chars = [i for i in range(span["start"], min(span["end"], len(text))) if text[i].isalnum()]
        for i in chars:
            gold_mask[i] = 1
        caught = all(covered[i] for i in chars)
        scores.gold_spans += 1
        label = scores.by_label.setdefault(span["label"], [0, 0])
        label[1] += 1
        if caught:
            scores.caught_spans += 1
            label[0] += 1
        else:
            miss = {"id": doc_id, "start": span["start"], "end": span["end"], "label": span["label"]}
            if with_text:
                miss["text"] = text[span["start"]:span["end"]]
            scores.missed.append(miss)
    for i, ch in enumerate(text):
        if ch.isalnum():
            if covered[i]:
                scores.predicted_chars += 1
                if gold_mask[i]:
                    scores.true_chars += 1
            if gold_mask[i]:
                scores.gold_chars += 1
