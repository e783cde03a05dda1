"""Loaders on tiny invented files in the exact formats of the licensed releases (fixtures/)."""

import pytest

from terminology.loaders import ReleaseError, load_loinc, load_rxnorm, load_snomed_rf2, load_umls

from .conftest import FIXTURES


def _row(frame, code):
    rows = frame.filter(frame["code"] == code).to_dicts()
    assert len(rows) == 1, code
    return rows[0]


def test_snomed_concepts_active_flag_and_semantic_tag():
    release = load_snomed_rf2(FIXTURES / "snomed_rf2")
    assert _row(release.concepts, "22298006")["active"] is True
    retired = _row(release.concepts, "1234567009")
    assert retired["active"] is False and retired["semantic_type"] == "finding"
    assert release.versions["snomed"].startswith("RF2 snapshot 20250901")


@pytest.mark.parametrize("language, preferred", [("US", "Ischemic heart disease"), ("GB", "Ischaemic heart disease")])
def test_snomed_preferred_term_follows_the_language_refset(language, preferred):
    release = load_snomed_rf2(FIXTURES / "snomed_rf2", language=language)
    assert _row(release.concepts, "414545008")["preferred_term"] == preferred


def test_snomed_terms_exclude_inactive_descriptions_and_fsn():
    terms = load_snomed_rf2(FIXTURES / "snomed_rf2").terms
    words = set(terms.filter(terms["code"] == "22298006")["term"])
    assert "Heart attack" in words
    assert "Cardiac infarction" not in words                 # inactive description
    assert "Myocardial infarction (disorder)" not in words    # FSN


def test_snomed_icd10cm_map_keeps_active_rows_both_ways():
    maps = load_snomed_rf2(FIXTURES / "snomed_rf2").cross_maps
    pairs = set(maps.select("system", "code", "target_code").iter_rows())
    assert ("SNOMED", "49436004", "I48.91") in pairs and ("ICD10CM", "I48.91", "49436004") in pairs
    assert ("SNOMED", "414545008", "I25.10") not in pairs    # inactive map row


def test_snomed_relationships_keep_active_is_a_only():
    hierarchy = load_snomed_rf2(FIXTURES / "snomed_rf2").hierarchy
    assert set(hierarchy.select("code", "parent_code").iter_rows()) == {("22298006", "414545008")}


def test_release_hierarchy_reaches_the_store(store_with_release):
    assert ("SNOMED", "414545008") in store_with_release.ancestors("SNOMED", "22298006")


def test_snomed_missing_file_is_named(tmp_path):
    with pytest.raises(ReleaseError, match="sct2_Concept_Snapshot"):
        load_snomed_rf2(tmp_path)


def test_umls_english_atoms_of_our_vocabularies_with_cui_and_type():
    release = load_umls(FIXTURES / "umls_META")
    mi = _row(release.concepts.filter(release.concepts["system"] == "SNOMED"), "22298006")
    assert mi["cui"] == "C0027051" and mi["semantic_type"] == "disorder"
    assert set(release.concepts["system"]) == {"SNOMED", "ICD10CM", "LOINC"}   # MSH skipped
    assert "Fibrillation auriculaire" not in set(release.terms["term"])        # French skipped
    assert _row(release.concepts, "1234567009")["active"] is False              # obsolete atom
    abbreviations = release.terms.filter(release.terms["kind"] == "abbreviation")
    assert list(abbreviations["term"]) == ["AF"]


def test_rxnorm_preferred_names_and_obsolete_products():
    release = load_rxnorm(FIXTURES / "rxnorm" / "rrf")
    assert _row(release.concepts, "6918")["preferred_term"] == "metoprolol"
    assert _row(release.concepts, "999001")["active"] is False
    assert "11289" not in set(release.concepts["code"])                        # not SAB=RXNORM


def test_loinc_table_status():
    release = load_loinc(FIXTURES / "loinc" / "Loinc.csv")
    assert _row(release.concepts, "2093-3")["active"] is True
    assert _row(release.concepts, "99999-5")["active"] is False
    assert "Cholest SerPl-mCnc" in set(release.terms["term"])


def test_loinc_wrong_table_is_named(tmp_path):
    path = tmp_path / "Loinc.csv"
    path.write_text("A,B\n1,2\n", encoding="utf-8")
    with pytest.raises(ReleaseError, match="LOINC_NUM"):
        load_loinc(path)


def test_release_overrides_the_seed_and_keeps_its_cuis(concept_store, store_with_release):
    assert store_with_release.lookup_code("SNOMED", "1234567009").active is False
    # the seed's CUI stays where the release has none (414545008 has no UMLS atom in the fixture)
    assert store_with_release.lookup_code("SNOMED", "22298006").cui == "C0027051"
    assert store_with_release.versions["snomed"].startswith("RF2 snapshot")
    assert store_with_release.sha256 != concept_store.sha256
    assert len(store_with_release) >= len(concept_store)
