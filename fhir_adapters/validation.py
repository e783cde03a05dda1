"""R4B validation of one resource, plus the checks ``fhir.resources`` does not make.

``fhir.resources.R4B`` checks structure, cardinality and primitive formats. It does not
check required value-set bindings (a status of "bogus" passes), that a narrative is XHTML,
that clinical codes carry a system and a code, or that references point at resources of
an allowed type and resolve inside their bundle. Issues name the element path and the kind
of problem, never the value.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import lxml.etree
import pydantic

from fhir_adapters.fhir_types import element_type, model_for
from fhir_adapters.free_text import XHTML_NAMESPACE
from fhir_adapters.operations import reference_parts

# Required bindings (FHIR R4): (type that holds the element, element) -> allowed codes.
_STATUSES = {
    ("Patient", "gender"): "male female other unknown",
    ("Practitioner", "gender"): "male female other unknown",
    ("RelatedPerson", "gender"): "male female other unknown",
    ("Observation", "status"): "registered preliminary final amended corrected cancelled entered-in-error unknown",
    ("Encounter", "status"): "planned arrived triaged in-progress onleave finished cancelled entered-in-error unknown",
    ("MedicationRequest", "status"): "active on-hold cancelled completed entered-in-error stopped draft unknown",
    ("MedicationRequest", "intent"): "proposal plan order original-order reflex-order filler-order instance-order option",
    ("Procedure", "status"): "preparation in-progress not-done on-hold stopped completed entered-in-error unknown",
    ("Immunization", "status"): "completed entered-in-error not-done",
    ("AllergyIntolerance", "type"): "allergy intolerance",
    ("AllergyIntolerance", "category"): "food medication environment biologic",
    ("AllergyIntolerance", "criticality"): "low high unable-to-assess",
    ("DiagnosticReport", "status"): "registered partial preliminary final amended corrected appended cancelled "
                                    "entered-in-error unknown",
    ("DocumentReference", "status"): "current superseded entered-in-error",
    ("DocumentReference", "docStatus"): "preliminary final amended entered-in-error",
    ("CarePlan", "status"): "draft active on-hold revoked completed entered-in-error unknown",
    ("CarePlan", "intent"): "proposal plan order option",
    ("Claim", "status"): "active cancelled draft entered-in-error",
    ("ExplanationOfBenefit", "status"): "active cancelled draft entered-in-error",
    ("Goal", "lifecycleStatus"): "proposed planned accepted active on-hold completed cancelled entered-in-error rejected",
    ("ImagingStudy", "status"): "registered available cancelled entered-in-error unknown",
    ("Bundle", "type"): "document message transaction transaction-response batch batch-response history searchset "
                        "collection",
    ("BundleEntryRequest", "method"): "GET HEAD POST PUT DELETE PATCH",
    ("Narrative", "status"): "generated extensions additional empty",
    ("ContactPoint", "system"): "phone fax email pager url sms other",
    ("ContactPoint", "use"): "home work temp old mobile",
    ("Address", "use"): "home work temp old billing",
    ("Address", "type"): "postal physical both",
    ("HumanName", "use"): "usual official temp nickname anonymous old maiden",
    ("Identifier", "use"): "usual official temp secondary old",
}
REQUIRED_CODES = {where: frozenset(codes.split()) for where, codes in _STATUSES.items()}
# CodeableConcepts bound (required) to one code system: the codings in that system must be in it.
REQUIRED_CONCEPTS = {
    ("Condition", "clinicalStatus"): ("http://terminology.hl7.org/CodeSystem/condition-clinical",
                                      frozenset("active recurrence relapse inactive remission resolved".split())),
    ("Condition", "verificationStatus"): ("http://terminology.hl7.org/CodeSystem/condition-ver-status",
                                          frozenset("unconfirmed provisional differential confirmed refuted "
                                                    "entered-in-error".split())),
    ("AllergyIntolerance", "clinicalStatus"): ("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                                               frozenset("active inactive resolved".split())),
}
# The clinical code of these resources must be coded: at least one coding with system and code.
CLINICAL_CODES = {"Condition": "code", "Procedure": "code", "Observation": "code", "Immunization": "vaccineCode",
                  "AllergyIntolerance": "code", "MedicationRequest": "medicationCodeableConcept"}


def validate_resource(resource: dict, bundle_urls: frozenset[str] | None = None) -> list[str]:
    """Problems of one resource, each "path: kind"; empty if it is valid R4B and passes our checks.

    ``bundle_urls``: the fullUrls of the enclosing bundle, so ``urn:uuid:`` references must resolve.
    """
    resource_type = resource.get("resourceType") if isinstance(resource, dict) else None
    model = model_for(resource_type) if isinstance(resource_type, str) else None
    if model is None:
        return ["resourceType: unknown resource type"]
    issues = []
    try:
        model.model_validate(resource)
    except pydantic.ValidationError as error:
        for item in error.errors(include_input=False, include_url=False):
            issues.append(f"{_loc(resource_type, item['loc'])}: {item['type']}")  # the type, not msg: it may quote values
    except (ValueError, TypeError) as error:  # model-level validators
        issues.append(f"{resource_type}: {type(error).__name__}")
    contained = resource.get("contained") if isinstance(resource.get("contained"), list) else []
    contained_ids = frozenset(c.get("id") for c in contained if isinstance(c, dict))
    _check(resource, model, resource_type, resource_type, issues, bundle_urls, contained_ids)
    code_key = CLINICAL_CODES.get(resource_type)
    concept = resource.get(code_key) if code_key else None
    if isinstance(concept, dict) and not any(
            isinstance(c, dict) and c.get("system") and c.get("code") for c in concept.get("coding", [])):
        if not (resource_type == "MedicationRequest" and "medicationReference" in resource):
            issues.append(f"{resource_type}.{code_key}: no coding with system and code")
    return issues


def _loc(resource_type: str, loc) -> str:
    return ".".join([resource_type, *(str(p) if not isinstance(p, int) else f"[{p}]" for p in loc)]).replace(".[", "[")


def _check(node: dict, model, type_name: str, path: str, issues: list[str], bundle_urls, contained_ids) -> None:
    for key, value in node.items():
        if key.startswith("_") or key == "resourceType":
            continue
        etype = element_type(model, key)
        allowed = REQUIRED_CODES.get((type_name, key))
        concept = REQUIRED_CONCEPTS.get((type_name, key))
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            where = f"{path}.{key}" + (f"[{index}]" if isinstance(value, list) else "")
            if allowed is not None and isinstance(item, str) and item not in allowed:
                issues.append(f"{where}: code not in the required value set")
            if concept is not None and isinstance(item, dict):
                system, codes = concept
                codings = item.get("coding") if isinstance(item.get("coding"), list) else []
                if any(isinstance(c, dict) and c.get("system") == system and c.get("code") not in codes for c in codings):
                    issues.append(f"{where}: code not in the required value set")
            if etype is None:
                continue
            if etype.name == "xhtml" and isinstance(item, str) and not _is_xhtml_div(item):
                issues.append(f"{where}: narrative is not an XHTML div")
            if isinstance(item, dict) and "resourceType" in item:
                nested = item.get("resourceType")
                if model_for(nested) is not None:
                    _check(item, model_for(nested), nested, f"{where}({nested})", issues, bundle_urls, contained_ids)
                continue
            if etype.name == "Reference" and isinstance(item, dict):
                problem = _reference_problem(item.get("reference"), etype.reference_targets, bundle_urls, contained_ids)
                if problem:
                    issues.append(f"{where}.reference: {problem}")
            if isinstance(item, dict) and etype.model is not None:
                _check(item, etype.model, etype.name, where, issues, bundle_urls, contained_ids)


def _reference_problem(reference, targets: tuple[str, ...], bundle_urls, contained_ids) -> str | None:
    if not isinstance(reference, str):
        return None  # identifier-only or display-only references are allowed
    if reference.startswith("urn:uuid:"):
        if bundle_urls is not None and reference not in bundle_urls:
            return "does not resolve inside the bundle"
        return None
    if reference.startswith("#"):
        return None if reference[1:] in contained_ids or reference == "#" else "contained resource not found"
    target, _ = reference_parts(reference)
    if target is None:
        return "not a literal reference"
    if model_for(target) is None:
        return "unknown target resource type"
    if targets and "Resource" not in targets and target not in targets:
        return f"target type {target} not allowed"
    return None


def _is_xhtml_div(markup: str) -> bool:
    try:
        root = lxml.etree.fromstring(markup.encode("utf-8"))
    except lxml.etree.XMLSyntaxError:
        return False
    return root.tag in ("div", f"{{{XHTML_NAMESPACE}}}div")


def invalid_resources_in_file(path) -> int:
    """Re-read a written FHIR file (bundle or NDJSON, plain or gzip) and count its invalid resources.

    Independent of the post-check inside ``process_path``: the pipeline's blocking check uses it.
    """
    path = Path(path)
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        if ".ndjson" in path.name:
            return sum(bool(validate_resource(json.loads(line))) for line in handle if line.strip())
        bundle = json.load(handle)
    urls = frozenset(e["fullUrl"] for e in bundle.get("entry", []) if e.get("fullUrl"))
    return bool(validate_resource({k: v for k, v in bundle.items() if k != "entry"})) + sum(
        bool(validate_resource(e["resource"], urls)) for e in bundle.get("entry", []) if "resource" in e)
