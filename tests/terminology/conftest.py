"""Terminology fixtures: the shipped store and the extractor are built once per session
(spaCy model and the TF-IDF/nmslib index take a few seconds). All test text is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def concept_store():
    from terminology.store import ConceptStore

    return ConceptStore.shipped()


@pytest.fixture(scope="session")
def extractor(concept_store):
    from terminology.extractor import ConceptExtractor

    return ConceptExtractor(concept_store)


@pytest.fixture(scope="session")
def release():
    from terminology.loaders import combine, load_loinc, load_rxnorm, load_snomed_rf2, load_umls

    return combine([load_snomed_rf2(FIXTURES / "snomed_rf2"), load_umls(FIXTURES / "umls_META"),
                    load_rxnorm(FIXTURES / "rxnorm" / "rrf"), load_loinc(FIXTURES / "loinc" / "Loinc.csv")])


@pytest.fixture(scope="session")
def store_with_release(concept_store, release):
    return concept_store.with_release(release.concepts, release.terms, release.cross_maps, release.versions,
                                     release.hierarchy)
