"""The shipped store: versions, lookups by code, term and CUI, provenance of every alias."""

import polars as pl
import pytest

from terminology.store import ConceptStore, StoreError, canonical_code


def test_versions_name_every_open_source(concept_store):
    assert {"store", "seed", "disease_ontology", "hpo", "icd10cm"} <= set(concept_store.versions)


def test_lookup_code(concept_store):
    concept = concept_store.lookup_code("SNOMED", "22298006")
    assert concept.preferred_term == "Myocardial infarction"
    assert concept.cui == "C0027051"
    assert concept.category == "ischemic heart disease"
    assert concept_store.lookup_code("SNOMED", "22298007") is None


def test_icd_codes_match_with_or_without_dot(concept_store):
    assert canonical_code("ICD10CM", "i4891") == "I48.91"
    assert concept_store.lookup_code("ICD10CM", "I4891") == concept_store.lookup_code("ICD10CM", "I48.91")


@pytest.mark.parametrize("term, code", [
    ("hypertension", "38341003"),            # everyday word, added by hand
    ("Heart attack", "22298006"),            # seed synonym
    ("arrhythmias", "698247007"),            # plural
    ("coronary artery disease", "53741008"),
])
def test_lookup_term(concept_store, term, code):
    assert code in [c.code for c in concept_store.lookup_term(term)]


def test_lookup_cui(concept_store):
    assert ("SNOMED", "49436004") in [(c.system, c.code) for c in concept_store.lookup_cui("C0004238")]
    assert concept_store.lookup_cui("C9999999") == []


def test_every_alias_has_a_source_and_a_concept(concept_store):
    terms = concept_store.terms
    assert terms["source"].null_count() == 0
    orphans = terms.join(concept_store.concepts, on=["system", "code"], how="anti")
    assert orphans.height == 0


def test_hand_synonyms_say_where_they_came_from(concept_store):
    hand = concept_store.terms.filter(pl.col("source").str.starts_with("hand: "))
    assert hand.height >= 20
    assert (hand["source"].str.len_chars() > len("hand: ")).all()


def test_save_and_reload_keeps_tables_and_hash(concept_store, tmp_path):
    reloaded = ConceptStore.from_directory(concept_store.save(tmp_path / "store"))
    assert reloaded.sha256 == concept_store.sha256
    assert reloaded.versions == concept_store.versions


def test_missing_table_is_named(tmp_path):
    with pytest.raises(StoreError, match="terms.parquet"):
        (tmp_path / "concepts.parquet").write_bytes(b"")
        ConceptStore.from_directory(tmp_path)


def test_duckdb_copy_has_tables_and_versions(concept_store, tmp_path):
    import duckdb

    path = tmp_path / "terminology.duckdb"
    concept_store.write_duckdb(path)
    with duckdb.connect(str(path), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM concepts").fetchone()[0] == len(concept_store)
        names = {row[0] for row in connection.execute("SELECT name FROM terminology_versions").fetchall()}
    assert "seed" in names


def test_default_store_follows_the_environment(tmp_path, monkeypatch, concept_store):
    concept_store.save(tmp_path / "configured")
    monkeypatch.setenv("CARDIOCORPUS_TERMINOLOGY_STORE", str(tmp_path / "configured"))
    ConceptStore.default.cache_clear()
    try:
        assert ConceptStore.default().sha256 == concept_store.sha256
    finally:
        ConceptStore.default.cache_clear()
