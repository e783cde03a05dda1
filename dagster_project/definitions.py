"""The code location: ``dagster dev -m dagster_project.definitions`` (``make ui``)."""

import os
from pathlib import Path

import dagster as dg

from dagster_project.assets import audit_log, finetune_dataset, source_assets
from dagster_project.deliveries import KINDS, PARTITIONS
from dagster_project.resources import (CardiocorpusHome, CorpusStoreResource, DeidEngineResource, NoteColumnsResource,
                                       TerminologyResource)
from dagster_project.sensors import delivery_job_name, landing_sensors


SOURCE_ASSETS = source_assets()


def _delivery_job(kind: str):
    return dg.define_asset_job(
        delivery_job_name(kind), partitions_def=PARTITIONS[kind],
        selection=dg.AssetSelection.assets(*[a for a in SOURCE_ASSETS if a.partitions_def == PARTITIONS[kind]]),
        description=f"One {kind} delivery from landing to the corpus store.")


def build_definitions(home: Path | None = None) -> dg.Definitions:
    """The definitions, with state under ``home`` (default ``$CARDIOCORPUS_HOME``)."""
    root = str(home) if home else None
    # The key is read from the environment when set (never written into run config); else
    # the key generated once under the home folder is used.
    key = dg.EnvVar("CARDIOCORPUS_SECRET_KEY") if os.environ.get("CARDIOCORPUS_SECRET_KEY") else None
    return dg.Definitions(
        assets=[*SOURCE_ASSETS, audit_log, finetune_dataset],
        jobs=[_delivery_job(kind) for kind in KINDS]
             + [dg.define_asset_job("audit_log_job", selection=dg.AssetSelection.assets(audit_log)),
                dg.define_asset_job("release_job", selection=dg.AssetSelection.assets(finetune_dataset),
                                    description="Build the fine-tuning release from the verified corpus.")],
        sensors=landing_sensors(),
        resources={"home": CardiocorpusHome(path=root), "engine": DeidEngineResource(secret_key=key),
                   "terminology": TerminologyResource(), "note_columns": NoteColumnsResource(),
                   "store": CorpusStoreResource(db_path=str(Path(root) / "corpus.duckdb") if root else None)},
    )


defs = build_definitions()
