"""The FHIR adapter's dev-set targets on ../shared/data/synthea-fhir-r4-dev (skips when absent).

Reports, as numbers only (never values): identifiers of patients, clinicians and
organizations left in output text or file names, by kind (and, as a control, how many of
the searched identifiers the same search finds in the input); % of output resources valid R4B
(plus our checks); clinical codes lost (every coding of Condition, Observation,
MedicationRequest, Procedure, Immunization); encounter intervals not preserved exactly;
date elements left unshifted; quarantined inputs; seconds.

    .venv/bin/python benchmarks/fhir_dev_eval.py
"""

from __future__ import annotations

import base64
import gzip
import json
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_KEY, DATA, forbid_network, offline_tldextract, write_result  # noqa: E402

DEV = DATA / "synthea-fhir-r4-dev"
CODED = {"Condition", "Observation", "MedicationRequest", "Procedure", "Immunization"}
DATE_TYPES = {"date", "dateTime", "instant"}


def load(path: Path):
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def strings(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v, key)
    elif isinstance(node, str):
        if key == "data":
            try:
                yield base64.b64decode(node).decode("utf-8", "ignore")
            except ValueError:
                yield node
        else:
            yield node


def identifiers(bundle: dict) -> dict[str, set[str]]:
    """What must not survive, by kind (kept in memory only)."""
    kinds: dict[str, set[str]] = {k: set() for k in ("patient_name", "identifier", "telecom", "street", "zip5",
                                                      "birth_date", "maiden_name", "resource_id", "clinician_name",
                                                      "organization_name", "staff_street")}
    for entry in bundle.get("entry", []):
        r = entry["resource"]
        kinds["resource_id"].add(r.get("id", ""))
        kinds["resource_id"].add(entry.get("fullUrl", "").rsplit(":", 1)[-1])
        t = r["resourceType"]
        if t == "Patient":
            for name in r.get("name", []):
                for part in name.get("given", []) + [name.get("family", "")]:
                    kinds["patient_name"].add(part)
            kinds["identifier"].update(i["value"] for i in r.get("identifier", []) if i.get("value"))
            kinds["telecom"].update(c["value"] for c in r.get("telecom", []) if c.get("value"))
            for a in r.get("address", []):
                kinds["street"].update(a.get("line", []))
                if len(a.get("postalCode", "")) >= 5:
                    kinds["zip5"].add(a["postalCode"][:5])
            if r.get("birthDate"):
                kinds["birth_date"].add(r["birthDate"])
            for e in r.get("extension", []):
                if e["url"].endswith("mothersMaidenName"):
                    kinds["maiden_name"].update(e["valueString"].split())
        elif t in ("Practitioner", "PractitionerRole"):
            for name in r.get("name", []):
                for part in name.get("given", []) + [name.get("family", "")]:
                    kinds["clinician_name"].add(part)
            for a in r.get("address", []):
                kinds["staff_street"].update(a.get("line", []))
        elif t in ("Organization", "Location"):
            if r.get("name"):
                kinds["organization_name"].add(r["name"])
            addresses = r.get("address", [])
            for a in addresses if isinstance(addresses, list) else [addresses]:
                kinds["staff_street"].update(a.get("line", []))
    kinds["resource_id"].discard("")
    return kinds


def patterns(values: set[str], name_like: bool) -> list:
    out = []
    for value in values:
        forms = {value}
        if name_like:
            forms.add("".join(c for c in value if not c.isdigit()))  # Synthea's "Name123"
        for form in forms:
            if len(form) >= 3:
                out.append(regex.compile(r"(?<![\p{L}\d])" + regex.escape(form) + r"(?![\p{L}\d])", regex.IGNORECASE))
    return out


def coding_multiset(resources) -> Counter:
    found = Counter()

    def walk(node, rtype):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "coding" and isinstance(v, list):
                    found.update((rtype, c.get("system"), c.get("code")) for c in v if isinstance(c, dict))
                else:
                    walk(v, rtype)
        elif isinstance(node, list):
            for v in node:
                walk(v, rtype)

    for r in resources:
        if r["resourceType"] in CODED:
            walk(r, r["resourceType"])
    return found


def unshifted_dates(source: dict, output: dict | None) -> tuple[int, int]:
    """(date elements in the source resource, those equal in the output at the same path)."""
    from fhir_adapters.fhir_types import element_type, model_for

    total = same = 0

    def walk(a, b, model):
        nonlocal total, same
        if not isinstance(a, dict):
            return
        for key, value in a.items():
            etype = element_type(model, key)
            if etype is None:
                continue
            other = b.get(key) if isinstance(b, dict) else None
            items = value if isinstance(value, list) else [value]
            others = other if isinstance(other, list) else [other] * len(items)
            for x, y in zip(items, others + [None] * (len(items) - len(others))):
                if etype.name in DATE_TYPES and isinstance(x, str):
                    total += 1
                    same += int(y == x)
                elif isinstance(x, dict) and etype.model is not None:
                    walk(x, y, etype.model)

    walk(source, output or {}, model_for(source["resourceType"]))
    return total, same


def main() -> int:
    files = sorted(DEV.glob("*.json*")) if DEV.is_dir() else []
    if not files:
        print(f"skip: no dev bundles in {DEV}")
        return 0
    attempts = forbid_network()
    offline_tldextract()
    from deid import DeidEngine, Policy
    from fhir_adapters import collect_known, process_path, pseudonymous_id
    from fhir_adapters.validation import validate_resource

    engine = DeidEngine(Policy.load(), BENCH_KEY)
    leaks, control, name_leaks = Counter(), Counter(), 0
    totals = Counter()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = Path(tmp)
        known = collect_known(files)
        for path in files:
            source = load(path)
            result = process_path(path, out_dir, key=BENCH_KEY, engine=engine, known=known)
            totals["inputs"] += 1
            totals["quarantined_items"] += len(result.quarantined)
            totals["resources_in"] += result.resources_in
            totals["resources_out"] += result.resources_out
            if not result.outputs:
                totals["inputs_not_written"] += 1
                continue
            output = load(result.outputs[0])
            out_resources = [e["resource"] for e in output.get("entry", [])]
            # identifiers left, in text and in the file name
            text = "\n".join(strings(output)) + "\n" + result.outputs[0].name
            source_text = "\n".join(strings(source))
            for kind, values in identifiers(source).items():
                name_like = kind in ("patient_name", "maiden_name", "clinician_name")
                compiled = patterns(values, name_like)
                leaks[kind] += sum(1 for p in compiled if p.search(text))
                control[kind] += sum(1 for p in compiled if p.search(source_text))  # the search finds them in the input
            name_leaks += int(path.name.split(".")[0].lower() in result.outputs[0].name.lower())
            # validity
            urls = frozenset(e.get("fullUrl") for e in output.get("entry", []))
            valid = sum(1 for r in out_resources if not validate_resource(r, urls))
            totals["resources_valid"] += valid
            totals["resources_checked"] += len(out_resources)
            # codes
            source_resources = [e["resource"] for e in source["entry"]]
            lost = coding_multiset(source_resources) - coding_multiset(out_resources)
            totals["codes_in"] += sum(coding_multiset(source_resources).values())
            totals["codes_lost"] += sum(lost.values())
            # encounter intervals
            by_id = {r["id"]: r for r in out_resources}
            pairs = []
            for r in source_resources:
                if r["resourceType"] == "Encounter" and pseudonymous_id(BENCH_KEY, r["id"]) in by_id:
                    pairs.append((r, by_id[pseudonymous_id(BENCH_KEY, r["id"])]))
            pairs.sort(key=lambda p: p[0]["period"]["start"])
            ts = datetime.fromisoformat
            for (a, a_out), (b, b_out) in zip(pairs, pairs[1:]):
                totals["encounter_intervals"] += 1
                totals["intervals_changed"] += int(ts(b["period"]["start"]) - ts(a["period"]["start"])
                                                   != ts(b_out["period"]["start"]) - ts(a_out["period"]["start"]))
            for a, a_out in pairs:
                if "end" in a["period"]:
                    totals["encounter_durations"] += 1
                    totals["durations_changed"] += int(ts(a["period"]["end"]) - ts(a["period"]["start"])
                                                       != ts(a_out["period"]["end"]) - ts(a_out["period"]["start"]))
            # dates shifted
            for r in source_resources:
                total, same = unshifted_dates(r, by_id.get(pseudonymous_id(BENCH_KEY, r["id"])))
                totals["date_elements"] += total
                totals["dates_unshifted"] += same
    seconds = time.perf_counter() - started
    report = {
        "inputs": totals["inputs"], "inputs_not_written": totals["inputs_not_written"],
        "quarantined_items": totals["quarantined_items"],
        "identifiers_left": dict(sorted(leaks.items())), "identifiers_left_total": sum(leaks.values()),
        "identifiers_searched_found_in_input": sum(control.values()),
        "input_names_in_output_names": name_leaks,
        "valid_r4b_percent": round(100 * totals["resources_valid"] / max(1, totals["resources_checked"]), 2),
        "resources_in": totals["resources_in"], "resources_out": totals["resources_out"],
        "codes_in": totals["codes_in"], "codes_lost": totals["codes_lost"],
        "encounter_intervals": totals["encounter_intervals"], "intervals_changed": totals["intervals_changed"],
        "encounter_durations": totals["encounter_durations"], "durations_changed": totals["durations_changed"],
        "date_elements": totals["date_elements"], "dates_unshifted": totals["dates_unshifted"],
        "seconds": round(seconds, 2), "network_attempts": len(attempts),
    }
    print(json.dumps(report, indent=2))
    print(f"saved {write_result('fhir_dev_eval', report)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
