"""Apply the rule file to one resource: walk its JSON with the FHIR type of every node.

The walker builds a new resource (the input is never modified). Free text is left as
:class:`~fhir_adapters.free_text.TextSlot` objects for the caller to fill in one batch;
everything else (ids, references, identifiers, dates, names, addresses, extensions) is
decided here, by the first matching rule or the default for the node's type.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import regex

from deid.known_identifiers import KnownIdentifiers
from deid.surrogates import PatientSurrogates
from fhir_adapters import operations
from fhir_adapters.fhir_types import ElementType, element_type, model_for
from fhir_adapters.free_text import TextSlot, decode_attachment, html_to_text, is_text
from fhir_adapters.ruleset import Rule, Rules

_REMOVED = object()
_NAME_WORD = regex.compile(r"[A-Za-z][A-Za-z'’-]*")
# Attachments whose text counts as a document (a note), by where they sit.
_DOCUMENT_ATTACHMENTS = {("DocumentReference", "attachment"), ("DiagnosticReport", "presentedForm"),
                         ("Media", "content")}


class RuleFailed(ValueError):
    """A rule could not be applied to a node; the message names the rule's method and the path."""


@dataclass
class PatientContext:
    """What every resource of one patient shares: the keys that tie resources and notes together."""

    source_id: str  # the original id the pseudonyms derive from (Patient.id, or "resource:...")
    patient_key: str
    offset_days: int
    known: KnownIdentifiers  # the patient's known identifiers plus the input's clinicians and places
    reference_year: int  # for ages over 89 implied by birth dates
    is_patient: bool = True  # False for resources tied to no patient


@dataclass
class ResourceJob:
    """One resource being de-identified: its context, and the text it leaves for the engine."""

    context: PatientContext
    resource_type: str
    pseudonymous_id: str
    slots: list[TextSlot] = field(default_factory=list)
    reference_types: dict[str, str] = field(default_factory=dict)  # reference -> target type (bundle index)


class ResourceDeidentifier:
    def __init__(self, key: bytes, rules: Rules, lexicons):
        self._key = key
        self.rules = rules
        self.lexicons = lexicons

    def deidentify(self, resource: dict, job: ResourceJob) -> dict:
        model = model_for(resource["resourceType"])
        steps = ((resource["resourceType"], "", True),)
        return self._complex(resource, model, steps, job)

    # -- nodes -----------------------------------------------------------------------------
    def _complex(self, node: dict, model, steps: tuple, job: ResourceJob) -> dict:
        out: dict = {}
        for key, value in node.items():
            if key == "resourceType":
                out[key] = value
                continue
            if key.startswith("_"):  # a primitive's id/extensions: an Element
                etype = ElementType("Element", model_for("Element"))
            else:
                etype = element_type(model, key)
            if isinstance(value, list):
                items = [self._value(item, etype, steps, key, node, job, index) for index, item in enumerate(value)]
                items = [item for item in items if item is not _REMOVED]
                if items:
                    out[key] = items
                continue
            result = self._value(value, etype, steps, key, node, job, None)
            if result is not _REMOVED:
                out[key] = result
        return out

    def _value(self, value, etype: ElementType | None, steps: tuple, key: str, parent: dict, job: ResourceJob,
               index: int | None):
        if isinstance(value, dict) and "resourceType" in value and (etype is None or etype.name == "Resource"):
            return self._complex(value, model_for(value["resourceType"]), steps + ((value["resourceType"], key, True),), job)
        type_name = etype.name if etype else None
        here = steps + ((type_name or "", key, False),)
        if isinstance(value, dict):
            if type_name == "Extension":
                return self._extension(value, etype, here, job)
            rule = self.rules.rule_for(here)
            method = rule.method if rule else None
            if method == "keep":
                return copy.deepcopy(value)
            if method == "redact":
                return _REMOVED
            if method == "substitute" and type_name == "HumanName":
                return self._substitute_name(value, here, job)
            result = self._complex(value, etype.model if etype else None, here, job)
            if not result and type_name == "Reference":
                return {"display": "[REDACTED]"}  # a display-only reference may be required: keep its place
            return result if result else _REMOVED
        rule = self.rules.rule_for(here)
        method = rule.method if rule else self.rules.default_for(type_name)
        return self._primitive(value, type_name, method, rule, here, key, parent, job, index)

    def _primitive(self, value, type_name, method: str, rule: Rule | None, steps, key, parent, job: ResourceJob,
                   index: int | None):
        if method == "keep":
            return value
        if method == "redact":
            return _REMOVED
        if method == "dateShift":
            return self._shift(value, steps, job)
        if method == "cryptoHash":
            if not isinstance(value, str):
                return _REMOVED
            if type_name == "id":
                return operations.pseudonymous_id(self._key, value)
            if key in ("reference", "fullUrl", "url", "location"):
                return operations.pseudonymize_reference(self._key, value)
            return operations.hash_identifier(self._key, value)
        if method == "generalize":
            return self._generalize(value, rule.param("to"), steps, job)
        if method == "perturb":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise RuleFailed(f"perturb needs a number at {_path(steps)}")
            return operations.perturb(self._key, f"{job.pseudonymous_id}:{_path(steps)}:{index}", value,
                                      float(rule.param("span", 0.05)), rule.param("digits"))
        if method == "substitute":
            return self._surrogates(job).person(" ".join(_NAME_WORD.findall(str(value)))) if isinstance(value, str) else _REMOVED
        if method == "freeText":
            return self._free_text(value, rule, steps, key, parent, job)
        raise RuleFailed(f"{method} does not apply at {_path(steps)}")

    # -- methods ---------------------------------------------------------------------------
    def _shift(self, value, steps, job: ResourceJob):
        try:
            return operations.shift_fhir_date(value, job.context.offset_days)
        except (operations.UnshiftableDate, TypeError):
            raise RuleFailed(f"dateShift: not a FHIR date at {_path(steps)}") from None

    def _generalize(self, value, to: str, steps, job: ResourceJob):
        context = job.context
        try:
            if to == "year":
                return operations.generalize_birth_date(value, context.offset_days, self.rules.max_age, context.reference_year)
            if to == "age":
                return operations.generalize_age(value, self.rules.max_age)
            if to == "zip3":
                return operations.generalize_postal_code(str(value))
        except (operations.UnshiftableDate, TypeError, ValueError):
            raise RuleFailed(f"generalize to {to}: unexpected value at {_path(steps)}") from None
        raise RuleFailed(f"generalize to {to} is unknown at {_path(steps)}")

    def _surrogates(self, job: ResourceJob) -> PatientSurrogates:
        owner = job.context.patient_key if job.resource_type not in ("Practitioner", "PractitionerRole", "RelatedPerson") \
            else f"staff:{job.pseudonymous_id}"
        avoid = frozenset(w for n in job.context.known.names for w in _NAME_WORD.findall(n))
        return PatientSurrogates(self._key, owner, self.lexicons, avoid)

    def _substitute_name(self, name: dict, steps, job: ResourceJob) -> dict:
        """Surrogate given and family names (digits dropped), use/prefix/suffix kept, period shifted."""
        surrogates = self._surrogates(job)
        out: dict = {}
        for key, value in name.items():
            if key in ("family", "given"):
                values = value if isinstance(value, list) else [value]
                replaced = [surrogates.person(" ".join(_NAME_WORD.findall(v))) or "Anon" for v in values if isinstance(v, str)]
                out[key] = replaced if isinstance(value, list) else replaced[0]
            elif key in ("use", "prefix", "suffix"):
                out[key] = copy.deepcopy(value)
            elif key == "period":
                out[key] = {k: self._shift(v, steps, job) for k, v in value.items() if k in ("start", "end")}
        if "text" in name:
            out["text"] = " ".join([*out.get("given", []), out.get("family", "")]).strip() or "Anon"
        return out

    def _extension(self, extension: dict, etype: ElementType, steps, job: ResourceJob):
        rules = self.rules.extensions
        url = extension.get("url", "")
        if url in rules.keep:
            return copy.deepcopy(extension)
        if url in rules.remove:
            return _REMOVED
        if url in rules.address_to_state:
            address = extension.get("valueAddress")
            kept = {k: address[k] for k in ("state", "country") if isinstance(address, dict) and k in address}
            return {"url": url, "valueAddress": kept} if kept else _REMOVED
        for key in extension:
            if key.startswith("value"):
                value_type = element_type(etype.model, key)
                if value_type is None or value_type.name in rules.identifying_value_types:
                    return _REMOVED
        result = self._complex(extension, etype.model, steps, job)
        has_content = any(k.startswith("value") or k == "extension" for k in result)
        return result if has_content else _REMOVED

    def _free_text(self, value, rule: Rule | None, steps, key, parent: dict, job: ResourceJob):
        if not isinstance(value, str) or not value.strip():
            return _REMOVED
        anchor_type = steps[-2][0] if len(steps) > 1 else ""
        if rule is not None and rule.param("keep_if_coding_display"):
            displays = {c.get("display", "").strip().lower() for c in parent.get("coding", []) if isinstance(c, dict)}
            if value.strip().lower() in displays:
                return value
        if anchor_type == "Reference" and key == "display" and self._display_names_target(parent, job):
            return _REMOVED
        where = f"{job.resource_type}/{job.pseudonymous_id} {_path(steps)}"
        if anchor_type == "Attachment" and key == "data":
            return self._attachment(value, steps, parent, job, where)
        if key == "div":
            slot = TextSlot(html_to_text(value), "xhtml", job.context.source_id, job.context.known, where)
        else:
            is_note = anchor_type == "Annotation" and key == "text"
            slot = TextSlot(value, "plain", job.context.source_id, job.context.known, where, is_document=is_note)
        job.slots.append(slot)
        return slot  # the walker's output holds the slot until fill_slots and resolve_slots

    def _attachment(self, value: str, steps, parent: dict, job: ResourceJob, where: str):
        content_type = parent.get("contentType") or ""
        text = decode_attachment(value, content_type) if is_text(content_type) else None
        if text is None:
            return _REMOVED  # not text we can de-identify: the data goes, the metadata stays
        owner = next((s[0] for s in reversed(steps) if s[2]), "")
        is_document = any(owner == rt and any(s[1] == k for s in steps) for rt, k in _DOCUMENT_ATTACHMENTS)
        slot = TextSlot(text, "attachment", job.context.source_id, job.context.known, where,
                        content_type=content_type, is_document=is_document)
        job.slots.append(slot)
        return slot

    def _display_names_target(self, reference_node: dict, job: ResourceJob) -> bool:
        """Whether a Reference's display names a person, organization or place (then it goes)."""
        reference = reference_node.get("reference")
        target = None
        if isinstance(reference, str):
            target = job.reference_types.get(reference) or operations.reference_parts(reference)[0]
        if target is None:
            return False  # a display-only reference: its text goes through the text engine
        return target in self.rules.redact_display_targets


def _path(steps) -> str:
    return ".".join([steps[0][0], *(s[1] for s in steps[1:])])
