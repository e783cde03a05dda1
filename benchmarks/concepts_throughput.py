"""Concept-extraction throughput (kchar/s) and peak memory, the way ``extract-concepts`` runs.

Texts: the BC5CDR dev abstracts if present (papers), else the bundled synthetic notes in
samples/notes/notes.jsonl repeated to ~300 kchar. Two figures: steady state (the
``extract_many`` loop, model and index already built) and end to end (including the spaCy
model load and the TF-IDF/nmslib index build, which happen once per process). Peak RSS is
sampled in a thread (psutil) over the whole run. ``--repeat N`` multiplies the texts to show
that memory stays flat as input grows (documents stream through ``nlp.pipe`` batches).

    .venv/bin/python benchmarks/concepts_throughput.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DATA, REPO, PeakRss, forbid_network, read_jsonl, write_result  # noqa: E402

BC5CDR = DATA / "bc5cdr-cardio-dev" / "dev.jsonl"
NOTES = REPO / "samples" / "notes" / "notes.jsonl"


def texts() -> tuple[str, list[str]]:
    if BC5CDR.is_file():
        return "bc5cdr-cardio-dev abstracts", [d["text"] for d in read_jsonl(BC5CDR)]
    notes = [d["text"] for d in read_jsonl(NOTES)]
    repeated = []
    while sum(map(len, repeated)) < 300_000:
        repeated.extend(notes)
    return "samples/notes (repeated)", repeated


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="run the texts this many times over")
    args = parser.parse_args()
    attempts = forbid_network()
    source, documents = texts()
    documents = documents * args.repeat
    chars = sum(map(len, documents))
    with PeakRss() as memory:
        started = time.perf_counter()
        from terminology.extractor import ConceptExtractor

        extractor = ConceptExtractor.default()
        ready = time.perf_counter()
        mentions = sum(len(found) for found in extractor.extract_many(documents))
        finished = time.perf_counter()
    report = {"texts": source, "documents": len(documents), "kchar": round(chars / 1000, 1), "mentions": mentions,
              "build_seconds": round(ready - started, 2),
              "steady_kchar_per_s": round(chars / 1000 / (finished - ready), 1),
              "end_to_end_kchar_per_s": round(chars / 1000 / (finished - started), 1),
              **memory.to_json(), "network_attempts": len(attempts)}
    print(json.dumps(report, indent=2))
    print(f"results: {write_result('concepts_throughput', report)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
