"""annotate_coding on FHIR Codings: valid / known / active, enrichment, cross-maps."""

import pytest

from terminology.coding import annotate_coding

SCT, LOINC, ICD, RXNORM = ("http://snomed.info/sct", "http://loinc.org", "http://hl7.org/fhir/sid/icd-10-cm",
                           "http://www.nlm.nih.gov/research/umls/rxnorm")


def test_known_snomed_code_is_enriched(concept_store):
    result = annotate_coding(SCT, "49436004", "Atrial fibrillation", store=concept_store)
    assert (result.valid, result.known, result.active) == (True, True, True)
    assert result.preferred_term == "Atrial fibrillation" and result.cui == "C0004238"
    assert result.category == "arrhythmia" and result.display_matches is True


def test_display_that_names_another_concept_is_flagged(concept_store):
    assert annotate_coding(SCT, "49436004", "Heart attack", store=concept_store).display_matches is False


def test_cross_maps_snomed_to_icd(concept_store):
    result = annotate_coding(SCT, "22298006", store=concept_store)
    assert any(m["system"] == "UMLS" for m in result.cross_maps) or result.cui


def test_icd_code_gets_cross_map_to_snomed(concept_store):
    result = annotate_coding(ICD, "I10", store=concept_store)
    assert result.known and result.category == "hypertension"
    assert any(m["system"] == "SNOMED" for m in result.cross_maps)


@pytest.mark.parametrize("system, code", [(SCT, "22298007"), (LOINC, "2093-4"), (ICD, "I99.99"), (RXNORM, "abc")])
def test_invalid_codes(concept_store, system, code):
    result = annotate_coding(system, code, store=concept_store)
    assert result.valid is False and result.known is False and "invalid" in result.reason


def test_valid_but_unknown_code_is_not_guessed(concept_store):
    # a well-formed SCTID the open store does not hold
    result = annotate_coding(SCT, "1234567009", store=concept_store)
    assert (result.valid, result.known, result.preferred_term, result.cui) == (True, False, None, None)
    assert "not in the concept store" in result.reason


def test_inactive_code_in_a_loaded_release(store_with_release):
    result = annotate_coding(SCT, "1234567009", store=store_with_release)
    assert (result.valid, result.known, result.active) == (True, True, False)
    assert "inactive" in result.reason


def test_loinc_from_the_release(store_with_release):
    result = annotate_coding(LOINC, "99999-5", store=store_with_release)
    assert result.known and result.active is False


def test_other_systems_are_passed_over(concept_store):
    result = annotate_coding("http://www.ama-assn.org/go/cpt", "93000", store=concept_store)
    assert result.system is None and result.valid is None and result.reason == "system not handled"


def test_to_json_is_plain(concept_store):
    import json

    json.dumps(annotate_coding(SCT, "49436004", store=concept_store).to_json())
