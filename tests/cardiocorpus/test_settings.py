"""The secret key: generated once with mode 0600, reused, and never printed."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from cardiocorpus import settings

ROOT = Path(__file__).resolve().parents[2]


def test_generated_key_is_private_and_stable(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("CARDIOCORPUS_HOME", str(tmp_path))
    monkeypatch.delenv(settings.KEY_ENV, raising=False)
    first = settings.secret_key()
    path = tmp_path / "secret.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert settings.secret_key() == first  # generated once, then reused
    assert len(first) >= 32
    assert first.decode() not in caplog.text  # the warning names the file, not the key


def test_environment_key_wins_and_is_not_written(tmp_path, monkeypatch):
    monkeypatch.setenv("CARDIOCORPUS_HOME", str(tmp_path))
    monkeypatch.setenv(settings.KEY_ENV, "an-operator-provided-key-0123456789")
    assert settings.secret_key() == b"an-operator-provided-key-0123456789"
    assert not (tmp_path / "secret.key").exists()


def test_deid_text_never_prints_the_key(tmp_path):
    key = "k3y-that-must-not-leak-" + "x" * 20
    notes = tmp_path / "in.jsonl"
    notes.write_text(json.dumps({"id": "1", "text": "Seen by Dr. Quillfeather on 2/3/2024."}) + "\n")
    env = {**os.environ, "CARDIOCORPUS_HOME": str(tmp_path / "home"), settings.KEY_ENV: key}
    run = subprocess.run([sys.executable, "-m", "cardiocorpus.cli", "deid-text", str(notes), "--output",
                          str(tmp_path / "out.jsonl"), "--workers", "1"], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr
    output = (tmp_path / "out.jsonl").read_text()
    for stream in (run.stdout, run.stderr, output):
        assert key not in stream
    assert "Quillfeather" not in output
