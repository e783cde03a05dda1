"""Terminology: concept store, coded-data validation, concept mentions in text (issue 4).

Public API (what the pipeline calls):

- ``ConceptStore.default() -> ConceptStore`` (cached): the store a user configured
  (``$CARDIOCORPUS_TERMINOLOGY_STORE``, or one imported into ``$CARDIOCORPUS_HOME/terminology/``
  by ``cardiocorpus terminology-import``), else the open cardiology store shipped in
  ``terminology/data/``.
  ``.lookup_code(system, code) -> Concept | None``, ``.lookup_term(term) -> list[Concept]``,
  ``.lookup_cui(cui) -> list[Concept]``, ``.cross_maps_of(system, code)``,
  ``.parents(system, code)``, ``.ancestors(system, code)`` (is-a, from the ``hierarchy`` table),
  ``.versions -> dict[str, str]``, ``.sha256``; tables ``.concepts``, ``.terms``,
  ``.cross_maps``, ``.hierarchy`` (polars); ``.save(dir)``, ``.write_duckdb(path)``.
  Systems are ``SNOMED``, ``ICD10CM``, ``LOINC``, ``RXNORM``.
- ``annotate_coding(system_uri, code, display=None, store=None) -> CodingAnnotation`` for a
  FHIR Coding (``http://snomed.info/sct``, ``http://loinc.org``,
  ``http://hl7.org/fhir/sid/icd-10-cm``, ``http://www.nlm.nih.gov/research/umls/rxnorm``):
  ``valid`` (check digit / release membership), ``known``, ``active``, ``preferred_term``,
  ``cui``, ``category``, ``cross_maps``, ``display_matches``, ``reason``; ``.to_json()``.
- ``annotate_table_codings(tables, store=None) -> polars.DataFrame``: every distinct coding of
  flattened FHIR tables, annotated as above (the pipeline's ``clinical_coding_annotations``).
- ``ConceptExtractor.default()`` (cached): ``.extract(text) -> list[Mention]``,
  ``.extract_many(texts) -> Iterator[list[Mention]]`` (spaCy ``nlp.pipe`` batches).
  ``Mention``: start, end (character offsets, end exclusive), text, system, code, display,
  cui, score, via (exact / abbreviation / fuzzy / phrase / broader: the general concept named
  inside a longer exact mention, as a second mention nested in it), category, and the context flags negated,
  historical, family, hypothetical, uncertain; ``Mention.to_json() -> dict``.
- Loaders for licensed releases (``terminology.loaders``): SNOMED CT RF2 snapshot, UMLS
  MRCONSO/MRSTY, RxNorm RXNCONSO, the LOINC table.

Limits (what it does NOT do): the shipped hierarchy is Disease Ontology's and ICD-10-CM's, not
SNOMED CT's (a loaded RF2 release adds its |Is a| rows), so ``ancestors`` is partial; a broader
mention needs the general concept's own words inside the longer phrase; the shipped store is the cardiology seed plus open ontologies, so other specialties' concepts are
unknown until a licensed release is imported; a few everyday words no open source codes are
coded to a broader concept, as ``terminology/data/everyday_synonyms.csv`` says row by row.
Measured with ``benchmarks/concepts_dev_eval.py``, ``concepts_context_eval.py`` and
``concepts_throughput.py``.

Modules: ``store`` (tables, lookups), ``loaders`` (licensed releases), ``checkdigits``
(Verhoeff, LOINC mod 10, ICD-10-CM membership), ``coding`` (annotate_coding),
``categories`` (cardiology category), ``normalize`` (the one normal form of terms),
``linker`` (scispaCy CandidateGenerator over our KB), ``context`` (negspacy flags),
``extractor`` (mentions). Imports from other packages: ``deid.lexicons`` (common personal
names, so surrogate names are not taken for eponyms) and ``cardiocorpus.settings`` (home
folder). Data provenance: ``terminology/data/SOURCES.md`` and
``terminology/data/PROVENANCE.md``.
"""

import importlib

# lazy: importing terminology.checkdigits must not load spaCy and nmslib
_EXPORTS = {"Concept": "store", "ConceptStore": "store", "CodingAnnotation": "coding", "annotate_coding": "coding",
            "annotate_table_codings": "coding",
            "ConceptExtractor": "extractor", "Mention": "extractor"}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"terminology.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'terminology' has no attribute {name!r}")
