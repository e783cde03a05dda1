"""No PHI of the raw inputs reaches the store, its log, anchor or snapshots, except as de-identified text.

The raw notes below are invented; their identifiers are passed only where the pipeline passes
raw content: to the text engine and to sha256. Everything the store keeps is then scanned.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from audit.chain import anchor_path
from audit.records import DeidentifiedDocument, QuarantineItem, SourceDocument
from audit.store import CorpusStore
from deid import Document
from deid.pseudonyms import patient_key

PHI = ["Zephyrine Quillfeather", "Quillfeather", "MRN 48213977", "48213977", "(617) 555-0142", "617-555-0142",
       "742 Brambleton Lane", "Brambleton", "03/14/1951", "zquill@examplemail.com", "Dr. Osric Penhallow",
       "Penhallow"]
RAW_NOTES = [
    ("MRN-48213977", "Patient: Zephyrine Quillfeather, MRN 48213977, DOB 03/14/1951.\n"
                     "Lives at 742 Brambleton Lane, phone (617) 555-0142, email zquill@examplemail.com.\n"
                     "Seen by Dr. Osric Penhallow for paroxysmal AF; LVEF 35% on echo."),
    ("MRN-48213977", "Follow-up call 617-555-0142: Ms. Quillfeather reports palpitations, on apixaban."),
]


def test_raw_identifiers_never_reach_the_store(tmp_path, engine, key):
    path = tmp_path / "corpus.duckdb"
    policy = engine.policy
    with CorpusStore.open(path, actor="pipeline-test") as store:
        sources, documents, detections = [], [], {}
        for index, (patient_id, raw) in enumerate(RAW_NOTES):
            content_sha256 = hashlib.sha256(raw.encode("utf-8")).hexdigest()
            pseudonym = patient_key(key, patient_id)
            sources.append(SourceDocument(content_sha256, "note", f"landing/notes/{index}.txt", pseudonym,
                                          datetime(2026, 11, 30, 8, index)))
            result = engine.deidentify(Document(f"note-{index}", raw, patient_id))
            for label, n in result.counts().items():
                detections[label] = detections.get(label, 0) + n
            documents.append(DeidentifiedDocument(f"note-{index}", content_sha256, pseudonym, "note", result.text,
                                                  {"spans": len(result.spans), "chars": len(raw)}))
        store.record_sources("run-phi", "raw/clinical_notes", sources)
        store.record_deidentified("run-phi", "deid/clinical_notes", documents, policy.version, policy.sha256,
                                  engine.versions, detections)
        store.record_mentions("run-phi", "normalized/mentions",
                              [{"doc_id": "note-0", "start": 0, "end": 2, "text": "AF", "system": "SNOMED",
                                "code": "49436004"}], {"SNOMED": "test"})
        store.record_quarantine("run-phi", "raw/clinical_notes", [QuarantineItem(
            "landing/notes/2.txt", hashlib.sha256(b"x").hexdigest(), "read", "line 1: not UTF-8")])
        store.record_release("run-phi", "phi-scan", "1", {"documents": 2}, ["note-0", "note-1"])
        store.record_pull("phi-scan", "1", "trainer", "s3://bucket/phi-scan")
        snapshot = store.snapshot()
        assert store.verify().ok
        assert sum(detections.values()) >= len(PHI) // 2   # the engine did find the identifiers

        texts = {r[0] for r in store.query("SELECT text FROM deidentified_documents")}
        tables = [t for (t,) in store.query("SELECT table_name FROM information_schema.tables "
                                            "WHERE table_type = 'BASE TABLE'")]
        stored = []
        for table in tables:
            columns = [c for (c, kind) in store.query(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", [table])
                if kind == "VARCHAR" and not (table == "deidentified_documents" and c == "text")]
            for column in columns:
                stored += [(table, column, v) for (v,) in store.query(f'SELECT "{column}" FROM "{table}"') if v]

    leaks = [(table, column, phi) for table, column, value in stored for phi in PHI if phi.lower() in value.lower()]
    assert leaks == []
    files = [anchor_path(path), *snapshot.iterdir()]
    for file in files:
        if file.name != "deidentified_documents.parquet":
            content = file.read_bytes().lower()
            assert [phi for phi in PHI if phi.lower().encode() in content] == [], file.name
    # the one place de-identified text lives: checked here only so a leak is visible, not hidden
    assert [phi for phi in PHI if any(phi in text for text in texts)] == []
