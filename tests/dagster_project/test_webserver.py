"""The Dagster webserver on our definitions, asked through its GraphQL API (what the UI shows)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

WEBSERVER = Path(sys.executable).parent / "dagster-webserver"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def webserver(pipeline_run):
    port = _free_port()
    env = os.environ | {"DAGSTER_HOME": str(pipeline_run.home / "dagster"), "CARDIOCORPUS_HOME": str(pipeline_run.home)}
    process = subprocess.Popen([str(WEBSERVER), "-m", "dagster_project.definitions", "-h", "127.0.0.1", "-p", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/server_info", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("webserver did not start: " + process.stderr.read().decode()[-2000:])
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _graphql(url: str, query: str) -> dict:
    request = urllib.request.Request(f"{url}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        payload = json.loads(response.read())
    assert "errors" not in payload, payload.get("errors")
    return payload["data"]


def test_asset_graph_by_layer_with_owners_and_groups(webserver):
    data = _graphql(webserver, "{ assetNodes { assetKey { path } groupName owners { ... on TeamAssetOwner { team } } "
                               "dependencyKeys { path } } }")
    nodes = {"/".join(n["assetKey"]["path"]): n for n in data["assetNodes"]}
    for layer in ("raw/notes_delivery", "deid/notes", "normalized/note_concepts", "corpus/notes",
                  "deid/fhir_bundles", "corpus/fhir_records", "deid/papers", "corpus/audit_log"):
        assert layer in nodes
    assert {n["groupName"] for n in nodes.values()} >= {"raw", "deid", "normalized", "corpus"}
    assert nodes["corpus/notes"]["owners"] == [{"team": "compliance"}]
    assert ["deid", "notes"] in [d["path"] for d in nodes["corpus/notes"]["dependencyKeys"]]


def test_checks_guard_the_de_identified_assets(webserver):
    data = _graphql(webserver, '{ assetNodeOrError(assetKey: {path: ["deid", "fhir_bundles"]}) { ... on AssetNode { '
                               "assetChecksOrError { ... on AssetChecks { checks { name blocking } } } } } }")
    checks = {c["name"]: c["blocking"] for c in data["assetNodeOrError"]["assetChecksOrError"]["checks"]}
    assert checks == {"residual_phi_zero": True, "fhir_valid_after_deid": True, "quarantine_rate": False}


def test_latest_materializations_are_visible(webserver, pipeline_run):
    data = _graphql(webserver, '{ assetOrError(assetKey: {path: ["corpus", "notes"]}) { ... on Asset { '
                               "assetMaterializations(limit: 50) { runId partition } } } }")
    materializations = data["assetOrError"]["assetMaterializations"]
    assert materializations and all(m["partition"].startswith("d-") for m in materializations)
    run_ids = {m["runId"] for m in materializations}
    assert run_ids <= {r.run_id for r in pipeline_run.instance.get_runs()}
