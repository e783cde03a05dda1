"""``deid-text`` and ``eval-deid``: the text engine on JSONL (contracts in DESIGN.md)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def _deid_text(args) -> int:
    from cardiocorpus.settings import secret_key
    from deid.batch import LineError, deidentify_stream, read_documents
    from deid.policy import Policy, PolicyError

    try:
        policy = Policy.load(args.policy)
    except (PolicyError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    key = secret_key()
    failed = written = chars = 0
    counts: dict[str, int] = {}
    started = time.perf_counter()
    with open(args.input, "rb") as source, open(args.output, "w", encoding="utf-8") as sink:
        for result in deidentify_stream(read_documents(source), policy, key, workers=args.workers):
            if isinstance(result, LineError):
                failed += 1
                print(f"error: {args.input}: {result}", file=sys.stderr)
                continue
            sink.write(result.to_json_line())
            written += 1
            chars += result.input_length
            for label, n in result.counts().items():
                counts[label] = counts.get(label, 0) + n
    seconds = time.perf_counter() - started
    summary = {"written": written, "failed": failed, "detections": dict(sorted(counts.items())),
               "seconds": round(seconds, 2),
               "kchar_per_s": round(chars / 1000 / seconds, 1) if seconds else None, "policy": policy.version, "policy_sha256": policy.sha256}
    print(json.dumps(summary), file=sys.stderr)
    return 1 if failed else 0


def _eval_deid(args) -> int:
    from deid.evaluation import DeidScores, score_document

    gold = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    if args.pred:
        predicted = {}
        for line in open(args.pred, encoding="utf-8"):
            if line.strip():
                record = json.loads(line)
                predicted[str(record["id"])] = record.get("spans", [])
    else:
        predicted = _predict(gold, args.workers)
    scores = DeidScores()
    for record in gold:
        score_document(scores, str(record["id"]), record["text"], record.get("spans", []),
                       predicted.get(str(record["id"]), []), with_text=args.show_text)
    summary = scores.summary()
    print(json.dumps(summary, indent=2))
    if args.missed:
        with open(args.missed, "w", encoding="utf-8") as handle:
            for miss in scores.missed:
                handle.write(json.dumps(miss, ensure_ascii=False) + "\n")
    else:
        for miss in scores.missed[:50]:
            print(json.dumps(miss, ensure_ascii=False))
    return 0


def _predict(gold: list[dict], workers: int | None) -> dict[str, list[dict]]:
    from cardiocorpus.settings import secret_key
    from deid.batch import LineError, deidentify_stream
    from deid.engine import Document
    from deid.policy import Policy

    items = [(i, Document(str(r["id"]), r["text"], r.get("patient_id"))) for i, r in enumerate(gold, 1)]
    out = {}
    for result in deidentify_stream(items, Policy.load(), secret_key(), workers=workers):
        if isinstance(result, LineError):
            print(f"warning: gold {result} (scored as no predictions)", file=sys.stderr)
            continue
        out[result.id] = [s.to_json() for s in result.spans]
    return out


def register(sub) -> None:
    p = sub.add_parser("deid-text", help="de-identify JSONL clinical text")
    p.add_argument("input", type=Path)
    p.add_argument("--output", required=True, type=Path)
    p.add_argument("--policy", type=Path)
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    p.set_defaults(func=_deid_text)

    p = sub.add_parser("eval-deid", help="score predicted PHI spans against gold spans")
    p.add_argument("--gold", required=True, type=Path)
    p.add_argument("--pred", type=Path, help="deid-text output; if omitted the engine runs on the gold texts")
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--missed", type=Path, help="write missed spans (JSONL) here")
    p.add_argument("--show-text", action="store_true", help="include the missed PHI text (local use only)")
    p.set_defaults(func=_eval_deid)
