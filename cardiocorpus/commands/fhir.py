"""``deid-fhir``: de-identify FHIR Bundles and Bulk NDJSON (contract in DESIGN.md).

One output per input, named by pseudonym. Exit 1 if anything was quarantined or failed,
after writing the rest; stderr names each failure by input number, the input's hash and the
resource's pseudonymous id, never by file name (input names are often MRNs) or value.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def _inputs(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Files given, and the FHIR files inside folders given (sorted); plus paths that do not exist."""
    from fhir_adapters.process import input_kind

    found, missing = [], []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and input_kind(p)))
        elif path.is_file():
            found.append(path)
        else:
            missing.append(path)
    return found, missing


def _deid_fhir(args) -> int:
    from cardiocorpus.settings import secret_key
    from deid import DeidEngine
    from deid.policy import Policy, PolicyError
    from fhir_adapters.process import collect_known, process_path
    from fhir_adapters.ruleset import Rules, RulesError

    try:
        policy = Policy.load(args.policy)
        rules = Rules.load(args.rules)
    except (PolicyError, RulesError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    inputs, missing = _inputs(args.inputs)
    for path in missing:  # by position: the path itself may be an MRN
        print(f"error: input argument {args.inputs.index(path) + 1} does not exist", file=sys.stderr)
    key = secret_key()
    engine = DeidEngine(policy, key)
    started = time.perf_counter()
    known = collect_known(inputs)
    failed = written = resources = 0
    counts: dict[str, int] = {}
    for number, path in enumerate(inputs, 1):
        result = process_path(path, args.output, key=key, engine=engine, rules=rules, known=known)
        written += len(result.outputs)
        resources += result.resources_out
        for label, n in result.detections.items():
            counts[label] = counts.get(label, 0) + n
        if result.quarantined or not result.outputs:
            failed += 1
        for item in result.quarantined:
            print(f"error: input {number} (sha256 {result.input_sha256[:12]}): {item}", file=sys.stderr)
    summary = {"inputs": len(inputs), "outputs": written, "failed_inputs": failed, "missing_inputs": len(missing),
               "resources_out": resources, "detections": dict(sorted(counts.items())),
               "seconds": round(time.perf_counter() - started, 2), "rules": rules.version,
               "rules_sha256": rules.sha256, "policy": policy.version, "policy_sha256": policy.sha256}
    print(json.dumps(summary), file=sys.stderr)
    return 1 if failed or missing or not inputs else 0


def register(sub) -> None:
    p = sub.add_parser("deid-fhir", help="de-identify FHIR R4 Bundles and Bulk NDJSON")
    p.add_argument("inputs", nargs="+", type=Path, metavar="IN", help="files or folders of .json/.json.gz/.ndjson")
    p.add_argument("--output", required=True, type=Path, help="folder for the de-identified files")
    p.add_argument("--policy", type=Path, help="text de-identification policy (YAML)")
    p.add_argument("--rules", type=Path, help="FHIR de-identification rules (YAML; default: the packaged rules)")
    p.set_defaults(func=_deid_fhir)
