"""Landing sensors: a new delivered file becomes a dynamic partition and a run of its job."""

import dagster as dg

from dagster_project.deliveries import KINDS, PARTITIONS, scan
from dagster_project.resources import CardiocorpusHome


def delivery_job_name(kind: str) -> str:
    return f"{kind}_delivery_job"


def new_partitions(instance: dg.DagsterInstance, home, kind: str) -> list[str]:
    """Partition keys of deliveries Dagster has not seen (a re-delivered identical file is not new)."""
    known = set(instance.get_dynamic_partitions(PARTITIONS[kind].name))
    fresh = []
    for delivery in scan(home, kind):
        if delivery.key not in known and delivery.key not in fresh:
            fresh.append(delivery.key)
    return fresh


def _landing_sensor(kind: str):
    @dg.sensor(name=f"{kind}_landing_sensor", job_name=delivery_job_name(kind), minimum_interval_seconds=30,
               default_status=dg.DefaultSensorStatus.RUNNING,
               description=f"Watches landing/{kind}/ under the cardiocorpus home: one partition and one run per new file.")
    def landing_sensor(context: dg.SensorEvaluationContext, home: CardiocorpusHome):
        keys = new_partitions(context.instance, home.root(), kind)
        if not keys:
            return dg.SkipReason(f"no new {kind} deliveries")
        return dg.SensorResult(
            run_requests=[dg.RunRequest(partition_key=key, run_key=key) for key in keys],
            dynamic_partitions_requests=[PARTITIONS[kind].build_add_request(keys)])

    return landing_sensor


def landing_sensors() -> list:
    return [_landing_sensor(kind) for kind in KINDS]
