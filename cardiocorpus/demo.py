"""`make demo`: de-identify the bundled synthetic notes and say what was made and where.

Until the Dagster pipeline lands, the demo is the text engine on samples/notes: each note
is de-identified with its patient's known identifiers (as the FHIR adapter will pass
them), the output goes to $CARDIOCORPUS_HOME/demo/, and a summary (counts by entity
type, throughput, residual identifiers found by the second pass) is printed. No PHI is
printed: the sample notes are synthetic, but the demo behaves as it would on real ones.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from cardiocorpus.settings import home, secret_key
from deid.batch import deidentify_stream, LineError
from deid.engine import Document
from deid.known_identifiers import KnownIdentifiers
from deid.policy import Policy
from deid.pseudonyms import key_fingerprint

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "notes"


def main() -> int:
    policy = Policy.load()
    key = secret_key()
    known = {pid: KnownIdentifiers.from_dict(k)
             for pid, k in json.loads((SAMPLES / "known_identifiers.json").read_text()).items()}
    records = [json.loads(line) for line in (SAMPLES / "notes.jsonl").read_text().splitlines() if line.strip()]
    documents = [(i, Document(r["id"], r["text"], r["patient_id"], known.get(r["patient_id"], KnownIdentifiers())))
                 for i, r in enumerate(records, 1)]
    out_dir = home() / "demo"
    out_dir.mkdir(parents=True, exist_ok=True)
    out_path = out_dir / "notes.deid.jsonl"
    counts: dict[str, int] = {}
    residual = failed = 0
    started = time.perf_counter()
    with out_path.open("w", encoding="utf-8") as sink:
        for result in deidentify_stream(documents, policy, key, workers=1):
            if isinstance(result, LineError):
                failed += 1
                print(f"quarantined: {result}")
                continue
            residual += len(result.residual)
            for label, n in result.counts().items():
                counts[label] = counts.get(label, 0) + n
            sink.write(json.dumps({"id": result.id, "patient": result.patient_key, "text": result.text,
                                   "spans": [s.to_json() for s in result.spans]}) + "\n")
    seconds = time.perf_counter() - started
    chars = sum(len(r["text"]) for r in records)
    print(f"cardiocorpus demo: de-identified {len(records) - failed} of {len(records)} sample notes "
          f"({chars / 1000:.1f} kchar in {seconds:.1f}s, {chars / 1000 / seconds:.1f} kchar/s incl. model load)")
    print(f"policy {policy.name} {policy.version} (sha256 {policy.sha256[:12]}), key fingerprint {key_fingerprint(key)}")
    print("detections by entity type:")
    for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {label:<12} {n}")
    print(f"residual known identifiers after the second pass: {residual}")
    print(f"output: {out_path}")
    return 1 if residual or failed else 0


if __name__ == "__main__":
    sys.exit(main())
