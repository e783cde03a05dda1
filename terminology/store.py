"""The concept store: three versioned tables and the lookups everything else uses.

- ``concepts``   one row per (system, code): preferred term, UMLS CUI, semantic type,
                 cardiology category, active flag, where it came from
- ``terms``      aliases of concepts (preferred terms, synonyms, abbreviations), with provenance
- ``cross_maps`` (system, code) -> (target system, target code): ICD-10-CM <-> SNOMED CT and
                 extra CUIs (target system ``UMLS``), each with its source
- ``hierarchy``  (system, code) is-a (parent system, parent code), each edge with its source
                 (Disease Ontology, HPO, ICD-10-CM, or a loaded SNOMED CT release); optional:
                 a store saved before it existed loads with no edges

The shipped store (terminology/data/, built by scripts/terminology_build_store.py) covers the
open cardiology seed. A user with licences builds a fuller one with
``cardiocorpus terminology-import`` and points ``CARDIOCORPUS_TERMINOLOGY_STORE`` at it (or
leaves it in ``$CARDIOCORPUS_HOME/terminology/``). The store does NOT know which codes exist
outside what it holds: "unknown" means unknown to this store and its versions.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from terminology.categories import category_of
from terminology.normalize import normalize_term

SYSTEMS = ("SNOMED", "ICD10CM", "LOINC", "RXNORM")
CONCEPT_SCHEMA = {"system": pl.Utf8, "code": pl.Utf8, "preferred_term": pl.Utf8, "cui": pl.Utf8,
                  "semantic_type": pl.Utf8, "category": pl.Utf8, "active": pl.Boolean, "source": pl.Utf8}
TERM_SCHEMA = {"system": pl.Utf8, "code": pl.Utf8, "term": pl.Utf8, "kind": pl.Utf8, "source": pl.Utf8}
CROSS_MAP_SCHEMA = {"system": pl.Utf8, "code": pl.Utf8, "target_system": pl.Utf8, "target_code": pl.Utf8,
                    "source": pl.Utf8}
HIERARCHY_SCHEMA = {"system": pl.Utf8, "code": pl.Utf8, "parent_system": pl.Utf8, "parent_code": pl.Utf8,
                    "source": pl.Utf8}
TABLES = {"concepts": CONCEPT_SCHEMA, "terms": TERM_SCHEMA, "cross_maps": CROSS_MAP_SCHEMA,
          "hierarchy": HIERARCHY_SCHEMA}
OPTIONAL_TABLES = frozenset({"hierarchy"})
STORE_ENV = "CARDIOCORPUS_TERMINOLOGY_STORE"
SHIPPED = Path(__file__).resolve().parent / "data"


class StoreError(ValueError):
    """A store directory that is missing a table or holds one of the wrong shape."""


@dataclass(frozen=True)
class Concept:
    system: str
    code: str
    preferred_term: str
    cui: str | None
    semantic_type: str | None
    category: str
    active: bool
    source: str


def canonical_code(system: str, code: str) -> str:
    """ICD-10-CM codes are stored dotted and upper case ("i4891" -> "I48.91"); others as given."""
    code = code.strip()
    if system == "ICD10CM":
        bare = code.replace(".", "").upper()
        return bare if len(bare) <= 3 else f"{bare[:3]}.{bare[3:]}"
    return code


class ConceptStore:
    def __init__(self, concepts: pl.DataFrame, terms: pl.DataFrame, cross_maps: pl.DataFrame,
                 versions: dict[str, str], hierarchy: pl.DataFrame | None = None):
        self.concepts, self.terms, self.cross_maps = concepts, terms, cross_maps
        self.hierarchy = pl.DataFrame(schema=HIERARCHY_SCHEMA) if hierarchy is None else hierarchy
        self.versions = dict(versions)
        self._parents: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for system, code, parent_system, parent_code in self.hierarchy.select(
                "system", "code", "parent_system", "parent_code").iter_rows():
            self._parents.setdefault((system, code), []).append((parent_system, parent_code))
        self._ancestors: dict[tuple[str, str], frozenset[tuple[str, str]]] = {}
        self._by_code = {(r["system"], r["code"]): Concept(**r) for r in concepts.iter_rows(named=True)}
        self._by_term: dict[str, list[tuple[str, str]]] = {}
        for system, code, term in terms.select("system", "code", "term").iter_rows():
            keys = self._by_term.setdefault(normalize_term(term), [])
            if (system, code) not in keys:
                keys.append((system, code))
        self._maps: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
        self._by_cui: dict[str, list[tuple[str, str]]] = {}
        for concept in self._by_code.values():
            if concept.cui:
                self._by_cui.setdefault(concept.cui, []).append((concept.system, concept.code))
        for system, code, target_system, target_code, source in cross_maps.iter_rows():
            self._maps.setdefault((system, code), []).append((target_system, target_code, source))
            if target_system == "UMLS" and (system, code) not in self._by_cui.get(target_code, []):
                self._by_cui.setdefault(target_code, []).append((system, code))

    # -- loading ------------------------------------------------------------------------
    @classmethod
    def from_directory(cls, directory: Path | str) -> "ConceptStore":
        directory = Path(directory)
        missing_tables = [f"{name}.parquet" for name in TABLES
                          if name not in OPTIONAL_TABLES and not (directory / f"{name}.parquet").is_file()]
        if missing_tables:
            raise StoreError(f"concept store {directory}: missing {', '.join(missing_tables)}")
        frames = {}
        for name, schema in TABLES.items():
            path = directory / f"{name}.parquet"
            if name in OPTIONAL_TABLES and not path.is_file():
                frames[name] = pl.DataFrame(schema=schema)
                continue
            try:
                frame = pl.read_parquet(path)
            except (pl.exceptions.PolarsError, OSError) as error:
                raise StoreError(f"concept store {path}: unreadable ({type(error).__name__})") from error
            missing = set(schema) - set(frame.columns)
            if missing:
                raise StoreError(f"concept store {path}: missing columns {sorted(missing)}")
            frames[name] = frame.select(list(schema)).cast(schema)
        versions_path = directory / "versions.json"
        versions = json.loads(versions_path.read_text(encoding="utf-8")) if versions_path.is_file() else {}
        return cls(frames["concepts"], frames["terms"], frames["cross_maps"], versions, frames["hierarchy"])

    @classmethod
    def shipped(cls) -> "ConceptStore":
        return cls.from_directory(SHIPPED)

    @staticmethod
    @functools.cache
    def default() -> "ConceptStore":
        """The configured store (``$CARDIOCORPUS_TERMINOLOGY_STORE``, else
        ``$CARDIOCORPUS_HOME/terminology/`` if a store was imported there), else the shipped one."""
        configured = os.environ.get(STORE_ENV)
        if configured:
            return ConceptStore.from_directory(configured)
        from cardiocorpus.settings import home

        imported = home() / "terminology"
        if (imported / "concepts.parquet").is_file():
            return ConceptStore.from_directory(imported)
        return ConceptStore.shipped()

    def save(self, directory: Path | str) -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        for name in TABLES:
            getattr(self, name).write_parquet(directory / f"{name}.parquet")
        (directory / "versions.json").write_text(json.dumps(self.versions, indent=2) + "\n", encoding="utf-8")
        return directory

    def write_duckdb(self, path: Path | str) -> None:
        """The same tables (and a ``terminology_versions`` table) in a DuckDB file, for SQL users."""
        import tempfile

        import duckdb

        # through Parquet files: DuckDB reads them natively (handing it polars frames needs pyarrow
        # built for the installed NumPy, which this environment does not have)
        with tempfile.TemporaryDirectory() as scratch, duckdb.connect(str(path)) as connection:
            self.save(scratch)
            for name in TABLES:
                connection.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM read_parquet(?)",
                                   [str(Path(scratch) / f"{name}.parquet")])
            connection.execute("CREATE OR REPLACE TABLE terminology_versions (name VARCHAR, version VARCHAR)")
            connection.executemany("INSERT INTO terminology_versions VALUES (?, ?)", list(self.versions.items()))

    def with_release(self, concepts: pl.DataFrame, terms: pl.DataFrame, cross_maps: pl.DataFrame,
                     versions: dict[str, str], hierarchy: pl.DataFrame | None = None) -> "ConceptStore":
        """This store plus a loaded release: the release's rows win for the codes it holds
        (preferred term, active flag); a CUI the release lacks is kept from this store."""
        concepts = concepts.cast(CONCEPT_SCHEMA)
        old_cui = self.concepts.select("system", "code", pl.col("cui").alias("old_cui"))
        concepts = (concepts.join(old_cui, on=["system", "code"], how="left")
                    .with_columns(pl.coalesce("cui", "old_cui").alias("cui")).drop("old_cui"))
        kept = self.concepts.join(concepts.select("system", "code"), on=["system", "code"], how="anti")
        merged = pl.concat([kept, concepts.select(list(CONCEPT_SCHEMA))]).sort(["system", "code"])
        all_terms = pl.concat([self.terms, terms.cast(TERM_SCHEMA)]).unique(maintain_order=True)
        all_maps = pl.concat([self.cross_maps, cross_maps.cast(CROSS_MAP_SCHEMA)]).unique(maintain_order=True)
        edges = self.hierarchy if hierarchy is None else pl.concat(
            [self.hierarchy, hierarchy.cast(HIERARCHY_SCHEMA)]).unique(maintain_order=True)
        return ConceptStore(merged, all_terms, all_maps, {**self.versions, **versions}, edges)

    @functools.cached_property
    def sha256(self) -> str:
        """Content hash: the key of caches built from this store (the linker index)."""
        digest = hashlib.sha256(json.dumps(self.versions, sort_keys=True).encode())
        for name in TABLES:
            digest.update(str(getattr(self, name).hash_rows().sum()).encode())
            digest.update(str(getattr(self, name).height).encode())
        return digest.hexdigest()

    # -- lookups ------------------------------------------------------------------------
    def lookup_code(self, system: str, code: str) -> Concept | None:
        return self._by_code.get((system, canonical_code(system, code)))

    def lookup_term(self, term: str) -> list[Concept]:
        """Concepts with this term as an alias (case, punctuation and plural ignored)."""
        return [self._by_code[k] for k in self._by_term.get(normalize_term(term), []) if k in self._by_code]

    def lookup_cui(self, cui: str) -> list[Concept]:
        return [self._by_code[k] for k in self._by_cui.get(cui, []) if k in self._by_code]

    def cross_maps_of(self, system: str, code: str) -> list[tuple[str, str, str]]:
        """(target system, target code, source) for a code: ICD-10-CM <-> SNOMED, extra CUIs."""
        return list(self._maps.get((system, canonical_code(system, code)), []))

    def parents(self, system: str, code: str) -> list[tuple[str, str]]:
        """The concepts this one is a kind of, as the store's hierarchy sources say (direct edges)."""
        return list(self._parents.get((system, canonical_code(system, code)), []))

    def ancestors(self, system: str, code: str) -> frozenset[tuple[str, str]]:
        """Every broader concept (transitive is-a), for subsumption: "acute myocardial
        infarction" is a myocardial infarction. Cycles in a source are tolerated."""
        key = (system, canonical_code(system, code))
        if key not in self._ancestors:
            seen: set[tuple[str, str]] = set()
            pending = list(self._parents.get(key, []))
            while pending:
                parent = pending.pop()
                if parent not in seen and parent != key:
                    seen.add(parent)
                    pending.extend(self._parents.get(parent, []))
            self._ancestors[key] = frozenset(seen)
        return self._ancestors[key]

    def __len__(self) -> int:
        return len(self._by_code)


def with_categories(concepts: pl.DataFrame, cross_maps: pl.DataFrame) -> pl.DataFrame:
    """Fill ``category`` for release rows (loaders call this once the maps are known)."""
    icd = {}
    for system, code, target_system, target_code, _ in cross_maps.iter_rows():
        if system == "SNOMED" and target_system == "ICD10CM":
            icd.setdefault(code, []).append(target_code)
    return concepts.with_columns(pl.Series("category", [
        category_of(r["system"], r["code"], r["preferred_term"] or "", r["semantic_type"], icd.get(r["code"], []))
        for r in concepts.iter_rows(named=True)], dtype=pl.Utf8))
