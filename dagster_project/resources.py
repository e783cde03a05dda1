"""Dagster resources: the corpus store, the de-identification engine, the terminology.

Each is a thin ``ConfigurableResource`` over a package; the expensive objects (spaCy, the
concept index) are built once per process and shared by the assets of a run.
"""


import functools
from pathlib import Path

import dagster as dg

from cardiocorpus import settings


class CardiocorpusHome(dg.ConfigurableResource):
    """Where the pipeline's state lives (default ``$CARDIOCORPUS_HOME``)."""

    path: str | None = None

    def root(self) -> Path:
        if self.path:
            root = Path(self.path)
            root.mkdir(parents=True, exist_ok=True)
            return root
        return settings.home()


class DeidEngineResource(dg.ConfigurableResource):
    """The text engine under a policy, keyed by the project secret.

    ``secret_key`` is an ``EnvVar`` in the definitions when ``CARDIOCORPUS_SECRET_KEY`` is
    set; otherwise the key generated once under the home folder is used (DESIGN.md, Keys).
    """

    policy_path: str | None = None
    secret_key: str | None = None

    def key(self) -> bytes:
        return self.secret_key.encode("utf-8") if self.secret_key else settings.secret_key()

    def policy(self):
        return _policy(self.policy_path)

    def engine(self):
        return _engine(self.policy_path, self.key())


class NoteColumnsResource(dg.ConfigurableResource):
    """Which JSONL keys / CSV columns hold each field of a delivered note (senders differ)."""

    id: str = "id"
    text: str = "text"
    patient_id: str = "patient_id"
    date: str = "date"
    note_type: str = "note_type"

    def columns(self):
        from readers import NoteColumns

        return NoteColumns(self.id, self.text, self.patient_id, self.date, self.note_type)


class TerminologyResource(dg.ConfigurableResource):
    """The concept store and the mention extractor (built once per process)."""

    def store(self):
        from terminology import ConceptStore

        return ConceptStore.default()

    def extractor(self):
        from terminology import ConceptExtractor

        return ConceptExtractor.default()


class CorpusStoreResource(dg.ConfigurableResource):
    """The DuckDB corpus store; every write goes through ``audit`` (its single write path)."""

    db_path: str | None = None
    actor: str = "dagster"

    def open(self):
        from audit import CorpusStore

        return CorpusStore.open(self.db_path, actor=self.actor)


@functools.lru_cache(maxsize=2)
def _policy(policy_path: str | None):
    from deid.policy import Policy

    return Policy.load(policy_path)


@functools.lru_cache(maxsize=2)
def _engine(policy_path: str | None, key: bytes):
    from deid.engine import DeidEngine

    return DeidEngine(_policy(policy_path), key)
