"""The definitions as a deployment loads them: sensors, pools, the shipped instance config."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import yaml

from dagster_project.assets import STORE_POOL
from dagster_project.definitions import build_definitions
from dagster_project.resources import CardiocorpusHome

REPO = Path(__file__).resolve().parents[2]


def test_every_asset_that_writes_the_store_runs_in_the_single_writer_pool(tmp_path):
    definitions = build_definitions(tmp_path)
    writers = [a for a in definitions.assets if "store" in a.required_resource_keys]
    assert len(writers) == 3 * 2 + 2  # raw and corpus per kind, the audit log, the release
    assert all(a.op.pool == STORE_POOL for a in writers)
    readers = [a for a in definitions.assets if "store" not in a.required_resource_keys]
    assert readers and all(a.op.pool != STORE_POOL for a in readers)


def test_landing_sensor_requests_one_run_per_new_file_and_none_for_a_redelivery(tmp_path):
    notes = tmp_path / "landing" / "notes"
    notes.mkdir(parents=True)
    shutil.copy2(REPO / "samples" / "notes" / "notes.jsonl", notes / "a.jsonl")
    shutil.copy2(REPO / "samples" / "notes" / "nursing_notes.csv", notes / "b.csv")
    definitions = build_definitions(tmp_path)
    sensor = definitions.resolve_sensor_def("notes_landing_sensor")
    with dg.instance_for_test() as instance:
        context = dg.build_sensor_context(instance=instance, resources={"home": CardiocorpusHome(path=str(tmp_path))})
        result = sensor(context)
        keys = sorted(r.partition_key for r in result.run_requests)
        assert len(keys) == 2 and all(k.startswith("d-") for k in keys)
        [add] = result.dynamic_partitions_requests
        instance.add_dynamic_partitions(add.partitions_def_name, list(add.partition_keys))
        shutil.copy2(notes / "a.jsonl", notes / "a-resent.jsonl")  # identical content, new name
        assert isinstance(sensor(context), dg.SkipReason)


def test_the_shipped_instance_config_is_valid_dagster_config():
    from dagster._config import validate_config
    from dagster._core.instance.config import dagster_instance_config_schema

    config = yaml.safe_load((REPO / "deploy" / "dagster.yaml").read_text(encoding="utf-8"))
    assert config.pop("storage")["postgres"]["postgres_db"]["db_name"] == "dagster"  # needs dagster-postgres
    result = validate_config(dagster_instance_config_schema(), config)
    assert result.success, result.errors
    assert config["concurrency"]["pools"]["default_limit"] == 1
