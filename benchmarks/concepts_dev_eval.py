"""Dev-set report for concept extraction on BC5CDR (cardiovascular subset), scored as the
held-out evaluation is, next to the plain seed-dictionary baseline measured in the same run.

- recall: share of gold cardiovascular (``cv``) Disease mentions that a predicted mention overlaps;
- normalization accuracy: share of those gold mentions that carry a gold SNOMED code or CUI
  (the others cannot be normalized right by anyone) for which an overlapping predicted
  mention has its SNOMED code among the gold SNOMED codes or its CUI among the gold CUIs.
  ``accuracy_all_cv`` (same numerator over every cv mention) and ``accuracy_found`` (over
  the found codable mentions) are printed too, so the definition is never in doubt.
- baseline: every seed term (preferred term and synonyms of cardiology_concepts.csv) found
  case-insensitively on word boundaries, longest first, no abbreviations, no fuzzy matching.

Nothing from the dev data is written to the repository; results (numbers only) go to
benchmarks/results/. If the data folder is absent it says so and exits 0.

    .venv/bin/python benchmarks/concepts_dev_eval.py [--split train|dev] [--by-text]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DATA, REPO, forbid_network, read_jsonl, write_result  # noqa: E402

BC5CDR = DATA / "bc5cdr-cardio-dev" / "dev.jsonl"
SEED = REPO / "terminology" / "data" / "cardiology_concepts.csv"


def score(documents: list[dict], predictions: list[list[dict]]) -> dict:
    gold_cv = found = codable = right = found_codable = 0
    for document, predicted in zip(documents, predictions):
        for gold in document["mentions"]:
            if not gold["cv"]:
                continue
            gold_cv += 1
            overlapping = [p for p in predicted if p["start"] < gold["end"] and gold["start"] < p["end"]]
            has_code = bool(gold["snomed"] or gold["cui"])
            codable += has_code
            found += bool(overlapping)
            found_codable += bool(overlapping) and has_code
            right += any((p["system"] == "SNOMED" and p["code"] in gold["snomed"]) or p.get("cui") in gold["cui"]
                         for p in overlapping if p.get("cui") or p["system"] == "SNOMED")
    return {"gold_cv_mentions": gold_cv, "codable": codable, "recall": round(found / gold_cv, 3),
            "accuracy": round(right / codable, 3), "accuracy_all_cv": round(right / gold_cv, 3),
            "accuracy_found": round(right / found_codable, 3) if found_codable else None}


class SeedDictionary:
    """The plain baseline: seed terms on word boundaries, longest first."""

    def __init__(self, path: Path):
        self.terms: dict[str, tuple[str, str, str | None]] = {}
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for term in [row["preferred_term"], *filter(None, row["synonyms"].split("|"))]:
                    self.terms.setdefault(term.lower(), (row["system"], row["code"], row["umls_cui"] or None))
        ordered = sorted(self.terms, key=len, reverse=True)
        self.pattern = regex.compile(r"\b(?:" + "|".join(regex.escape(t) for t in ordered) + r")\b")

    def __call__(self, text: str) -> list[dict]:
        out = []
        for match in self.pattern.finditer(text.lower(), timeout=10):
            system, code, cui = self.terms[match.group()]
            out.append({"start": match.start(), "end": match.end(), "system": system, "code": code, "cui": cui})
        return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["train", "dev"], help="only this split (default: both)")
    parser.add_argument("--by-text", action="store_true",
                        help="print missed gold mention strings by frequency (dev text: local use only)")
    args = parser.parse_args()
    if not BC5CDR.is_file():
        print(f"no dev data at {BC5CDR}: skipped")
        return 0
    attempts = forbid_network()
    documents = [d for d in read_jsonl(BC5CDR) if args.split in (None, d["split"])]

    baseline = SeedDictionary(SEED)
    baseline_predictions = [baseline(d["text"]) for d in documents]

    from terminology.extractor import ConceptExtractor

    started = time.perf_counter()
    extractor = ConceptExtractor.default()
    loaded = time.perf_counter()
    predictions = [[m.to_json() for m in mentions] for mentions in extractor.extract_many(d["text"] for d in documents)]
    finished = time.perf_counter()

    report = {"documents": len(documents), "split": args.split or "train+dev",
              "extractor": score(documents, predictions), "seed_dictionary_baseline": score(documents, baseline_predictions),
              "store_versions": extractor.store.versions,
              "seconds": {"load": round(loaded - started, 1), "extract": round(finished - loaded, 1)},
              "network_attempts": len(attempts)}
    print(json.dumps(report, indent=2))
    print(f"results: {write_result('concepts_dev_eval', report)}", file=sys.stderr)
    if args.by_text:
        missed, wrong = Counter(), Counter()
        for document, predicted in zip(documents, predictions):
            for gold in document["mentions"]:
                if not gold["cv"]:
                    continue
                hits = [p for p in predicted if p["start"] < gold["end"] and gold["start"] < p["end"]]
                if not hits:
                    missed[gold["text"].lower()] += 1
                elif (gold["snomed"] or gold["cui"]) and not any(
                        p["code"] in gold["snomed"] or p["cui"] in gold["cui"] for p in hits):
                    wrong[(gold["text"].lower(), hits[0]["code"], hits[0]["display"])] += 1
        print("missed:", missed.most_common(60))
        print("wrongly normalized:", wrong.most_common(40))
    return 0


if __name__ == "__main__":
    sys.exit(main())
