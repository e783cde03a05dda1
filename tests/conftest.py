"""Shared fixtures: the engine, lexicons and policy are built ONCE per session (spaCy is slow to load).

Every test runs with ``CARDIOCORPUS_HOME`` in a temporary folder and a fixed, fake
``CARDIOCORPUS_SECRET_KEY``, so nothing touches a real store or key. All example text in
this suite is invented (synthetic names, places and numbers).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

TEST_SECRET_KEY = "cardiocorpus-test-key-not-a-secret-0001"
REPO = Path(__file__).resolve().parents[1]
CLI = REPO / ".venv" / "bin" / "cardiocorpus"
SAMPLES = REPO / "samples" / "notes"


def pytest_configure(config):
    # scispaCy's abbreviation detector has an empty global matcher; spaCy warns on every doc
    config.addinivalue_line("filterwarnings", "ignore:.*W036.*:UserWarning")


@pytest.fixture(scope="session", autouse=True)
def cardiocorpus_environment(tmp_path_factory):
    """A throwaway state folder and a fixed test key for the whole session (subprocesses inherit them)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CARDIOCORPUS_HOME", str(tmp_path_factory.mktemp("cardiocorpus-home")))
        patch.setenv("CARDIOCORPUS_SECRET_KEY", TEST_SECRET_KEY)
        yield


@pytest.fixture(scope="session")
def key() -> bytes:
    return TEST_SECRET_KEY.encode("utf-8")


@pytest.fixture(scope="session")
def lexicons():
    from deid.lexicons import load_lexicons

    return load_lexicons()


@pytest.fixture(scope="session")
def default_policy():
    from deid import Policy

    return Policy.load()


@pytest.fixture(scope="session")
def engine(default_policy, key, lexicons):
    from deid import DeidEngine

    return DeidEngine(default_policy, key, lexicons)


@pytest.fixture(scope="session")
def make_engine(engine, key, lexicons):
    """Another engine (other policy or key) that reuses the session's spaCy pipeline."""
    from deid import DeidEngine

    def build(policy=None, key_bytes: bytes | None = None):
        return DeidEngine(policy or engine.policy, key if key_bytes is None else key_bytes, lexicons, nlp=engine.nlp)

    return build


@pytest.fixture
def write_policy(tmp_path):
    """Write the default policy with some fields changed to a YAML file; returns its path."""
    from importlib import resources

    def write(name: str = "policy.yaml", operators: dict | None = None, **fields) -> Path:
        data = yaml.safe_load(resources.files("deid.policies").joinpath("default.yaml").read_text(encoding="utf-8"))
        data["operators"].update(operators or {})
        data.update(fields)
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return path

    return write
