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


def test_hierarchy_from_disease_ontology_and_icd10cm(concept_store):
    # DO: acute myocardial infarction subClassOf myocardial infarction (seed concepts of those names)
    assert ("SNOMED", "22298006") in concept_store.ancestors("SNOMED", "57054005")
    # ICD-10-CM: I21.9 sits under I21, transitively
    assert ("ICD10CM", "I21") in {a for a in concept_store.ancestors("ICD10CM", "I21.9")} | \
        {p for p in concept_store.parents("ICD10CM", "I21.9")}
    assert concept_store.ancestors("SNOMED", "22298006").isdisjoint({("SNOMED", "57054005")})
    sources = set(concept_store.hierarchy["source"].str.split(" ").list.first())
    assert sources == {"DO", "ICD-10-CM"}


def test_ancestors_are_transitive_and_survive_cycles():
    import polars as pl

    from terminology.store import HIERARCHY_SCHEMA, ConceptStore

    shipped = ConceptStore.shipped()
    edges = pl.DataFrame([{"system": "SNOMED", "code": a, "parent_system": "SNOMED", "parent_code": b, "source": "t"}
                          for a, b in [("1", "2"), ("2", "3"), ("3", "1")]], schema=HIERARCHY_SCHEMA)
    store = ConceptStore(shipped.concepts, shipped.terms, shipped.cross_maps, shipped.versions, edges)
    assert store.ancestors("SNOMED", "1") == {("SNOMED", "2"), ("SNOMED", "3")}
    assert store.parents("SNOMED", "2") == [("SNOMED", "3")]


def test_store_saved_without_a_hierarchy_still_loads(concept_store, tmp_path):
    concept_store.save(tmp_path)
    (tmp_path / "hierarchy.parquet").unlink()
    loaded = type(concept_store).from_directory(tmp_path)
    assert loaded.hierarchy.height == 0 and loaded.ancestors("SNOMED", "57054005") == frozenset()
