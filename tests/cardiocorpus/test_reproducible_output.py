"""Same input, key and policy: byte-identical output, whatever the number of workers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "notes" / "notes.jsonl"


def run(tmp_path: Path, source: Path, name: str, key: str, workers: int) -> bytes:
    out = tmp_path / f"{name}.jsonl"
    env = {**os.environ, "CARDIOCORPUS_HOME": str(tmp_path / "home"), "CARDIOCORPUS_SECRET_KEY": key}
    subprocess.run([sys.executable, "-m", "cardiocorpus.cli", "deid-text", str(source), "--output", str(out),
                    "--workers", str(workers)], check=True, capture_output=True, env=env, cwd=ROOT)
    return out.read_bytes()


def test_output_is_byte_identical_across_runs_and_workers(tmp_path):
    source = tmp_path / "many.jsonl"  # 42 notes: two workers really split the input into chunks
    source.write_bytes(SAMPLES.read_bytes() * 7)
    one = run(tmp_path, source, "one", "reproducibility-key-A", workers=1)
    two = run(tmp_path, source, "two", "reproducibility-key-A", workers=2)
    again = run(tmp_path, source, "again", "reproducibility-key-A", workers=2)
    other = run(tmp_path, source, "other", "reproducibility-key-B", workers=1)
    assert one == two == again
    assert other != one  # another key: other surrogates and date offsets
