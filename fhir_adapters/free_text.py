"""Free text inside resources: plain strings, XHTML narratives and base64 attachments.

The walker leaves a :class:`TextSlot` where free text was; :func:`fill_slots` sends every
slot of one input through the text engine in batches (one spaCy ``pipe`` per batch) with
the patient's known identifiers, and writes the de-identified text back in the slot's form.
HTML (narratives, ``text/html`` attachments) is reduced to its text, one paragraph per
block: markup is not needed for training text and cannot hide identifiers that way.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass, field

import lxml.html
import regex

from deid.engine import DeidResult, Document
from deid.known_identifiers import KnownIdentifiers

XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
_BLOCK = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "pre", "section")
TEXT_TYPES = ("text/plain", "text/html", "text/markdown", "text/csv", "text/xml", "application/xhtml+xml",
              "text/rtf", "text/richtext")


class TextFailed(Exception):
    """The text engine could not de-identify one slot (time budget, internal error)."""

    def __init__(self, slot: "TextSlot", reason: str):
        super().__init__(reason)
        self.slot = slot


@dataclass(eq=False)
class TextSlot:
    """Free text found by the walker; it stands in the output tree until :func:`resolve_slots`."""

    text: str
    form: str  # "plain", "xhtml" (a narrative div), "attachment"
    patient_id: str
    known: KnownIdentifiers
    where: str  # "<ResourceType>/<pseudonymous id> <path>", for errors
    content_type: str = "text/plain"
    output: str | None = field(default=None)
    is_document: bool = False  # a note or attachment (goes to FhirFileResult.documents)


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment, a line per block element, whitespace collapsed."""
    if not markup.strip():
        return ""
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.split("}")[-1].lower() in _BLOCK:
            element.tail = "\n" + (element.tail or "")
    lines = (regex.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def text_to_xhtml_div(text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in text.split("\n") if line.strip())
    return f'<div xmlns="{XHTML_NAMESPACE}">{paragraphs or "<p></p>"}</div>'


def text_to_html_page(text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in text.split("\n") if line.strip())
    return f"<html><body>{paragraphs}</body></html>"


def is_html(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml")


def is_text(content_type: str | None) -> bool:
    return bool(content_type) and (content_type.split(";")[0].strip().lower() in TEXT_TYPES
                                   or content_type.lower().startswith("text/"))


def decode_attachment(data: str, content_type: str) -> str | None:
    """The attachment's text (HTML reduced to text), or None if it is not decodable text."""
    try:
        raw = base64.b64decode(data, validate=False)
        text = raw.decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    return html_to_text(text) if is_html(content_type) else text


def encode_attachment(text: str, content_type: str) -> tuple[str, int]:
    body = text_to_html_page(text) if is_html(content_type) else text
    raw = body.encode("utf-8")
    return base64.b64encode(raw).decode("ascii"), len(raw)


def fill_slots(slots: list[TextSlot], engine, batch_size: int = 32) -> tuple[dict[str, int], list[TextFailed]]:
    """De-identify every slot; returns detection counts by entity type and the slots that failed."""
    counts: dict[str, int] = {}
    failures: list[TextFailed] = []
    documents = (Document(str(i), slot.text, slot.patient_id, slot.known) for i, slot in enumerate(slots))
    for slot, result in zip(slots, engine.deidentify_many(documents, batch_size=batch_size)):
        if not isinstance(result, DeidResult):
            failures.append(TextFailed(slot, type(result).__name__))
            continue
        slot.output = result.text
        for label, n in result.counts().items():
            counts[label] = counts.get(label, 0) + n
    return counts, failures


def resolve_slots(node):
    """Replace, in place, every filled slot in a walker output tree by its value in FHIR form."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, TextSlot):
                node[key] = _rendered(value)
                if value.form == "attachment" and "size" in node:
                    node["size"] = len(base64.b64decode(node[key]))
            else:
                resolve_slots(value)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, TextSlot):
                node[index] = _rendered(value)
            else:
                resolve_slots(value)
    return node


def _rendered(slot: TextSlot) -> str:
    if slot.output is None:
        raise ValueError(f"unfilled text slot at {slot.where}")
    if slot.form == "xhtml":
        return text_to_xhtml_div(slot.output)
    if slot.form == "attachment":
        return encode_attachment(slot.output, slot.content_type)[0]
    return slot.output if slot.output.strip() else "[REDACTED]"  # FHIR strings may not be empty
