"""The leak check: does a de-identified output still hold any identifier of its input?

It reads every string value of the output (attachments decoded) and looks for the input's
known identifiers in any spelling (``deid.known_identifiers``: names, identifier values,
phones, street lines, birth date) and for the input's original resource ids. It reports
counts by kind, never values; any find quarantines the output.
"""

from __future__ import annotations

import base64

from deid.known_identifiers import KnownIdentifiers, residual_identifiers
from fhir_adapters.free_text import decode_attachment, is_text

_MIN_ID_LENGTH = 6  # shorter ids ("1", "obs2") are not telling and would match by chance


class LeakCheck:
    def __init__(self, lexicons, knowns: list[KnownIdentifiers], original_ids: list[str]):
        self.lexicons = lexicons
        self.knowns = [k for k in knowns if k]
        self.original_ids = sorted({_bare_id(i) for i in original_ids if len(_bare_id(i)) >= _MIN_ID_LENGTH})

    def scan(self, output) -> dict[str, int]:
        """Identifiers found in ``output`` (a resource or bundle), counted by kind."""
        text = "\n".join(_strings(output))
        found: dict[str, int] = {}
        for known in self.knowns:
            for hit in residual_identifiers(text, known, self.lexicons):
                found[hit["kind"]] = found.get(hit["kind"], 0) + 1
        lowered = text.lower()
        for original in self.original_ids:
            if original.lower() in lowered:
                found["RESOURCE_ID"] = found.get("RESOURCE_ID", 0) + 1
        return found


def _bare_id(value: str) -> str:
    for prefix in ("urn:uuid:", "urn:oid:"):
        if value.startswith(prefix):
            return value[len(prefix):]
    return value.rstrip("/").rsplit("/", 1)[-1]


def _strings(node, parent: dict | None = None, key: str | None = None):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, node, k)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, parent, key)
    elif isinstance(node, str):
        if key == "data" and parent is not None:
            content_type = parent.get("contentType") or ""
            decoded = decode_attachment(node, content_type) if is_text(content_type) else None
            yield decoded if decoded is not None else _safe_b64_text(node)
        else:
            yield node


def _safe_b64_text(data: str) -> str:
    try:
        return base64.b64decode(data).decode("utf-8", errors="ignore")
    except ValueError:
        return ""
