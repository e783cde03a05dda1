"""`cardiocorpus audit ...` as auditors and the independent evaluation call it (DESIGN.md contract)."""

from __future__ import annotations

import json
import subprocess

import duckdb

from cardiocorpus.cli import main
from tests.conftest import CLI


def test_verify_contract_through_the_console_script(store_path):
    intact = subprocess.run([str(CLI), "audit", "verify", "--db", str(store_path)], capture_output=True, text=True,
                            timeout=120)
    assert intact.returncode == 0, intact.stderr
    assert json.loads(intact.stdout)["events_checked"] == 9
    connection = duckdb.connect(str(store_path))
    connection.execute("DELETE FROM audit_events WHERE event_id = 3")
    connection.close()
    broken = subprocess.run([str(CLI), "audit", "verify", "--db", str(store_path)], capture_output=True, text=True,
                            timeout=120)
    assert broken.returncode == 1
    assert json.loads(broken.stdout)["first_broken"]["event_id"] == 3
    assert "broken at event 3" in broken.stderr


def test_missing_store_is_an_error_not_a_traceback(tmp_path, capsys):
    assert main(["audit", "verify", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no corpus store" in capsys.readouterr().err


def test_snapshot_then_read_and_verify_it(store_path, capsys):
    assert main(["audit", "snapshot", "--db", str(store_path)]) == 0
    directory = capsys.readouterr().out.strip()
    assert main(["audit", "verify", "--snapshot", directory]) == 0
    assert json.loads(capsys.readouterr().out)["events_checked"] == 9
    assert main(["audit", "query", "release_pulls", "--snapshot", directory]) == 0
    assert json.loads(capsys.readouterr().out)["pulled_by"] == "trainer-b"
    assert main(["audit", "verify", "--db", str(store_path)]) == 0   # the snapshot event is chained too
    assert json.loads(capsys.readouterr().out)["events_checked"] == 10


def test_cli_views_and_query(store_path, capsys):
    assert main(["audit", "views", "--db", str(store_path)]) == 0
    names = capsys.readouterr().out.split()
    assert "quarantine_by_stage" in names and "documents_without_deid_event" in names
    assert main(["audit", "query", "quarantine_by_stage", "--db", str(store_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and '"stage": "read"' in lines[0]
    assert main(["audit", "query", "no_such_thing", "--db", str(store_path)]) == 2
