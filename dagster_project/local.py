"""Run the graph in process on whatever is in the landing folders (``make demo``, the tests).

What the landing sensors and the daemon do in a deployment, done in one call: register each
new delivery as a partition, run its job, verify and snapshot the audit log, then build the
fine-tuning release (certifying it stays a steward's act).
"""

from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from dagster_project.deliveries import KINDS, PARTITIONS
from dagster_project.sensors import delivery_job_name, new_partitions

INSTANCE_CONFIG = """\
# Dagster instance for cardiocorpus (written by cardiocorpus; edit freely).
# The corpus store allows one writer: its pool runs one step at a time across all runs.
concurrency:
  pools:
    default_limit: 1
telemetry:
  enabled: false
nux:
  enabled: false
"""


@dataclass
class LocalRun:
    runs: dict = field(default_factory=dict)          # partition key -> success
    failed_checks: list = field(default_factory=list)  # (asset, check) that did not pass


def dagster_home(home: Path) -> Path:
    """``$CARDIOCORPUS_HOME/dagster``, with our instance settings on first use."""
    folder = home / "dagster"
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "dagster.yaml"
    if not config.exists():
        config.write_text(INSTANCE_CONFIG, encoding="utf-8")
    return folder


def materialize_landing(instance: dg.DagsterInstance, home: Path, definitions: dg.Definitions | None = None,
                        quiet: bool = False) -> LocalRun:
    """Run every new delivery's job, then the audit log's; ``quiet`` keeps Dagster's console to warnings."""
    if definitions is None:
        from dagster_project.definitions import defs as definitions
    config = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}} if quiet else None
    outcome = LocalRun()
    for kind in KINDS:
        keys = new_partitions(instance, home, kind)
        if not keys:
            continue
        instance.add_dynamic_partitions(PARTITIONS[kind].name, keys)
        job = definitions.resolve_job_def(delivery_job_name(kind))
        for key in keys:
            result = job.execute_in_process(partition_key=key, instance=instance, raise_on_error=False,
                                            run_config=config)
            outcome.runs[key] = result.success
            outcome.failed_checks += _failed_checks(result)
    for job_name, label in (("audit_log_job", "audit_log"), ("release_job", "release")):
        result = definitions.resolve_job_def(job_name).execute_in_process(instance=instance, raise_on_error=False,
                                                                          run_config=config)
        outcome.runs[label] = result.success
        outcome.failed_checks += _failed_checks(result)
        if not result.success:
            break
    return outcome


def _failed_checks(result) -> list[tuple[str, str]]:
    failed = []
    for event in result.all_events:
        if event.event_type_value == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            if not evaluation.passed:
                failed.append((evaluation.asset_key.to_user_string(), evaluation.check_name))
    return failed
