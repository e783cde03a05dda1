"""Release build time per 10k examples and peak memory, on a synthesized store.

Synthesizes invented, already "de-identified" notes (with SNOMED mentions, one negated),
structured abstracts and clinical tables for N patients, recorded in a few bulk
``CorpusStore.record_*`` calls, then times ``build_release`` (cold: tokenizer load included),
the rebuild of the unchanged corpus (a no-op), and ``certify``. Peak RSS via psutil.

    .venv/bin/python benchmarks/release_build.py [--patients 2000] [--papers 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit import CorpusStore, DeidentifiedDocument, SourceDocument  # noqa: E402
from releases import build_release, certify  # noqa: E402
from _common import BENCH_KEY, PeakRss, forbid_network, write_result  # noqa: E402

PROBLEMS = [("49436004", "Atrial fibrillation", "atrial fibrillation"), ("84114007", "Heart failure", "heart failure"),
            ("38341003", "Hypertensive disorder", "hypertension"), ("22298006", "Myocardial infarction", "old MI"),
            ("48867003", "Bradycardia", "bradycardia"), ("27885002", "Complete atrioventricular block", "CHB")]
DRUGS = ["apixaban 5 MG Oral Tablet", "Warfarin Sodium 5 MG Oral Tablet", "rivaroxaban 20 MG Oral Tablet",
         "metoprolol tartrate 50 MG Oral Tablet"]
WORDS = ("stable dyspnea edema murmur gallop rales syncope presyncope orthopnea fatigue exertion telemetry "
         "diuresis titration follow-up echo holter ablation rhythm rate control").split()


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def at(day: int) -> datetime:
    return datetime(2031, 1, 1, tzinfo=timezone.utc) + timedelta(days=day)


def note(i: int) -> tuple[str, list[dict]]:
    filler = " ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(40 + i % 30))
    a, b = PROBLEMS[i % 6], PROBLEMS[(i // 6) % 6]
    text = f"Visit {i}. Known {a[2]}"
    mentions = [(len("Visit {i}. Known ".format(i=i)), a)]
    text += f" and {b[2]}. No chest pain. Notes {i * 13}: {filler}."
    mentions.append((len(f"Visit {i}. Known {a[2]} and "), b))
    negated = text.index("chest pain")
    rows = [{"start": s, "end": s + len(p[2]), "text": p[2], "system": "SNOMED", "code": p[0], "display": p[1],
             "negated": False} for s, p in mentions]
    rows.append({"start": negated, "end": negated + 10, "text": "chest pain", "system": "SNOMED", "code": "29857009",
                 "display": "Chest pain", "negated": True})
    return text, rows


def synthesize(path: Path, patients: int, papers: int) -> None:
    with CorpusStore.open(path, actor="benchmark") as store:
        bundle = sha("bundle-all")
        sources = [SourceDocument(bundle, "fhir", "fhir/all.ndjson")]
        docs, mentions = [], []
        for i in range(patients):
            patient = f"p-{sha(f'patient-{i}')[:20]}"
            source = sha(f"note-{i}")
            sources.append(SourceDocument(source, "note", f"notes/{i}.txt", patient))
            text, rows = note(i)
            doc_id = f"n-{source[:24]}"
            docs.append(DeidentifiedDocument(doc_id, source, patient, "note", text, {"residual_identifiers": 0}))
            mentions += [r | {"doc_id": doc_id} for r in rows]
        for i in range(papers):
            source = sha(f"paper-{i}")
            sources.append(SourceDocument(source, "paper", f"papers/{i}.xml"))
            body = " ".join(WORDS[(i * 5 + k) % len(WORDS)] for k in range(60 + i % 40))
            text = (f"Invented study {i} of {PROBLEMS[i % 6][2]} number {i * 17}\n\nBackground\n{body}\n\n"
                    f"Methods\nWe followed {100 + i} invented patients.\n\nResults\nEvents fell by {i % 50}%.\n\n"
                    f"Conclusions\nStrategy {i} reduced events in cohort {i * 3}.")
            docs.append(DeidentifiedDocument(f"p-{source[:24]}", source, None, "paper", text, {"residual_identifiers": 0}))
        store.record_sources("bench", "raw/bench", sources)
        store.record_deidentified("bench", "deid/bench", docs, "1.0.0", "cd" * 32, {"engine": "bench"}, {})
        store.record_mentions("bench", "normalized/bench", mentions, {"snomed": "bench"})
        keys = [f"p-{sha(f'patient-{i}')[:20]}" for i in range(patients)]
        ts = pl.Datetime("us", "UTC")
        n = range(patients)
        tables = {
            "patients": pl.DataFrame({"id": [f"pt-{i}" for i in n], "patient_key": keys,
                                      "gender": ["female" if i % 2 else "male" for i in n]}),
            "encounters": pl.DataFrame({"id": [f"e-{i}" for i in n], "patient_key": keys, "class_code": ["IMP"] * patients,
                                        "start": [at(i % 900) for i in n]}, schema_overrides={"start": ts}),
            "conditions": pl.DataFrame({"id": [f"c-{i}" for i in n], "patient_key": keys,
                                        "encounter_id": [f"e-{i}" for i in n], "system": ["http://snomed.info/sct"] * patients,
                                        "code": [PROBLEMS[i % 6][0] for i in n], "display": [PROBLEMS[i % 6][1] for i in n],
                                        "clinical_status": ["active"] * patients, "onset": [at(i % 900) for i in n]},
                                       schema_overrides={"onset": ts}),
            "observations": pl.DataFrame({"id": [f"o-{i}" for i in n], "patient_key": keys, "code": ["10230-1"] * patients,
                                          "display": ["Left ventricular Ejection fraction"] * patients,
                                          "value": [25.0 + i % 40 for i in n], "unit": ["%"] * patients,
                                          "effective": [at(i % 900 + 1) for i in n]}, schema_overrides={"effective": ts}),
            "medications": pl.DataFrame({"id": [f"m-{i}" for i in n], "patient_key": keys,
                                         "system": ["http://www.nlm.nih.gov/research/umls/rxnorm"] * patients,
                                         "code": [str(1000 + i % 4) for i in n], "display": [DRUGS[i % 4] for i in n],
                                         "status": ["active"] * patients, "authored_on": [at(i % 900 + 1) for i in n]},
                                        schema_overrides={"authored_on": ts}),
            "procedures": pl.DataFrame({"id": [f"pr-{i}" for i in n], "patient_key": keys,
                                        "encounter_id": [f"e-{i}" for i in n], "system": ["http://snomed.info/sct"] * patients,
                                        "code": ["40701008"] * patients, "display": ["Echocardiography"] * patients,
                                        "start": [at(i % 900 + 2) for i in n]}, schema_overrides={"start": ts}),
        }
        store.record_tables("bench", "normalized/bench", tables, bundle)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="keep the store and release here")
    args = parser.parse_args()
    attempts = forbid_network()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="release-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        synthesize(folder / "corpus.duckdb", args.patients, args.papers)
        synth_seconds = time.perf_counter() - started
        with CorpusStore.open(folder / "corpus.duckdb", actor="benchmark") as store, PeakRss() as rss:
            started = time.perf_counter()
            build = build_release(store, key=BENCH_KEY, root=folder / "releases")
            build_seconds = time.perf_counter() - started
            started = time.perf_counter()
            again = build_release(store, key=BENCH_KEY, root=folder / "releases")
            rebuild_seconds = time.perf_counter() - started
            started = time.perf_counter()
            certify(store, build.name, build.version, "benchmark", root=folder / "releases")
            certify_seconds = time.perf_counter() - started
        examples = build.counts["train"] + build.counts["validation"]
        result = {"patients": args.patients, "papers": args.papers, "examples": examples,
                  "corpus_documents": build.counts["corpus"],
                  "removed_duplicates": build.counts["removed_exact_duplicates"] + build.counts["removed_near_duplicates"],
                  "synthesize_seconds": round(synth_seconds, 2), "build_seconds": round(build_seconds, 2),
                  "build_seconds_per_10k_examples": round(build_seconds / examples * 10_000, 2),
                  "rebuild_noop_seconds": round(rebuild_seconds, 2), "rebuild_reused": again.reused,
                  "certify_seconds": round(certify_seconds, 2), **rss.to_json(), "network_attempts": len(attempts)}
        print(result)
        print(f"written to {write_result('release_build', result)}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
