"""``cardiocorpus datasets`` end to end, in subprocesses, on a synthetic store in a throwaway home."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.releases.conftest import build_store


def _run(home, *args):
    env = os.environ | {"CARDIOCORPUS_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "cardiocorpus.cli", "datasets", *args], env=env,
                          capture_output=True, text=True, timeout=300)


def test_build_certify_list_show_pull(tmp_path):
    home = tmp_path / "home"
    build_store(home / "corpus.duckdb")
    built = _run(home, "build")
    assert built.returncode == 0, built.stderr
    build = json.loads(built.stdout)
    name, version = build["name"], build["version"]
    assert (home / "releases" / name / version / "train.jsonl").is_file()

    refused = _run(home, "pull", name, "--version", version, "--to", str(tmp_path / "out"), "--by", "trainer")
    assert refused.returncode == 1 and "not certified" in refused.stderr

    assert _run(home, "certify", name, version).returncode == 2          # --by is required
    certified = _run(home, "certify", name, version, "--by", "steward-x")
    assert certified.returncode == 0, certified.stderr
    assert json.loads(certified.stdout)["certified_by"] == "steward-x"

    listed = _run(home, "list", "--json")
    assert json.loads(listed.stdout) == [{"name": name, "version": version, "train": build["counts"]["train"],
                                          "validation": build["counts"]["validation"], "certified": True,
                                          "recorded_in_store": True}]
    shown = json.loads(_run(home, "show", name).stdout)
    assert shown["version"] == version and shown["certifications"][0]["certified_by"] == "steward-x"
    assert shown["lineage"]["release_event_id"] == build["release_event_ids"][0]

    pulled = _run(home, "pull", name, "--to", str(tmp_path / "out"), "--by", "trainer")
    assert pulled.returncode == 0, pulled.stderr
    assert (tmp_path / "out" / "validation.parquet").is_file()
    assert json.loads(_run(home, "show", name, "--version", version).stdout)["pulls"] == 1

    again = json.loads(_run(home, "build").stdout)
    assert again["reused"] and again["version"] == version


def test_build_with_failing_gates_exits_non_zero(tmp_path):
    home = tmp_path / "home"
    build_store(home / "corpus.duckdb", patients=1, papers=0)
    result = _run(home, "build", "--name", "tiny")
    assert result.returncode == 1 and "format_valid" in result.stderr
    missing = _run(home, "show", "nothing-here")
    assert missing.returncode == 1 and "no release named nothing-here" in missing.stderr
