"""Mention extraction span tables (invented sentences): exact, synonym, abbreviation,
fuzzy, context flags, and surrogates that must not become concepts."""

import pytest

from terminology.context import FLAGS


def _found(extractor, text):
    return [(m.text, m.system, m.code) for m in extractor.extract(text)]


@pytest.mark.parametrize("text, expected", [
    # exact preferred terms and plurals
    ("Known atrial fibrillation.", [("atrial fibrillation", "SNOMED", "49436004")]),
    ("Recurrent ventricular arrhythmias were seen.", [("ventricular arrhythmias", "SNOMED", "44103008")]),
    # longest match wins; the general concept inside it comes as a second, nested mention
    ("Congestive heart failure, NYHA II.", [("Congestive heart failure", "SNOMED", "42343007"),
                                            ("heart failure", "SNOMED", "84114007")]),
    # synonyms: seed, hand-added everyday words, British spelling
    ("He had a heart attack.", [("heart attack", "SNOMED", "22298006")]),
    ("Long-standing hypertension.", [("hypertension", "SNOMED", "38341003")]),
    ("The patient became hypotensive.", [("hypotensive", "SNOMED", "45007003")]),
    ("Ischaemic heart disease.", [("Ischaemic heart disease", "SNOMED", "414545008")]),
    # everyday chart abbreviations match only in capitals
    ("History: CHF, HTN.", [("CHF", "SNOMED", "42343007"), ("HTN", "SNOMED", "38341003")]),
    ("chf and htn", []),
    # a change of pressure is the finding, not the observable
    ("a marked increase in systolic blood pressure", [("increase in systolic blood pressure", "SNOMED", "24184005")]),
    # nothing cardiological
    ("The weather was fine and the coffee hot.", []),
])
def test_span_table(extractor, text, expected):
    assert _found(extractor, text) == expected


def test_offsets_point_into_the_text(extractor):
    text = "Patient with a heart attack and angina."
    for mention in extractor.extract(text):
        assert text[mention.start:mention.end] == mention.text


def test_defined_abbreviation_is_linked_everywhere(extractor):
    text = "Patients with atrial fibrillation (AF) were enrolled. AF recurred in 12 of them."
    mentions = [m for m in extractor.extract(text) if m.text == "AF"]
    assert len(mentions) == 2 and {m.code for m in mentions} == {"49436004"}
    assert {m.via for m in mentions} == {"abbreviation"}


def test_abbreviation_defined_as_something_else_cancels_the_store_one(extractor):
    text = "The amniotic fluid (AF) was clear. AF volume was normal."
    assert [m for m in extractor.extract(text) if m.text == "AF"] == []


def test_defined_abbreviation_links_through_its_tail(extractor):
    text = "We saw exercise-induced torsades de pointes (EITP) twice; EITP resolved."
    assert {m.code for m in extractor.extract(text) if m.text == "EITP"} == {"31722008"}


def test_fuzzy_linking_of_a_variant_phrase(extractor):
    mentions = extractor.extract("Angiography showed coronary vasospasm.")
    assert [(m.text, m.via) for m in mentions] == [("coronary vasospasm", "fuzzy")]
    assert 0.85 <= mentions[0].score < 1


def test_mentions_carry_display_cui_and_category(extractor):
    (mention,) = extractor.extract("Atrial fibrillation.")
    assert (mention.display, mention.cui, mention.category) == ("Atrial fibrillation", "C0004238", "arrhythmia")
    record = mention.to_json()
    assert {"start", "end", "text", "system", "code", "display", "cui", "score", *FLAGS} <= set(record)


@pytest.mark.parametrize("text, term, flags", [
    ("No chest pain today.", "chest pain", {"negated"}),
    ("Atrial fibrillation was not seen.", "Atrial fibrillation", {"negated"}),
    ("History of myocardial infarction.", "myocardial infarction", {"historical"}),
    ("Status post coronary artery bypass grafting.", "coronary artery bypass grafting", {"historical"}),
    ("Family history of sudden cardiac death in his father.", "sudden cardiac death", {"family"}),
    ("Her mother had hypertrophic cardiomyopathy.", "hypertrophic cardiomyopathy", {"family"}),
    ("Return if chest pain recurs.", "chest pain", {"hypothetical"}),
    ("Possible myocarditis.", "myocarditis", {"uncertain"}),
    ("She has heart failure.", "heart failure", set()),
    # a terminator closes the scope of the trigger
    ("No syncope but new angina.", "angina", set()),
])
def test_context_flags(extractor, text, term, flags):
    mention = next(m for m in extractor.extract(text) if m.text == term)
    assert {flag for flag in FLAGS if mention.flags[flag]} == flags


@pytest.mark.parametrize("text", [
    "[PERSON] was seen by [PERSON] on [DATE].",
    "Seen by Dr. Angina and Mrs. Flutter today.",
    "Mr. Shock returns to clinic.",
    "Patient <PERSON> reviewed with [NAME: Dr. Block].",
])
def test_surrogates_and_tags_do_not_become_concepts(extractor, text):
    assert extractor.extract(text) == []


def test_eponym_phrases_still_match_next_to_names(extractor):
    found = _found(extractor, "Dr. Hale reviewed the cardiogenic shock.")
    assert [t for t, _, _ in found] == ["cardiogenic shock"]


def test_extract_many_keeps_order_and_matches_extract(extractor):
    texts = ["Hypertension.", "", "No angina.", "Atrial fibrillation (AF); AF again."]
    batched = [[m.to_json() for m in ms] for ms in extractor.extract_many(texts)]
    assert batched == [[m.to_json() for m in extractor.extract(t)] for t in texts]
    assert batched[1] == []


@pytest.mark.parametrize("text, code", [
    ("Raynaud's phenomenon in winter.", "266261006"),     # possessive eponym
    ("Raynaud\u2019s phenomenon in winter.", "266261006"),  # curly apostrophe
    ("She developed preeclampsia at 34 weeks.", "398254007"),  # hyphen-less spelling of pre-eclampsia
    ("She developed pre-eclampsia at 34 weeks.", "398254007"),
])
def test_spelling_variants(extractor, text, code):
    assert [m.code for m in extractor.extract(text)] == [code]


@pytest.mark.parametrize("text, outer, broader", [
    # qualifiers of course, type or completeness narrow the disease without changing it
    ("Admitted with acute myocardial infarction.", "acute myocardial infarction", "myocardial infarction"),
    ("Long history of essential hypertension.", "essential hypertension", "hypertension"),
    ("ECG showed complete heart block.", "complete heart block", "heart block"),
    # a trailing clause: the disease is the front of the phrase
    ("Atrial fibrillation with rapid ventricular response.", "Atrial fibrillation with rapid ventricular response",
     "Atrial fibrillation"),
])
def test_broader_concept_is_a_second_nested_mention(extractor, text, outer, broader):
    mentions = extractor.extract(text)
    by_text = {m.text: m for m in mentions}
    assert set(by_text) == {outer, broader}
    outer_mention, broader_mention = by_text[outer], by_text[broader]
    assert outer_mention.via == "exact" and broader_mention.via == "broader"
    assert outer_mention.start <= broader_mention.start and broader_mention.end <= outer_mention.end
    assert broader_mention.code != outer_mention.code


@pytest.mark.parametrize("text", [
    "Severe pulmonary hypertension on echo.",   # a site that makes another disease: not "hypertension"
    "Known atrial fibrillation.",               # nothing to generalize in one concept's own words
])
def test_no_broader_mention_where_the_words_change_the_disease(extractor, text):
    assert not [m for m in extractor.extract(text) if m.via == "broader"]


def test_broader_mention_shares_the_context_of_its_phrase(extractor):
    mentions = extractor.extract("No evidence of acute myocardial infarction.")
    assert len(mentions) == 2 and all(m.flags["negated"] for m in mentions)
