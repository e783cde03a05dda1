"""Regenerate deid/data/cardiology_vocabulary.txt from the open terminology seed.

The seed (cardiology_concepts.csv, see its SOURCES.md) lives in the team's shared
folder; this script is how the shipped word list was made, so it can be redone
when the seed changes. It keeps single words of drug, disorder, procedure and
device terms: the de-identifier uses them only to veto weak name guesses.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")
HEADER = """\
# Words of the cardiology terminology seed (SNOMED CT, ICD-10-CM, LOINC, RxNorm terms
# and synonyms), lower-cased, one a line. Made by scripts/build_clinical_vocabulary.py
# from cardiology_concepts.csv; provenance and licences in terminology_SOURCES.md beside
# this file. Used only as protected vocabulary (words that are never a name by themselves).
"""


def main(seed_csv: Path, out: Path) -> None:
    words: set[str] = set()
    with seed_csv.open(newline="") as handle:
        for row in csv.DictReader(handle):
            terms = [row["preferred_term"], *row["synonyms"].split("|")]
            for term in terms:
                words.update(w.lower().strip("'-") for w in WORD.findall(term))
    out.write_text(HEADER + "\n".join(sorted(w for w in words if len(w) > 2)) + "\n")
    print(f"{len(words)} words -> {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
