"""The versioned YAML rule file: which method de-identifies which FHIR node.

A rule's path is an anchor followed by element names. The anchor is a resource type
(``Patient``), a data type (``HumanName``, ``Address``), ``Resource`` (any resource) or
``Element`` (any node that is not a resource). ``Observation.value[x]`` matches every
choice of ``value``. Rules are tried in file order and the first match decides; nodes no
rule matches fall back to ``defaults`` by their FHIR type. The rule file's hash goes with
every output, like the text policy's.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from deid.policy import canonical_hash

METHODS = ("keep", "redact", "dateShift", "cryptoHash", "generalize", "substitute", "perturb", "freeText")
GENERALIZE_TO = ("year", "age", "zip3")
_RULE_KEYS = {"path", "method", "to", "keep_if_coding_display", "span", "digits"}


class RulesError(ValueError):
    """The rule file is malformed; the message names the rule and the field."""


@dataclass(frozen=True)
class Rule:
    anchor: str
    keys: tuple[str, ...]
    method: str
    params: tuple[tuple[str, object], ...] = ()

    def param(self, name: str, default=None):
        return dict(self.params).get(name, default)

    def matches(self, steps: tuple[tuple[str, str, bool], ...]) -> bool:
        """``steps``: (node type, key from its parent, is a resource) from the root to this node."""
        at = len(steps) - 1 - len(self.keys)
        if at < 0:
            return False
        node_type, _, is_resource = steps[at]
        if not (self.anchor == node_type or self.anchor == "Resource" and is_resource
                or self.anchor == "Element" and not is_resource):
            return False
        return all(_key_matches(want, steps[at + 1 + i][1]) for i, want in enumerate(self.keys))


def _key_matches(want: str, key: str) -> bool:
    if want.endswith("[x]"):
        stem = want[:-3]
        return key.startswith(stem) and len(key) > len(stem) and key[len(stem)].isupper()
    return want == key


@dataclass(frozen=True)
class ExtensionRules:
    keep: frozenset[str] = frozenset()
    remove: frozenset[str] = frozenset()
    address_to_state: frozenset[str] = frozenset()
    identifying_value_types: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Rules:
    name: str
    version: str
    rules: tuple[Rule, ...]
    defaults: tuple[tuple[str, str], ...]
    extensions: ExtensionRules = ExtensionRules()
    max_age: int = 89
    redact_display_targets: frozenset[str] = frozenset()
    sha256: str = field(default="", compare=False)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Rules":
        """The rule file at ``path``, or the packaged default (``fhir_adapters/rules/default.yaml``, read once)."""
        if path is None:
            return _default_rules()
        return cls._parse(Path(path).read_text(encoding="utf-8"), str(path))

    @classmethod
    def _parse(cls, text: str, where: str) -> "Rules":
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise RulesError(f"{where}: not valid YAML ({error.__class__.__name__})") from None
        return cls.from_mapping(data, where)

    @classmethod
    def from_mapping(cls, data, where: str = "rules") -> "Rules":
        if not isinstance(data, dict):
            raise RulesError(f"{where}: top level must be a mapping")
        for required in ("name", "version", "rules"):
            if not data.get(required):
                raise RulesError(f"{where}: missing '{required}'")
        rules = tuple(_parse_rule(item, f"{where}: rules[{i}]") for i, item in enumerate(data["rules"]))
        defaults = dict(data.get("defaults") or {})
        for type_name, method in defaults.items():
            if method not in METHODS:
                raise RulesError(f"{where}: defaults.{type_name}: '{method}' is not one of {', '.join(METHODS)}")
        defaults.setdefault("*", "keep")
        ext = data.get("extensions") or {}
        extensions = ExtensionRules(*(frozenset(ext.get(name) or ()) for name in
                                      ("keep", "remove", "address_to_state", "identifying_value_types")))
        display = (data.get("reference_display") or {}).get("redact_targets") or ()
        return cls(name=str(data["name"]), version=str(data["version"]), rules=rules,
                   defaults=tuple(defaults.items()), extensions=extensions,
                   max_age=int((data.get("generalize") or {}).get("max_age", 89)),
                   redact_display_targets=frozenset(display), sha256=canonical_hash(data))

    def rule_for(self, steps: tuple[tuple[str, str, bool], ...]) -> Rule | None:
        """The first rule matching the node at the end of ``steps``; cached per path suffix
        (only the last steps matter, and the same few hundred paths recur in every resource)."""
        suffix = steps[-self._depth:]
        cache = self._matches
        if suffix not in cache:
            if len(cache) > 100_000:
                cache.clear()
            cache[suffix] = next((rule for rule in self.rules if rule.matches(suffix)), None)
        return cache[suffix]

    @functools.cached_property
    def _depth(self) -> int:
        return 1 + max((len(r.keys) for r in self.rules), default=0)

    @functools.cached_property
    def _matches(self) -> dict:
        return {}

    def default_for(self, type_name: str | None) -> str:
        """The method for a node no rule matched; an element of no known FHIR type (``fhir_comments``) goes."""
        if type_name is None:
            return "redact"
        defaults = self._defaults
        return defaults.get(type_name, defaults["*"])

    @functools.cached_property
    def _defaults(self) -> dict[str, str]:
        return dict(self.defaults)


@functools.lru_cache(maxsize=1)
def _default_rules() -> Rules:
    text = resources.files("fhir_adapters.rules").joinpath("default.yaml").read_text(encoding="utf-8")
    return Rules._parse(text, "default rules")


def _parse_rule(item, where: str) -> Rule:
    if not isinstance(item, dict) or "path" not in item or "method" not in item:
        raise RulesError(f"{where}: needs 'path' and 'method'")
    unknown = set(item) - _RULE_KEYS
    if unknown:
        raise RulesError(f"{where}: unknown fields {sorted(unknown)}")
    method = item["method"]
    if method not in METHODS:
        raise RulesError(f"{where}: method '{method}' is not one of {', '.join(METHODS)}")
    if method == "generalize" and item.get("to") not in GENERALIZE_TO:
        raise RulesError(f"{where}: generalize needs 'to', one of {', '.join(GENERALIZE_TO)}")
    anchor, *keys = str(item["path"]).split(".")
    if not anchor:
        raise RulesError(f"{where}: empty path")
    params = tuple(sorted((k, v) for k, v in item.items() if k not in ("path", "method")))
    return Rule(anchor, tuple(keys), method, params)
