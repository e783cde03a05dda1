"""Notes and papers through the text engine: ids, patient keys, policies, quarantine."""

from __future__ import annotations

from pathlib import Path

from deid.known_identifiers import KnownIdentifiers
from deid.policy import Policy
from readers import read_papers
from readers.common import ReadError
from readers.deidentify import deidentify_notes, deidentify_papers
from readers.notes import NoteRecord
from readers.papers import PaperRecord, Section

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "papers"
SHA = "a" * 64


def test_notes_get_keyed_ids_patient_keys_and_known_identifiers(engine, key):
    records = [NoteRecord("40817723", "Seen with Ms. Quenby Ardwhistle today; AF rate controlled.", "d-1", 1, "p1"),
               ReadError("d-1", "invalid JSON at column 3", 2),
               NoteRecord("40817724", "Qu. Ardwhistle called back; no palpitations.", "d-1", 3, "p1")]
    known = {"p1": KnownIdentifiers(names=("Quenby Ardwhistle",))}
    batch = deidentify_notes(records, engine, key, SHA, "d-1", known_for=known.get)
    assert [q.location for q in batch.quarantined] == ["d-1:2"] and batch.quarantined[0].stage == "read"
    first, second = batch.documents
    assert first.doc_id.startswith("n-") and "40817723" not in first.doc_id
    assert first.patient_key == second.patient_key and first.patient_key.startswith("p-")
    assert "Ardwhistle" not in first.text + second.text and "AF" in first.text
    assert first.metadata["residual_identifiers"] == 0 and batch.detections["PERSON"] >= 2


def test_same_delivery_gives_the_same_ids_another_delivery_other_ids(engine, key):
    note = [NoteRecord("n", "LVEF 35%.", "d-1", 1, None)]
    one = deidentify_notes(note, engine, key, SHA, "d-1").documents[0].doc_id
    assert one == deidentify_notes(note, engine, key, SHA, "d-1").documents[0].doc_id
    assert one != deidentify_notes(note, engine, key, "b" * 64, "d-2").documents[0].doc_id


def test_case_reports_use_the_clinical_policy_and_papers_the_research_policy(engine, make_engine, key):
    research = make_engine(Policy.bundled("research-paper"))
    records = list(read_papers(SAMPLES / "pubmed_cardiology.xml")) + list(read_papers(SAMPLES / "jats_case_report.nxml"))
    batch = deidentify_papers(records, engine, research, key, SHA, "d-9")
    by_kind = {}
    for document in batch.documents:
        by_kind.setdefault(document.kind, []).append(document)
    assert len(by_kind["paper"]) == 1 and len(by_kind["case_report"]) == 2
    [trial] = by_kind["paper"]
    assert trial.patient_key is None and trial.metadata["pmid"] == "99000001" and "apixaban" in trial.text
    for report in by_kind["case_report"]:
        assert report.patient_key is not None
        for identifier in ("Vantongeren", "Brightwater", "Salcedo", "Castellanos", "PJN884512S", "77120455"):
            assert identifier not in report.text


def test_research_policy_keeps_study_context_but_removes_contacts(engine, make_engine, key):
    research = make_engine(Policy.bundled("research-paper"))
    paper = PaperRecord("pmid:1", "A cohort study", (Section("abstract", "Methods",
                        "Patients enrolled in Baltimore between 2008 and 2012 by Dr. Halloran Vey. "
                        "Correspondence: hvey@example.org, phone 410-555-0123."),), "d-3", "pubmed")
    [document] = deidentify_papers([paper], engine, research, key, SHA, "d-3").documents
    assert "2008" in document.text and "Baltimore" in document.text and "Halloran Vey" in document.text
    assert "hvey@example.org" not in document.text and "410-555-0123" not in document.text


def test_an_unreadable_paper_file_is_quarantined(engine, make_engine, key, tmp_path):
    bad = tmp_path / "broken.xml"
    bad.write_text("<PubmedArticleSet><PubmedArticle>", encoding="utf-8")
    batch = deidentify_papers(read_papers(bad, location="d-7"), engine, make_engine(Policy.bundled("research-paper")),
                              key, SHA, "d-7")
    assert not batch.documents and [q.stage for q in batch.quarantined] == ["read"]
    assert "d-7" in batch.quarantined[0].location and "broken" not in batch.quarantined[0].location
