"""Loaders for the licensed releases a user brings, into the store's three tables.

- SNOMED CT RF2 *Snapshot* (International or US Edition folder): ``sct2_Concept_Snapshot*``,
  ``sct2_Description_Snapshot*``, the language refset ``der2_cRefset_LanguageSnapshot*``
  (US 900000000000509007 or GB 900000000000508004 preferred terms) and, when present, the
  ICD-10-CM extended map ``der2_iisssciRefset_ExtendedMapSnapshot*`` (refset 6011000124106),
  and, when present, ``sct2_Relationship_Snapshot*``: its active |Is a| rows become the
  store's hierarchy (subsumption for the extractor's broader mentions and ``ancestors``).
- UMLS Metathesaurus ``MRCONSO.RRF`` (+ ``MRSTY.RRF`` for semantic types): CUIs, and the
  SNOMEDCT_US / ICD10CM / LNC / RXNORM atoms as concepts and terms.
- RxNorm ``RXNCONSO.RRF`` (SAB=RXNORM rows).
- The LOINC table ``Loinc.csv``.

Files are scanned lazily with polars and filtered before they are collected, so a full
MRCONSO (tens of millions of rows) is never held whole. These loaders do NOT read Delta or
Full RF2 releases, RF2 relationships (no hierarchy is kept), or UMLS MRREL/MRSAT.
Tested on tiny invented files in exactly these formats (tests/terminology/fixtures/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from terminology.store import (CONCEPT_SCHEMA, CROSS_MAP_SCHEMA, HIERARCHY_SCHEMA, TERM_SCHEMA, canonical_code,
                               with_categories)

FSN = "900000000000003001"
US_LANGUAGE_REFSET = "900000000000509007"
GB_LANGUAGE_REFSET = "900000000000508004"
PREFERRED = "900000000000548007"
ICD10CM_MAP_REFSET = "6011000124106"
IS_A = "116680003"
_FSN_TAG = re.compile(r"\s*\(([^()]+)\)\s*$")
_SEMANTIC_TAGS = {"disorder": "disorder", "finding": "finding", "situation": "finding", "event": "finding",
                  "procedure": "procedure", "regime/therapy": "procedure", "observable entity": "observable/lab",
                  "physical object": "device", "body structure": "body structure", "substance": "medication",
                  "product": "medication", "medicinal product": "medication", "clinical drug": "medication"}
_RRF_COLUMNS = ["CUI", "LAT", "TS", "LUI", "STT", "SUI", "ISPREF", "AUI", "SAUI", "SCUI", "SDUI", "SAB", "TTY",
                "CODE", "STR", "SRL", "SUPPRESS", "CVF"]
_UMLS_SOURCES = {"SNOMEDCT_US": "SNOMED", "ICD10CM": "ICD10CM", "LNC": "LOINC", "RXNORM": "RXNORM"}
_STY_TYPES = {"Disease or Syndrome": "disorder", "Pathologic Function": "disorder", "Congenital Abnormality": "disorder",
              "Finding": "finding", "Sign or Symptom": "finding", "Therapeutic or Preventive Procedure": "procedure",
              "Diagnostic Procedure": "procedure", "Laboratory Procedure": "observable/lab",
              "Clinical Attribute": "observable/lab", "Pharmacologic Substance": "medication",
              "Clinical Drug": "medication", "Medical Device": "device", "Body Part, Organ, or Organ Component":
              "body structure"}
_RXNORM_PREFERRED_TTY = ["SCD", "SBD", "GPCK", "BPCK", "IN", "PIN", "MIN", "BN", "SCDF", "SBDF"]


class ReleaseError(ValueError):
    """A release folder or file that is missing or not in the expected format (named, with path)."""


@dataclass
class Release:
    concepts: pl.DataFrame
    terms: pl.DataFrame
    cross_maps: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=CROSS_MAP_SCHEMA))
    versions: dict[str, str] = field(default_factory=dict)
    hierarchy: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=HIERARCHY_SCHEMA))


def _one(directory: Path, pattern: str, required: bool = True) -> Path | None:
    matches = sorted(p for p in Path(directory).rglob(pattern) if p.is_file())
    if not matches and required:
        raise ReleaseError(f"{directory}: no file matching {pattern}")
    if len(matches) > 1:
        raise ReleaseError(f"{directory}: several files match {pattern}: {[m.name for m in matches]}")
    return matches[0] if matches else None


def _tsv(path: Path, columns: list[str]) -> pl.LazyFrame:
    frame = pl.scan_csv(path, separator="\t", quote_char=None, infer_schema=False, encoding="utf8")
    missing = set(columns) - set(frame.collect_schema().names())
    if missing:
        raise ReleaseError(f"{path}: not an RF2 file of this kind (missing columns {sorted(missing)})")
    return frame


def _release_date(path: Path) -> str:
    match = re.search(r"_(\d{8})\.txt$", path.name)
    return match.group(1) if match else "unknown"


def load_snomed_rf2(directory: Path | str, language: str = "US") -> Release:
    directory = Path(directory)
    refset = {"US": US_LANGUAGE_REFSET, "GB": GB_LANGUAGE_REFSET}[language]
    concept_file = _one(directory, "sct2_Concept_Snapshot*.txt")
    description_file = _one(directory, "sct2_Description_Snapshot*.txt")
    language_file = _one(directory, "der2_cRefset_LanguageSnapshot*.txt")
    concepts = _tsv(concept_file, ["id", "active"]).select(
        pl.col("id").alias("code"), (pl.col("active") == "1").alias("active"))
    descriptions = _tsv(description_file, ["id", "active", "conceptId", "typeId", "term"]).filter(
        pl.col("active") == "1").select(pl.col("id").alias("description_id"), pl.col("conceptId").alias("code"),
                                        "typeId", "term")
    preferred_ids = _tsv(language_file, ["active", "refsetId", "referencedComponentId", "acceptabilityId"]).filter(
        (pl.col("active") == "1") & (pl.col("refsetId") == refset) & (pl.col("acceptabilityId") == PREFERRED)
    ).select(pl.col("referencedComponentId").alias("description_id"), pl.lit(True).alias("preferred"))
    described = descriptions.join(preferred_ids, on="description_id", how="left").with_columns(
        pl.col("preferred").fill_null(False)).collect()
    fsn = described.filter(pl.col("typeId") == FSN).group_by("code").agg(pl.col("term").first().alias("fsn"))
    preferred = described.filter((pl.col("typeId") != FSN) & pl.col("preferred")).group_by("code").agg(
        pl.col("term").first().alias("preferred_term"))
    table = concepts.collect().join(fsn, on="code", how="left").join(preferred, on="code", how="left")
    rows = []
    for code, active, fsn_term, preferred_term in table.select("code", "active", "fsn", "preferred_term").iter_rows():
        tag = _FSN_TAG.search(fsn_term or "")
        name = preferred_term or (_FSN_TAG.sub("", fsn_term) if fsn_term else code)
        rows.append({"system": "SNOMED", "code": code, "preferred_term": name, "cui": None,
                     "semantic_type": _SEMANTIC_TAGS.get(tag.group(1)) if tag else None, "category": None,
                     "active": active, "source": f"SNOMED CT RF2 {_release_date(concept_file)}"})
    terms = described.filter(pl.col("typeId") != FSN).select(
        pl.lit("SNOMED").alias("system"), "code", "term",
        pl.when(pl.col("preferred")).then(pl.lit("preferred")).otherwise(pl.lit("synonym")).alias("kind"),
        pl.lit(f"SNOMED CT RF2 {language}").alias("source"))
    maps = pl.DataFrame(schema=CROSS_MAP_SCHEMA)
    map_file = _one(directory, "der2_iisssciRefset_ExtendedMapSnapshot*.txt", required=False)
    if map_file is not None:
        raw = _tsv(map_file, ["active", "refsetId", "referencedComponentId", "mapTarget"]).filter(
            (pl.col("active") == "1") & (pl.col("refsetId") == ICD10CM_MAP_REFSET)
            & (pl.col("mapTarget").fill_null("") != "")).select("referencedComponentId", "mapTarget").collect()
        source = f"SNOMED CT ICD-10-CM map {_release_date(map_file)}"
        pairs = [(c, canonical_code("ICD10CM", t)) for c, t in raw.iter_rows()]
        maps = pl.DataFrame(
            [{"system": "SNOMED", "code": c, "target_system": "ICD10CM", "target_code": t, "source": source}
             for c, t in pairs] + [{"system": "ICD10CM", "code": t, "target_system": "SNOMED", "target_code": c,
                                    "source": source} for c, t in pairs], schema=CROSS_MAP_SCHEMA).unique()
    hierarchy = pl.DataFrame(schema=HIERARCHY_SCHEMA)
    relationship_file = _one(directory, "sct2_Relationship_Snapshot*.txt", required=False)
    if relationship_file is not None:
        hierarchy = _tsv(relationship_file, ["active", "sourceId", "destinationId", "typeId"]).filter(
            (pl.col("active") == "1") & (pl.col("typeId") == IS_A)).select(
            pl.lit("SNOMED").alias("system"), pl.col("sourceId").alias("code"), pl.lit("SNOMED").alias("parent_system"),
            pl.col("destinationId").alias("parent_code"),
            pl.lit(f"SNOMED CT RF2 is-a {_release_date(relationship_file)}").alias("source")).unique().collect()
    concept_frame = with_categories(pl.DataFrame(rows, schema=CONCEPT_SCHEMA), maps)
    return Release(concept_frame, terms.cast(TERM_SCHEMA), maps,
                   {"snomed": f"RF2 snapshot {_release_date(concept_file)} ({language} preferred terms)"},
                   hierarchy.cast(HIERARCHY_SCHEMA))


def _rrf(path: Path, columns: list[str]) -> pl.LazyFrame:
    if not Path(path).is_file():
        raise ReleaseError(f"{path}: no such file")
    # RRF lines end with a trailing "|": one empty column more than the documented ones
    return pl.scan_csv(path, separator="|", has_header=False, quote_char=None, infer_schema=False,
                       new_columns=[*columns, "_end"], encoding="utf8-lossy").drop("_end")


def load_umls(meta_directory: Path | str) -> Release:
    """MRCONSO (English, unsuppressed atoms of our four vocabularies) and MRSTY."""
    meta = Path(meta_directory)
    atoms = _rrf(meta / "MRCONSO.RRF", _RRF_COLUMNS).filter(
        (pl.col("LAT") == "ENG") & pl.col("SAB").is_in(list(_UMLS_SOURCES))).collect()
    types: dict[str, str] = {}
    sty_path = meta / "MRSTY.RRF"
    if sty_path.is_file():
        for cui, sty in _rrf(sty_path, ["CUI", "TUI", "STN", "STY", "ATUI", "CVF"]).select("CUI", "STY").collect().iter_rows():
            types.setdefault(cui, _STY_TYPES.get(sty))
    concepts: dict[tuple[str, str], dict] = {}
    terms = []
    for cui, sab, tty, code, text, suppress, ts, ispref in atoms.select(
            "CUI", "SAB", "TTY", "CODE", "STR", "SUPPRESS", "TS", "ISPREF").iter_rows():
        system = _UMLS_SOURCES[sab]
        code = canonical_code(system, code)
        key = (system, code)
        preferred = tty in ("PT", "SCD", "SBD", "IN", "LN") or (ts == "P" and ispref == "Y")
        entry = concepts.get(key)
        if entry is None or (preferred and not entry["_preferred"]):
            concepts[key] = {"system": system, "code": code, "preferred_term": text, "cui": cui,
                             "semantic_type": types.get(cui), "category": None, "active": suppress != "O",
                             "source": "UMLS MRCONSO", "_preferred": preferred}
        if suppress not in ("O", "E"):
            terms.append({"system": system, "code": code, "term": text,
                          "kind": "abbreviation" if tty in ("AB", "ACR") else "synonym", "source": f"UMLS {sab}"})
    rows = [{k: v for k, v in c.items() if k != "_preferred"} for c in concepts.values()]
    maps = pl.DataFrame([{"system": c["system"], "code": c["code"], "target_system": "UMLS", "target_code": c["cui"],
                          "source": "UMLS MRCONSO"} for c in rows], schema=CROSS_MAP_SCHEMA)
    concept_frame = with_categories(pl.DataFrame(rows, schema=CONCEPT_SCHEMA), maps)
    release = _umls_release_name(meta)
    return Release(concept_frame, pl.DataFrame(terms, schema=TERM_SCHEMA), maps, {"umls": release})


def _umls_release_name(meta: Path) -> str:
    for part in (meta.name, meta.parent.name):
        if re.fullmatch(r"20\d\d[A-Z]{2}", part):
            return part
    return "unknown release"


def load_rxnorm(rrf_directory: Path | str) -> Release:
    path = Path(rrf_directory) / "RXNCONSO.RRF"
    atoms = _rrf(path, ["RXCUI", "LAT", "TS", "LUI", "STT", "SUI", "ISPREF", "RXAUI", "SAUI", "SCUI", "SDUI",
                        "SAB", "TTY", "CODE", "STR", "SRL", "SUPPRESS", "CVF"]).filter(
        pl.col("SAB") == "RXNORM").collect()
    rank = {tty: i for i, tty in enumerate(_RXNORM_PREFERRED_TTY)}
    best: dict[str, tuple] = {}
    terms = []
    for rxcui, tty, text, suppress in atoms.select("RXCUI", "TTY", "STR", "SUPPRESS").iter_rows():
        order = rank.get(tty, len(rank))
        if rxcui not in best or order < best[rxcui][0]:
            best[rxcui] = (order, text, suppress)
        terms.append({"system": "RXNORM", "code": rxcui, "term": text, "kind": "synonym", "source": f"RxNorm {tty}"})
    rows = [{"system": "RXNORM", "code": rxcui, "preferred_term": text, "cui": None, "semantic_type": "medication",
             "category": "medication", "active": suppress != "O", "source": "RxNorm RXNCONSO"}
            for rxcui, (_, text, suppress) in sorted(best.items())]
    return Release(pl.DataFrame(rows, schema=CONCEPT_SCHEMA), pl.DataFrame(terms, schema=TERM_SCHEMA),
                   versions={"rxnorm": Path(rrf_directory).resolve().parent.name or "unknown release"})


def load_loinc(table: Path | str) -> Release:
    """``Loinc.csv``: LOINC_NUM, LONG_COMMON_NAME, SHORTNAME, STATUS (DEPRECATED = inactive)."""
    path = Path(table)
    if not path.is_file():
        raise ReleaseError(f"{path}: no such file")
    frame = pl.read_csv(path, infer_schema=False)
    missing = {"LOINC_NUM", "LONG_COMMON_NAME", "STATUS"} - set(frame.columns)
    if missing:
        raise ReleaseError(f"{path}: not a LOINC table (missing columns {sorted(missing)})")
    if "SHORTNAME" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, dtype=pl.Utf8).alias("SHORTNAME"))
    version = frame["VersionLastChanged"].drop_nulls().max() if "VersionLastChanged" in frame.columns else None
    concepts = frame.select(
        pl.lit("LOINC").alias("system"), pl.col("LOINC_NUM").alias("code"),
        pl.col("LONG_COMMON_NAME").alias("preferred_term"), pl.lit(None, dtype=pl.Utf8).alias("cui"),
        pl.lit("observable/lab").alias("semantic_type"), pl.lit("lab").alias("category"),
        (pl.col("STATUS") != "DEPRECATED").alias("active"), pl.lit("LOINC table").alias("source"))
    long_names = frame.select(pl.lit("LOINC").alias("system"), pl.col("LOINC_NUM").alias("code"),
                              pl.col("LONG_COMMON_NAME").alias("term"), pl.lit("preferred").alias("kind"),
                              pl.lit("LOINC LONG_COMMON_NAME").alias("source"))
    short_names = frame.filter(pl.col("SHORTNAME").is_not_null()).select(
        pl.lit("LOINC").alias("system"), pl.col("LOINC_NUM").alias("code"), pl.col("SHORTNAME").alias("term"),
        pl.lit("synonym").alias("kind"), pl.lit("LOINC SHORTNAME").alias("source"))
    return Release(concepts.cast(CONCEPT_SCHEMA), pl.concat([long_names, short_names]).cast(TERM_SCHEMA),
                   versions={"loinc": f"LOINC {version}" if version else "LOINC table"})


def combine(releases: list[Release]) -> Release:
    """Several releases as one: later releases fill CUIs the earlier ones lack (UMLS after SNOMED)."""
    concepts = pl.concat([r.concepts for r in releases])
    concepts = concepts.group_by(["system", "code"], maintain_order=True).agg(
        pl.col("preferred_term").first(), pl.col("cui").drop_nulls().first(), pl.col("semantic_type").drop_nulls().first(),
        pl.col("category").first(), pl.col("active").first(), pl.col("source").first()).select(list(CONCEPT_SCHEMA))
    versions: dict[str, str] = {}
    for release in releases:
        versions.update(release.versions)
    return Release(concepts, pl.concat([r.terms for r in releases]).unique(maintain_order=True),
                   pl.concat([r.cross_maps for r in releases]).unique(maintain_order=True), versions,
                   pl.concat([r.hierarchy for r in releases]).unique(maintain_order=True))
