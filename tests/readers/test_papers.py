"""Paper readers on the project's invented samples and on small broken inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from readers import PaperRecord, ReadError, read_papers

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "papers"


def _papers(path):
    return list(read_papers(path))


def test_pubmed_article_set_metadata_and_labelled_abstract():
    trial, case = _papers(SAMPLES / "pubmed_cardiology.xml")
    assert (trial.pmid, trial.doi, trial.year, trial.kind) == ("99000001", "10.9999/jic.2021.0001", 2021, "pubmed")
    assert trial.journal == "Journal of Invented Cardiology"
    assert [s.heading for s in trial.sections] == ["Background", "Methods", "Results", "Conclusions"]
    assert not trial.is_case_report
    assert case.is_case_report and case.year == 2019  # MedlineDate "2019 Nov-Dec"
    assert "Case Reports" in case.publication_types


def test_older_medline_citation_set():
    [paper] = _papers(SAMPLES / "medline_heart_failure.xml")
    assert paper.source_id == "pmid:99000003" and paper.year == 2008 and "sacubitril" in paper.text


def test_jats_case_report_keeps_licence_and_body_sections():
    [paper] = _papers(SAMPLES / "jats_case_report.nxml")
    assert paper.is_case_report and paper.licence == "https://creativecommons.org/licenses/by/4.0/"
    assert paper.source_id == "pmid:99000004" and paper.doi == "10.9999/ioc.2022.104" and paper.year == 2022
    assert [s.part for s in paper.sections] == ["abstract", "body", "body"]
    assert "Case presentation\n" in paper.text and "sick sinus syndrome" in paper.abstract


def test_markdown_sections():
    [paper] = _papers(SAMPLES / "review_statins.md")
    assert paper.title.startswith("Statin intensity") and [s.heading for s in paper.sections] == ["Background", "Evidence", "Conclusion"]


def test_truncated_xml_reports_position_and_keeps_earlier_articles(tmp_path):
    data = (SAMPLES / "pubmed_cardiology.xml").read_text(encoding="utf-8")
    cut = data.index("<PubmedArticle>", data.index("</PubmedArticle>")) + 60
    path = tmp_path / "cut.xml"
    path.write_text(data[:cut], encoding="utf-8")
    out = _papers(path)
    assert isinstance(out[0], PaperRecord) and out[0].pmid == "99000001"
    assert isinstance(out[-1], ReadError) and "malformed XML at line" in out[-1].reason


def test_external_entities_are_not_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    path = tmp_path / "xxe.xml"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>'
                    "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
                    "<ArticleTitle>t &e;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>",
                    encoding="utf-8")
    out = _papers(path)
    assert all("TOPSECRET" not in (r.text if isinstance(r, PaperRecord) else str(r)) for r in out)


@pytest.mark.parametrize("name, content, reason", [
    ("empty.xml", b"", "empty file"),
    ("other.xml", b"<root><x/></root>", "no PubmedArticle"),
    ("garbage.xml", b"\x00\x01\x02garbage", "malformed XML"),
    ("paper.pdf", b"%PDF-1.7", "unsupported paper format .pdf"),
])
def test_bad_paper_deliveries(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    [error] = _papers(path)
    assert isinstance(error, ReadError) and reason in error.reason
