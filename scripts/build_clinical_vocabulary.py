"""Regenerate deid/data/medical_vocabulary.txt, the protected vocabulary of the de-identifier.

Sources (all open; see deid/data/SOURCES.md):
- the cardiology terminology seed ``cardiology_concepts.csv`` (team shared folder,
  provenance in terminology_SOURCES.md);
- ICD-10-CM FY2026 tabular list as shipped in PyPI ``simple-icd-10-cm`` 1.5.0 (public domain);
- drug names, generic and brand, in PyPI ``drug-named-entity-recognition`` 2.0.9 (MIT).
Single words, lower-cased. Common first names are left out (a note's "Mary" is a person),
eponymous surnames stay (Graves, Wenckebach): context recognizers still catch "Dr. Graves".
"""

from __future__ import annotations

import bz2
import csv
import os
import pickle
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")
HEADER = """\
# Medical words that are never PHI by themselves: words of the cardiology terminology seed,
# of ICD-10-CM FY2026 descriptions and of drug names (generic and brand). Lower case, one a line.
# Made by scripts/build_clinical_vocabulary.py; sources and licences in SOURCES.md beside this file.
"""


def seed_words(seed_csv: Path) -> set[str]:
    words: set[str] = set()
    with seed_csv.open(newline="") as handle:
        for row in csv.DictReader(handle):
            for term in [row["preferred_term"], *row["synonyms"].split("|")]:
                words.update(WORD.findall(term))
    return words


def icd10cm_words() -> set[str]:
    import simple_icd_10_cm

    path = os.path.join(os.path.dirname(simple_icd_10_cm.__file__), "data", "icd10c-tabular-April-1-2026.xml")
    words: set[str] = set()
    for element in ET.parse(path).iter():
        if element.tag in ("desc", "note") and element.text:
            words.update(WORD.findall(element.text))
    return words


def drug_words() -> set[str]:
    import drug_named_entity_recognition

    path = os.path.join(os.path.dirname(drug_named_entity_recognition.__file__), "drug_ner_dictionary.pkl.bz2")
    with bz2.open(path) as handle:
        data = pickle.load(handle)  # noqa: S301 - a data file inside an installed, pinned package
    words: set[str] = set()
    for variant in data["drug_variant_to_canonical"]:
        words.update(WORD.findall(variant))
    return words


def main(seed_csv: Path, out: Path) -> None:
    import names

    first_names = set()
    for filename in ("dist.female.first", "dist.male.first"):
        with open(os.path.join(os.path.dirname(names.__file__), filename)) as handle:
            first_names.update(line.split()[0].lower() for line in handle if line.strip() and int(line.split()[3]) <= 2000)
    words = {w.lower().strip("'-") for w in seed_words(seed_csv) | icd10cm_words() | drug_words()}
    words = {w for w in words if len(w) > 2 and w not in first_names}
    out.write_text(HEADER + "\n".join(sorted(words)) + "\n")
    print(f"{len(words)} words -> {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
