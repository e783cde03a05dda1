"""Execution semantics: blocking checks stop what is downstream; the multiprocess executor runs
the same graph (each step in its own process), as a deployment would."""

from __future__ import annotations

import dataclasses
import os
import shutil

import dagster as dg
import duckdb
from dagster._core.definitions.reconstruct import ReconstructableRepository

from dagster_project import assets
from dagster_project.definitions import build_definitions
from dagster_project.deliveries import PARTITIONS
from dagster_project.local import dagster_home, materialize_landing
from dagster_project.sensors import new_partitions

from tests.dagster_project.conftest import REPO


def _one_note_home(tmp_path):
    notes = tmp_path / "landing" / "notes"
    notes.mkdir(parents=True)
    shutil.copy2(REPO / "samples" / "notes" / "consult_7731.txt", notes)
    shutil.copy2(REPO / "samples" / "notes" / "consult_7731.json", notes)
    return tmp_path


def test_a_failed_residual_phi_check_blocks_the_corpus_write(tmp_path, monkeypatch):
    home = _one_note_home(tmp_path)
    real = assets.deidentify_delivery

    def leaking(*args, **kwargs):  # as if the second pass had found a known identifier
        return dataclasses.replace(real(*args, **kwargs), residual_leaks=1)

    monkeypatch.setattr(assets, "deidentify_delivery", leaking)
    with dg.DagsterInstance.from_config(str(dagster_home(home))) as instance:
        outcome = materialize_landing(instance, home, build_definitions(home), quiet=True)
        assert ("deid/notes", "residual_phi_zero") in outcome.failed_checks
        assert instance.get_latest_materialization_event(dg.AssetKey(["deid", "notes"])) is not None
        assert instance.get_latest_materialization_event(dg.AssetKey(["corpus", "notes"])) is None
    with duckdb.connect(str(home / "corpus.duckdb"), read_only=True) as store:
        assert store.execute("SELECT count(*) FROM deidentified_documents").fetchone()[0] == 0


def test_multiprocess_executor_runs_a_delivery(tmp_path, monkeypatch):
    home = _one_note_home(tmp_path)
    monkeypatch.setenv("CARDIOCORPUS_HOME", str(home))
    with dg.DagsterInstance.from_config(str(dagster_home(home))) as instance:
        [key] = new_partitions(instance, home, "notes")
        instance.add_dynamic_partitions(PARTITIONS["notes"].name, [key])
        repository = ReconstructableRepository.for_module("dagster_project.definitions", "defs",
                                                          working_directory=str(REPO))
        job = repository.get_reconstructable_job("notes_delivery_job")
        config = {"execution": {"config": {"multiprocess": {"max_concurrent": 2}}}}
        with dg.execute_job(job, instance, run_config=config, tags={"dagster/partition": key}) as result:
            assert result.success
            started = [e for e in result.all_events if e.event_type_value == "STEP_START"]
            assert len({e.pid for e in started}) == len(started) == 4  # one process per step
            assert os.getpid() not in {e.pid for e in started}
    with duckdb.connect(str(home / "corpus.duckdb"), read_only=True) as store:
        assert store.execute("SELECT count(*) FROM deidentified_documents").fetchone()[0] == 1
