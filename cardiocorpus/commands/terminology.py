"""``extract-concepts`` (contract in DESIGN.md) and ``terminology-import`` (licensed releases)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


class LineError(ValueError):
    """A line that is not a JSON object with a string ``id`` and ``text``; names the line, never its content."""


def _documents(path: Path, errors: list[str]):
    """(line number, id, text) of each good line; bad lines are recorded and skipped."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
                if not isinstance(record, dict):
                    raise LineError("not a JSON object")
                if not isinstance(record.get("id"), (str, int)) or isinstance(record.get("id"), bool):
                    raise LineError("missing or non-string 'id'")
                if not isinstance(record.get("text"), str):
                    raise LineError("missing or non-string 'text'")
            except (json.JSONDecodeError, UnicodeDecodeError) as error:
                errors.append(f"{path}: line {number}: not valid JSON ({type(error).__name__})")
                continue
            except LineError as error:
                errors.append(f"{path}: line {number}: {error}")
                continue
            yield number, str(record["id"]), record["text"]


def _extract_concepts(args) -> int:
    from terminology.extractor import ConceptExtractor

    extractor = ConceptExtractor.default()
    errors: list[str] = []
    written = mentions = chars = 0
    started = time.perf_counter()
    batch: list[tuple[int, str, str]] = []

    def extracted(items):
        try:
            yield from zip(items, list(extractor.extract_many(t for _, _, t in items)))
        except Exception:  # one bad document must not sink its batch: redo them one by one
            for item in items:
                try:
                    yield item, extractor.extract(item[2])
                except Exception as error:
                    errors.append(f"{args.input}: line {item[0]}: extraction failed ({type(error).__name__})")

    def flush(sink) -> None:
        nonlocal written, mentions, chars
        for (_, doc_id, text), found in extracted(batch):
            sink.write(json.dumps({"id": doc_id, "mentions": [m.to_json() for m in found]}, ensure_ascii=False) + "\n")
            written += 1
            mentions += len(found)
            chars += len(text)
        batch.clear()

    with open(args.output, "w", encoding="utf-8") as sink:
        for item in _documents(args.input, errors):
            batch.append(item)
            if len(batch) >= 64:  # bounded memory on large inputs; order is kept
                flush(sink)
        flush(sink)
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    seconds = time.perf_counter() - started
    print(json.dumps({"written": written, "failed": len(errors), "mentions": mentions, "seconds": round(seconds, 2),
                      "kchar_per_s": round(chars / 1000 / seconds, 1) if seconds else None,
                      "terminology": extractor.store.versions}), file=sys.stderr)
    return 1 if errors else 0


def _terminology_import(args) -> int:
    from cardiocorpus.settings import home
    from terminology.loaders import ReleaseError, combine, load_loinc, load_rxnorm, load_snomed_rf2, load_umls
    from terminology.store import ConceptStore

    releases = []
    try:
        if args.snomed:
            releases.append(load_snomed_rf2(args.snomed, language=args.language))
        if args.umls:
            releases.append(load_umls(args.umls))
        if args.rxnorm:
            releases.append(load_rxnorm(args.rxnorm))
        if args.loinc:
            releases.append(load_loinc(args.loinc))
    except (ReleaseError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not releases:
        print("error: give at least one of --snomed, --umls, --rxnorm, --loinc", file=sys.stderr)
        return 2
    release = combine(releases)
    store = ConceptStore.shipped().with_release(release.concepts, release.terms, release.cross_maps, release.versions,
                                                release.hierarchy)
    target = store.save(args.output or home() / "terminology")
    if args.duckdb:
        store.write_duckdb(args.duckdb)
    print(json.dumps({"store": str(target), "concepts": len(store), "versions": store.versions}))
    return 0


def register(sub) -> None:
    p = sub.add_parser("extract-concepts", help="concept mentions (SNOMED CT, ICD-10-CM, LOINC, RxNorm) in JSONL text")
    p.add_argument("input", type=Path)
    p.add_argument("--output", required=True, type=Path)
    p.set_defaults(func=_extract_concepts)

    p = sub.add_parser("terminology-import", help="build a fuller concept store from licensed releases you hold")
    p.add_argument("--snomed", type=Path, help="SNOMED CT RF2 release folder (Snapshot files are found inside)")
    p.add_argument("--language", choices=["US", "GB"], default="US", help="preferred terms from this language refset")
    p.add_argument("--umls", type=Path, help="UMLS META folder with MRCONSO.RRF (and MRSTY.RRF)")
    p.add_argument("--rxnorm", type=Path, help="RxNorm rrf folder with RXNCONSO.RRF")
    p.add_argument("--loinc", type=Path, help="the LOINC table, Loinc.csv")
    p.add_argument("--output", type=Path, help="store folder (default: $CARDIOCORPUS_HOME/terminology, used by default)")
    p.add_argument("--duckdb", type=Path, help="also write the tables to this DuckDB file")
    p.set_defaults(func=_terminology_import)
