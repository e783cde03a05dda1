"""A writer killed (SIGKILL) in the middle of a unit of work: the chain verifies, no partial rows."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from audit.records import SourceDocument
from audit.store import CorpusStore
from audit.verify import verify_store
from tests.conftest import REPO

BATCH = 3000
WRITER = f"""
import hashlib, sys
from audit.records import DeidentifiedDocument, SourceDocument
from audit.store import CorpusStore

policy = hashlib.sha256(b"policy").hexdigest()
with CorpusStore.open(sys.argv[1], actor="crash-test") as store:
    for unit in range(1000):
        sources = [SourceDocument(hashlib.sha256(f"raw {{unit}} {{i}}".encode()).hexdigest(), "note",
                                  f"landing/{{unit}}/{{i}}.txt", f"pk-{{i % 50}}") for i in range({BATCH})]
        store.record_sources(f"run-{{unit}}", "raw/notes", sources)
        documents = [DeidentifiedDocument(f"doc-{{unit}}-{{i}}", s.content_sha256, s.patient_key, "note",
                                          "[PERSON] presented with AF and LVEF 30%. " * 40, {{}})
                     for i, s in enumerate(sources)]
        print("deidentifying", unit, flush=True)
        store.record_deidentified(f"run-{{unit}}", "deid/clinical_notes", documents, "1.0", policy, {{}}, {{"PERSON": 40}})
"""


def run_and_kill(path, delay: float) -> bool:
    """Start the writer, SIGKILL it ``delay`` s into unit 2's de-identification; True if it died mid-unit."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True,
                              env=env, cwd=REPO)
    try:
        for line in writer.stdout:
            if line.strip() == "deidentifying 2":
                break
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
    finally:
        writer.wait(timeout=60)
    assert writer.returncode == -signal.SIGKILL
    # a unit of work's staging folder outlives it only if the process died inside it
    return bool(list(path.parent.glob(f".{path.name}.staging-*")))


def test_killed_writer_leaves_a_verifiable_store_without_partial_rows(tmp_path):
    killed_mid_unit = []
    for attempt, delay in enumerate((0.05, 0.02, 0.1, 0.03)):
        path = tmp_path / f"attempt-{attempt}" / "corpus.duckdb"
        path.parent.mkdir()
        killed_mid_unit.append(run_and_kill(path, delay))
        stage_rows_expected = 2 * BATCH if killed_mid_unit[-1] else None

        report = verify_store(path)
        assert report.ok, report.first_broken
        with CorpusStore.open(path) as store:
            assert not list(path.parent.glob(".corpus.duckdb.staging-*"))   # cleaned up on open
            sources, documents = store.query("SELECT (SELECT count(*) FROM source_documents), "
                                             "(SELECT count(*) FROM deidentified_documents)")[0]
            assert sources == 3 * BATCH and documents in (2 * BATCH, 3 * BATCH)
            if stage_rows_expected is not None:   # the interrupted unit left nothing behind
                assert documents == stage_rows_expected
            assert store.query("SELECT count(*) FROM compliance_documents_without_deid_event") == [(0,)]
            store.record_sources("run-after", "raw/notes", [SourceDocument("a" * 64, "note", "landing/after.txt")])
            assert store.verify().ok
        if killed_mid_unit[-1]:
            break
    assert any(killed_mid_unit), "the writer was never killed inside a unit of work"
