"""FHIR adapter throughput, end to end (parse, rules, free text, validate twice, leak check, write).

Bundles: the dev Synthea bundles when present, else synthetic ones. Bulk NDJSON: synthetic
Observation files of two sizes, with and without collecting tables, to show that the
streaming's peak memory does not grow with the file (the tables, which the caller keeps, do).
Prints resources per second and peak RSS (this process, sampled) as figures.

    .venv/bin/python benchmarks/fhir_throughput.py [--bundles N] [--ndjson-mb 4 16]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_KEY, DATA, PeakRss, forbid_network, offline_tldextract, write_result  # noqa: E402


def write_ndjson(path: Path, megabytes: float) -> int:
    """Synthetic Observations (distinct ids) up to ``megabytes``; returns the line count."""
    from fhir_adapters.synthetic import make_ndjson

    target, written, lines, seed = megabytes * 2**20, 0, 0, 0
    with open(path, "w", encoding="utf-8") as handle:
        while written < target:
            seed += 1
            for resource in make_ndjson(seed, patients=1)["Observation"]:
                line = json.dumps(resource) + "\n"
                handle.write(line)
                written += len(line)
                lines += 1
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=10, help="synthetic bundles when the dev set is absent")
    parser.add_argument("--ndjson-mb", type=float, nargs="*", default=[4, 16])
    args = parser.parse_args()
    attempts = forbid_network()
    offline_tldextract()
    from deid import DeidEngine, Policy
    from fhir_adapters import collect_known, process_path
    from fhir_adapters.synthetic import make_bundle

    engine = DeidEngine(Policy.load(), BENCH_KEY)
    report: dict = {"network_attempts": 0}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        dev = sorted((DATA / "synthea-fhir-r4-dev").glob("*.json.gz"))
        if dev:
            bundles, source = dev, "synthea-fhir-r4-dev"
        else:
            bundles, source = [], "synthetic"
            for seed in range(args.bundles):
                path = tmp_path / f"in-{seed}.json"
                path.write_text(json.dumps(make_bundle(seed + 1)))
                bundles.append(path)
        # warm-up (first-use caches: type index, rule matches, spaCy)
        process_path(bundles[0], tmp_path / "warm", key=BENCH_KEY, engine=engine)
        with PeakRss() as rss:
            started = time.perf_counter()
            known = collect_known(bundles)
            resources = 0
            for path in bundles:
                resources += process_path(path, tmp_path / "out", key=BENCH_KEY, engine=engine, known=known).resources_out
            seconds = time.perf_counter() - started
        report["bundles"] = {"source": source, "files": len(bundles), "resources": resources,
                             "seconds": round(seconds, 2), "resources_per_s": round(resources / seconds, 1),
                             **rss.to_json()}
        report["ndjson"] = []
        files = {megabytes: tmp_path / f"Observation-{megabytes}.ndjson" for megabytes in args.ndjson_mb}
        sizes = {megabytes: write_ndjson(path, megabytes) for megabytes, path in files.items()}
        # RSS never shrinks, so the runs go from least to most memory: streaming alone on the
        # smaller then the larger file (equal peaks: bounded), then the same with tables kept.
        for collect_tables in (False, True):
            for megabytes, path in files.items():
                lines = sizes[megabytes]
                with PeakRss() as rss:
                    started = time.perf_counter()
                    result = process_path(path, tmp_path / "out-ndjson", key=BENCH_KEY, engine=engine,
                                          collect_tables=collect_tables)
                    seconds = time.perf_counter() - started
                report["ndjson"].append({"megabytes": megabytes, "lines": lines, "tables": collect_tables,
                                         "resources_out": result.resources_out,
                                         "quarantined": len(result.quarantined), "seconds": round(seconds, 2),
                                         "resources_per_s": round(result.resources_out / seconds, 1), **rss.to_json()})
                del result
    report["network_attempts"] = len(attempts)
    print(json.dumps(report, indent=2))
    print(f"saved {write_result('fhir_throughput', report)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
