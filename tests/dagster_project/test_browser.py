"""A real browser (Debian's chromium, headless) renders the asset graph page with our assets."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

CHROMIUM = shutil.which("chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--virtual-time-budget=60000", "--dump-dom"]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (make setup installs it when run as root)")
def test_asset_graph_page_renders_our_assets(webserver, tmp_path):
    page = f"{webserver}/locations/dagster_project.definitions/asset-groups/deid"
    run = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", page],
                         capture_output=True, text=True, timeout=180)
    rendered = set(re.findall(r'AssetNode_assetName[^"]*"[^>]*>([a-z_]+)<', run.stdout))
    assert {"notes", "papers", "fhir_bundles"} <= rendered, f"rendered asset nodes: {sorted(rendered)}"
