"""Examples from de-identified documents: note -> coded problem list, abstract -> conclusions, paper -> title.

Every answer is text or codes already in the store: SNOMED CT mentions of the note (context
flags excluded), the abstract's own conclusions section, the paper's own title line. A
document that has no answer (no problems, no conclusions section, no title) gives no example.
"""

from __future__ import annotations

import hashlib

from releases.configuration import ReleaseConfig
from releases.records import Example


def example_id(task: str, *parts: str) -> str:
    return "ex-" + hashlib.sha256("\x1f".join((task,) + parts).encode("utf-8")).hexdigest()[:20]


def chat(config: ReleaseConfig, user: str, assistant: str) -> tuple[dict, ...]:
    return ({"role": "system", "content": config.data["system_prompt"].strip()},
            {"role": "user", "content": user}, {"role": "assistant", "content": assistant})


def group_of(document: dict, config: ReleaseConfig) -> str:
    """The split unit: the patient, else (papers without one, or group_by: document) the document."""
    if config.section("split").get("group_by", "patient") == "patient" and document.get("patient_key"):
        return document["patient_key"]
    return "doc:" + document["doc_id"]


def problem_list(document: dict, mentions: list[dict], settings: dict) -> list[tuple[str, str]]:
    """(code, term) of the note's problems in order of first mention, each code once. A mention
    nested inside a longer one (the extractor's broader concept: "myocardial infarction" inside
    "acute myocardial infarction") is the same problem said more generally and is left out."""
    systems = set(settings.get("systems", ["SNOMED"]))
    excluded = settings.get("exclude_flags", ["negated", "family", "hypothetical"])
    problems: dict[str, str] = {}
    for mention in mentions:
        nested = any(o is not mention and o["start"] <= mention["start"] and mention["end"] <= o["end"]
                     and (o["end"] - o["start"]) > (mention["end"] - mention["start"]) for o in mentions)
        if mention["system"] in systems and mention["code"] and not nested and not any(mention.get(f) for f in excluded):
            problems.setdefault(mention["code"], mention["display"] or mention["text"])
    return list(problems.items())


def note_problem_list_examples(documents, mentions, config: ReleaseConfig) -> list[Example]:
    settings = config.task("note_problem_list")
    if not settings:
        return []
    examples = []
    for document in documents:
        if document["kind"] not in settings["kinds"]:
            continue
        problems = problem_list(document, mentions.get(document["doc_id"], []), settings)
        if not problems:
            continue
        answer = "\n".join(f"- {term} (SNOMED CT {code})" for code, term in problems)
        examples.append(Example(example_id("note_problem_list", document["doc_id"]), "note_problem_list",
                                chat(config, settings["prompt"].format(text=document["text"].strip()), answer),
                                group_of(document, config), (document["doc_id"],)))
    return examples


def paper_parts(text: str) -> tuple[str, list[tuple[str | None, str]]]:
    """Title and sections of a paper text (title, blank line, "Heading\\ntext" blocks; see readers.papers)."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    if not blocks:
        return "", []
    title, sections = blocks[0], []
    for block in blocks[1:]:
        heading, _, body = block.partition("\n")
        if body and len(heading) <= 60 and not heading.rstrip().endswith("."):
            sections.append((heading.strip(), body.strip()))
        else:
            sections.append((None, block))
    return title, sections


def _render(sections: list[tuple[str | None, str]]) -> str:
    return "\n\n".join(f"{h}\n{b}" if h else b for h, b in sections)


def abstract_conclusions_examples(documents, config: ReleaseConfig) -> list[Example]:
    settings = config.task("abstract_conclusions")
    if not settings:
        return []
    headings = {h.lower() for h in settings["conclusion_headings"]}
    examples = []
    for document in documents:
        if document["kind"] not in settings["kinds"]:
            continue
        _, sections = paper_parts(document["text"])
        conclusions = [b for h, b in sections if h and h.lower().rstrip(":") in headings]
        rest = [(h, b) for h, b in sections if not (h and h.lower().rstrip(":") in headings)]
        if not conclusions or not any(h for h, _ in rest):
            continue   # not a structured abstract
        examples.append(Example(example_id("abstract_conclusions", document["doc_id"]), "abstract_conclusions",
                                chat(config, settings["prompt"].format(text=_render(rest)), "\n\n".join(conclusions)),
                                group_of(document, config), (document["doc_id"],)))
    return examples


def paper_title_examples(documents, config: ReleaseConfig) -> list[Example]:
    settings = config.task("paper_title")
    if not settings:
        return []
    examples = []
    for document in documents:
        if document["kind"] not in settings["kinds"]:
            continue
        title, sections = paper_parts(document["text"])
        if not title or not sections or len(title) > 400:
            continue
        examples.append(Example(example_id("paper_title", document["doc_id"]), "paper_title",
                                chat(config, settings["prompt"].format(text=_render(sections)), title),
                                group_of(document, config), (document["doc_id"],)))
    return examples
