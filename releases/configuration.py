"""The versioned release configuration (task mix, templates, gates); its sha256 goes into the manifest."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class ReleaseConfig:
    data: dict
    sha256: str
    source: str            # "default" or the file name (never its content)

    @property
    def version(self) -> str:
        return str(self.data["version"])

    def task(self, name: str) -> dict | None:
        task = (self.data.get("tasks") or {}).get(name)
        return task if task and task.get("enabled", True) else None

    def section(self, name: str) -> dict:
        return self.data.get(name) or {}


_REQUIRED = ("version", "system_prompt", "tasks", "split", "dedup", "gates", "estimate")


def load_config(config: str | Path | dict | ReleaseConfig | None = None) -> ReleaseConfig:
    """The shipped default, a YAML file, or a dict (tests); hashed as the bytes read (dicts: canonical YAML)."""
    if isinstance(config, ReleaseConfig):
        return config
    if config is None:
        raw = resources.files("releases").joinpath("config/default.yaml").read_bytes()
        source = "default"
    elif isinstance(config, dict):
        raw = yaml.safe_dump(config, sort_keys=True).encode("utf-8")
        source = "dict"
    else:
        path = Path(config)
        raw = path.read_bytes()
        source = path.name
    data = yaml.safe_load(raw)
    if not isinstance(data, dict):
        raise ConfigError(f"release config {source}: not a mapping")
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise ConfigError(f"release config {source}: missing keys {missing}")
    if data["split"].get("group_by", "patient") not in ("patient", "document"):
        raise ConfigError(f"release config {source}: split.group_by must be patient or document")
    fraction = float(data["split"].get("validation_fraction", 0.2))
    if not 0 < fraction < 1:
        raise ConfigError(f"release config {source}: split.validation_fraction must be between 0 and 1")
    return ReleaseConfig(data, hashlib.sha256(raw).hexdigest(), source)


def default_config_dict() -> dict:
    return yaml.safe_load(resources.files("releases").joinpath("config/default.yaml").read_text(encoding="utf-8"))
