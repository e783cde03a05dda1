"""Accuracy of the context flags on the synthetic cardiology sentences in
terminology/data/context_dev.jsonl (invented; 40 sentences written for this purpose).

Each line names one target mention (``term``) and the flags it should carry. A sentence is
right when the extractor finds the target and all five flags (negated, historical, family,
hypothetical, uncertain) are exactly as expected. Prints overall accuracy, per-flag
precision/recall, and the ids of wrong sentences (the sentences are synthetic: safe to show).

    .venv/bin/python benchmarks/concepts_context_eval.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, forbid_network, read_jsonl, write_result  # noqa: E402

DEV = REPO / "terminology" / "data" / "context_dev.jsonl"


def evaluate(extractor, cases: list[dict]) -> dict:
    from terminology.context import FLAGS

    right, not_found, wrong = 0, [], []
    counts = {flag: {"tp": 0, "fp": 0, "fn": 0} for flag in FLAGS}
    for case, mentions in zip(cases, extractor.extract_many(c["text"] for c in cases)):
        start = case["text"].index(case["term"])
        target = next((m for m in mentions if m.start <= start < m.end), None)
        if target is None:
            not_found.append(case["id"])
            continue
        expected = set(case["flags"])
        got = {flag for flag in FLAGS if target.flags[flag]}
        for flag in FLAGS:
            counts[flag]["tp"] += flag in got and flag in expected
            counts[flag]["fp"] += flag in got and flag not in expected
            counts[flag]["fn"] += flag not in got and flag in expected
        if got == expected:
            right += 1
        else:
            wrong.append({"id": case["id"], "expected": sorted(expected), "got": sorted(got)})
    per_flag = {flag: {"precision": round(c["tp"] / (c["tp"] + c["fp"]), 3) if c["tp"] + c["fp"] else None,
                       "recall": round(c["tp"] / (c["tp"] + c["fn"]), 3) if c["tp"] + c["fn"] else None}
                for flag, c in counts.items()}
    return {"sentences": len(cases), "accuracy": round(right / len(cases), 3), "target_not_found": not_found,
            "per_flag": per_flag, "wrong": wrong}


def main() -> int:
    forbid_network()
    from terminology.extractor import ConceptExtractor

    report = evaluate(ConceptExtractor.default(), read_jsonl(DEV))
    print(json.dumps(report, indent=2))
    print(f"results: {write_result('concepts_context_eval', report)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
