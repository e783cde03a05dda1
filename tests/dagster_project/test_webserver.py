"""The Dagster webserver on our definitions, asked through its GraphQL API (what the UI shows)."""

from __future__ import annotations

import json
import urllib.request


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
