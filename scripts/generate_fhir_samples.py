"""Write the synthetic FHIR samples in samples/fhir/ (deterministic: rerunning changes nothing).

Three transaction bundles of invented cardiology patients and one Bulk NDJSON file, all made
by ``fhir_adapters.synthetic`` from small invented lists (no real or shared data).

    .venv/bin/python scripts/generate_fhir_samples.py [--output samples/fhir]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from fhir_adapters.synthetic import make_bundle, make_ndjson  # noqa: E402

README = """# Synthetic FHIR samples

Invented by `scripts/generate_fhir_samples.py` (`fhir_adapters.synthetic`): every name, place,
number and note is made up. The file names imitate what deliveries look like (MRN-named
bundles); the de-identified outputs never carry them.

- `MRN*.json`: R4 transaction bundles of one cardiology patient each (Patient with MRN, SSN and
  driver's licence, telecom, address, race/ethnicity/birth sex, mother's maiden name, birth
  place; encounters, SNOMED conditions, LOINC observations, RxNorm prescriptions, procedures,
  immunization, allergy, pacemaker; practitioner, organization, location; DocumentReference
  notes in text/plain and text/html and an echo report that name the patient).
- `bulk/Observation.ndjson`: a Bulk Data export file (one resource a line).

    .venv/bin/cardiocorpus deid-fhir samples/fhir --output /tmp/fhir-deid
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=REPO / "samples" / "fhir")
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    for seed, mrn in ((1, "MRN2031001"), (2, "MRN2031002"), (3, "MRN2031003")):
        (args.output / f"{mrn}.json").write_text(json.dumps(make_bundle(seed), indent=1) + "\n", encoding="utf-8")
    bulk = args.output / "bulk"
    bulk.mkdir(exist_ok=True)
    observations = make_ndjson(4, patients=2)["Observation"]
    (bulk / "Observation.ndjson").write_text("".join(json.dumps(r) + "\n" for r in observations), encoding="utf-8")
    (args.output / "README.md").write_text(README, encoding="utf-8")
    print(f"wrote 3 bundles and 1 NDJSON file to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
