"""The synthetic context dev set (terminology/data/context_dev.jsonl) is well formed, and the
flags stay right on it (benchmarks/concepts_context_eval.py reports the details)."""

import json

from terminology.context import FLAGS
from terminology.store import SHIPPED


def _cases():
    with open(SHIPPED / "context_dev.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_cases_name_a_term_of_their_text_and_known_flags():
    cases = _cases()
    assert len({c["id"] for c in cases}) == len(cases) >= 40
    for case in cases:
        assert case["term"] in case["text"], case["id"]
        assert set(case["flags"]) <= set(FLAGS), case["id"]
    assert {flag for c in cases for flag in c["flags"]} == set(FLAGS)


def test_context_accuracy_on_the_dev_set(extractor):
    cases = _cases()
    right = 0
    for case, mentions in zip(cases, extractor.extract_many(c["text"] for c in cases)):
        start = case["text"].index(case["term"])
        target = next((m for m in mentions if m.start <= start < m.end), None)
        right += target is not None and {f for f in FLAGS if target.flags[f]} == set(case["flags"])
    assert right / len(cases) >= 0.9
