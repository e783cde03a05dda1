"""Research papers and case reports: PubMed/MEDLINE XML, JATS XML (PMC Open Access), text, Markdown.

A case report describes one patient and is de-identified like a note; other papers are
checked for the same identifiers (see the pipeline). XML is parsed without DTDs, entities
or network access, so a delivery cannot make the parser fetch or expand anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from readers.common import MAX_DOCUMENT_BYTES, ReadError, UnreadableFile, check_size, read_text

PAPER_SUFFIXES = (".xml", ".nxml", ".txt", ".md")
_MAX_XML_BYTES = 512 * 1024 * 1024  # a PubMed baseline file is ~150 MB; papers stream article by article
_XLINK = "{http://www.w3.org/1999/xlink}href"
# a paper that narrates one patient ("a 67-year-old woman presented...") is treated as a case report
_CASE_NARRATIVE = re.compile(r"\b(?:a|an) \d{1,3}[- ](?:year|yr)s?[- ]old (?:man|woman|male|female|boy|girl|patient|infant)\b", re.I)
_CASE_REPORT_TITLE = re.compile(r"\bcase (?:report|study|presentation)\b|\breport of (?:a|an|two|three) (?:case|patient)s?\b", re.I)


@dataclass(frozen=True)
class Section:
    part: str     # "abstract" or "body"
    heading: str  # the abstract label or section title; may be empty
    text: str


@dataclass(frozen=True)
class PaperRecord:
    source_id: str          # PMID, DOI, PMC id, or the file stem for plain text
    title: str
    sections: tuple[Section, ...]  # the abstract's labelled parts, then the body
    location: str
    kind: str               # pubmed, jats, text, markdown
    pmid: str | None = None
    doi: str | None = None
    journal: str | None = None
    year: int | None = None
    licence: str | None = None
    is_case_report: bool = False
    publication_types: tuple[str, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        """Title and sections as one document, headings on their own lines."""
        parts = [self.title]
        for section in self.sections:
            parts.append(f"{section.heading}\n{section.text}" if section.heading else section.text)
        return "\n\n".join(p for p in parts if p)

    @property
    def abstract(self) -> str:
        return "\n".join(s.text for s in self.sections if s.part == "abstract")


def read_papers(path: Path, location: str | None = None) -> Iterator[PaperRecord | ReadError]:
    """Every paper in one delivered file; a bad file or article becomes a `ReadError`."""
    path = Path(path)
    where = location or path.name
    suffix = path.suffix.lower()
    try:
        if suffix in (".xml", ".nxml"):
            yield from _read_xml(path, where)
        elif suffix in (".txt", ".md"):
            yield _read_plain(path, where, "markdown" if suffix == ".md" else "text")
        else:
            yield ReadError(where, f"unsupported paper format {suffix or '(no suffix)'}; expected one of {', '.join(PAPER_SUFFIXES)}")
    except UnreadableFile as error:
        yield ReadError(where, str(error))
    except OSError as error:
        yield ReadError(where, f"cannot read file ({error.strerror or type(error).__name__})")


def _read_plain(path: Path, where: str, kind: str) -> PaperRecord:
    text = read_text(path, MAX_DOCUMENT_BYTES)
    lines = text.strip().split("\n")
    title = lines[0].lstrip("#").strip()
    body = "\n".join(lines[1:]).strip()
    sections: list[Section] = []
    if kind == "markdown":
        heading, chunk = "", []
        for line in body.split("\n"):
            if line.startswith("#"):
                if "".join(chunk).strip():
                    sections.append(Section("body", heading, "\n".join(chunk).strip()))
                heading, chunk = line.lstrip("#").strip(), []
            else:
                chunk.append(line)
        if "".join(chunk).strip():
            sections.append(Section("body", heading, "\n".join(chunk).strip()))
    elif body:
        sections.append(Section("body", "", body))
    return PaperRecord(source_id=path.stem, title=title, sections=tuple(sections), location=where, kind=kind,
                       is_case_report=_narrates_a_case(title, sections))


def _narrates_a_case(title: str, sections) -> bool:
    if _CASE_REPORT_TITLE.search(title):
        return True
    return any(_CASE_NARRATIVE.search(s.text) for s in sections if s.part == "abstract" or s.heading.lower().startswith("case"))


def _read_xml(path: Path, where: str) -> Iterator[PaperRecord | ReadError]:
    check_size(path, _MAX_XML_BYTES)
    tags = ("PubmedArticle", "MedlineCitation", "article")
    context = etree.iterparse(str(path), events=("end",), tag=tags, resolve_entities=False, no_network=True,
                              load_dtd=False, huge_tree=False, remove_comments=True)
    found = 0
    try:
        for _, element in context:
            if element.tag == "MedlineCitation" and element.getparent() is not None \
                    and element.getparent().tag == "PubmedArticle":
                continue  # read with its PubmedArticle, which also holds the DOI
            found += 1
            try:
                yield _jats(element, where) if element.tag == "article" else _pubmed(element, where)
            except UnreadableFile as error:
                yield ReadError(where, f"article {found}: {error}")
            element.clear()
    except etree.XMLSyntaxError as error:
        yield ReadError(where, f"malformed XML at line {error.lineno}, column {error.offset}")
        return
    if not found:
        yield ReadError(where, "no PubmedArticle, MedlineCitation or JATS article element")


def _text(element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip() if element is not None else ""


def _year(text: str | None) -> int | None:
    match = re.search(r"\b(1[89]\d\d|20\d\d)\b", text or "")
    return int(match.group(1)) if match else None


def _pubmed(element, where: str) -> PaperRecord:
    citation = element if element.tag == "MedlineCitation" else element.find("MedlineCitation")
    if citation is None:
        raise UnreadableFile("PubmedArticle without MedlineCitation")
    article = citation.find("Article")
    if article is None:
        raise UnreadableFile("MedlineCitation without Article")
    pmid = citation.findtext("PMID")
    title = _text(article.find("ArticleTitle"))
    sections = tuple(Section("abstract", (part.get("Label") or "").capitalize(), _text(part))
                     for part in article.findall("Abstract/AbstractText") if _text(part))
    doi = next((_text(e) for e in element.iter("ArticleId", "ELocationID")
                if (e.get("IdType") or e.get("EIdType")) == "doi"), None)
    date = article.find("Journal/JournalIssue/PubDate")
    year = _year(date.findtext("Year") or date.findtext("MedlineDate")) if date is not None else None
    types = tuple(_text(t) for t in article.findall("PublicationTypeList/PublicationType"))
    if not title and not sections:
        raise UnreadableFile("article without title or abstract")
    return PaperRecord(source_id=f"pmid:{pmid}" if pmid else f"doi:{doi}", title=title, sections=sections,
                       location=where, kind="pubmed", pmid=pmid, doi=doi, journal=article.findtext("Journal/Title"),
                       year=year, publication_types=types,
                       is_case_report="Case Reports" in types or _narrates_a_case(title, sections))


def _jats(article, where: str) -> PaperRecord:
    meta = article.find("front/article-meta")
    if meta is None:
        raise UnreadableFile("JATS article without front/article-meta")
    ids = {e.get("pub-id-type"): _text(e) for e in meta.findall("article-id")}
    title = _text(meta.find("title-group/article-title"))
    sections: list[Section] = []
    for abstract in meta.findall("abstract"):
        if abstract.get("abstract-type") in ("graphical", "teaser"):
            continue
        parts = abstract.findall("sec")
        if parts:
            sections += [Section("abstract", _text(s.find("title")), " ".join(_text(p) for p in s.findall(".//p")))
                         for s in parts]
        else:
            sections.append(Section("abstract", "", " ".join(_text(p) for p in abstract.findall(".//p"))))
    body = article.find("body")
    if body is not None:
        loose = [_text(p) for p in body.findall("p")]
        if loose:
            sections.append(Section("body", "", "\n".join(loose)))
        for sec in body.findall("sec"):
            sections.append(Section("body", _text(sec.find("title")), "\n".join(_text(p) for p in sec.iter("p"))))
    licence_element = meta.find("permissions/license")
    licence = None
    if licence_element is not None:
        licence = licence_element.get(_XLINK) or licence_element.get("license-type") or _text(licence_element)[:200]
    year = _year(next((e.findtext("year") for e in meta.findall("pub-date") if e.findtext("year")), None))
    if not title and not sections:
        raise UnreadableFile("article without title, abstract or body")
    source = next((f"{kind}:{ids[kind]}" for kind in ("pmid", "doi", "pmc", "pmcid") if ids.get(kind)), "")
    return PaperRecord(source_id=source, title=title, sections=tuple(s for s in sections if s.text),
                       location=where, kind="jats", pmid=ids.get("pmid"), doi=ids.get("doi"),
                       journal=_text(article.find("front/journal-meta/journal-title-group/journal-title")) or None,
                       year=year, licence=licence,
                       is_case_report=article.get("article-type") == "case-report" or _narrates_a_case(title, sections))
