"""The FHIR type of every JSON element, read from ``fhir.resources.R4B``'s models.

Rules address nodes by type (``HumanName``, ``Address``, ``dateTime``) as well as by path,
so the walker needs to know, for an element key under a node of some type, what type the
element has. The models' field annotations say it; this module reads them once and caches.
Primitive extensions (``_birthDate``) and unknown keys have no type (``None``).
"""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import dataclass

from fhir.resources.R4B import get_fhir_model_class

@dataclass(frozen=True)
class ElementType:
    name: str  # FHIR type: "HumanName", "dateTime", "Resource" (for contained / entry.resource)
    model: type | None  # the model class of a complex type, None for primitives
    reference_targets: tuple[str, ...] = ()  # for Reference elements: allowed target resource types


@functools.lru_cache(maxsize=None)
def model_for(type_name: str):
    """The R4B model class for a resource or complex type name, or None."""
    try:
        return get_fhir_model_class(type_name)
    except (KeyError, ValueError, AttributeError):
        return None


@functools.lru_cache(maxsize=None)
def _field_index(model) -> dict[str, object]:
    """JSON key -> pydantic field, including aliases; ``_x`` primitive extensions excluded."""
    index = {}
    for name, field in model.model_fields.items():
        if name.endswith("__ext") or name == "fhir_comments":
            continue
        index[field.alias or name] = field
    return index


def _primitive_name(annotation) -> str:
    for meta in getattr(annotation, "__metadata__", ()):
        cls = type(meta).__name__
        if cls in ("EncodedBytes",):
            continue
        return cls[0].lower() + cls[1:]
    if annotation is bool:
        return "boolean"
    return "string"


def _unwrap(annotation):
    """Optional[List[X]] -> X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        elif origin in (list, typing.List):
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


@functools.lru_cache(maxsize=None)
def element_type(model, key: str) -> ElementType | None:
    """The type of element ``key`` of a node whose model is ``model``; None if unknown."""
    if model is None:
        return None
    field = _field_index(model).get(key)
    if field is None:
        return None
    annotation = _unwrap(field.annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        return ElementType(_primitive_name(annotation), None)
    type_name = getattr(annotation, "__name__", "")
    if type_name.endswith("Type"):
        type_name = type_name[:-4]
        if type_name == "Resource":
            return ElementType("Resource", None)
        targets = tuple((field.json_schema_extra or {}).get("enum_reference_types", ()) or ())
        return ElementType(type_name, model_for(type_name), targets)
    return ElementType(_primitive_name(annotation), None)
