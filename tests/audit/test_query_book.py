"""Every SQL block of docs/compliance-queries.md runs on a fixture store and answers something."""

from __future__ import annotations

import re

import duckdb
import pytest

from audit.store import CorpusStore
from tests.conftest import REPO

BOOK = REPO / "docs" / "compliance-queries.md"
BLOCK = re.compile(r"```sql\n(.*?)```", re.DOTALL)
MUST_BE_EMPTY = ("must be empty", "must return no")


def book_queries() -> list[tuple[str, str, bool]]:
    """(heading, sql, must be empty) for every sql block, in page order."""
    text = BOOK.read_text(encoding="utf-8")
    queries, previous_end = [], 0
    for match in BLOCK.finditer(text):
        before = text[previous_end:match.start()]
        heading = re.findall(r"^## (.+)$", text[:match.start()], re.MULTILINE)[-1]
        queries.append((heading, match.group(1), any(p in before.lower() for p in MUST_BE_EMPTY)))
        previous_end = match.end()
    return queries


QUERIES = book_queries()


def test_the_book_covers_every_compliance_view(store_path):
    with CorpusStore.open(store_path) as store:
        views = {v for (v,) in store.query("SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'compliance_%'")}
    used = {v for _, sql, _ in QUERIES for v in re.findall(r"compliance_\w+", sql)}
    assert views and views == used
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("heading, sql, must_be_empty", QUERIES, ids=[q[0] for q in QUERIES])
def test_book_query_runs(store_path, heading, sql, must_be_empty):
    with CorpusStore.open(store_path) as store:
        store.snapshot()
        rows = store.query(sql)
    if must_be_empty:
        assert rows == []
    else:
        assert rows, f"{heading}: no rows on the fixture store"


def test_documents_without_deid_event_finds_a_smuggled_document(store_path):
    connection = duckdb.connect(str(store_path))
    connection.execute("INSERT INTO deidentified_documents SELECT * REPLACE ('doc-smuggled' AS doc_id, 1 AS event_id) "
                       "FROM deidentified_documents LIMIT 1")
    connection.close()
    sql = next(sql for heading, sql, _ in QUERIES if heading == "Documents without a de-identification event")
    with CorpusStore.open(store_path) as store:
        assert [r[0] for r in store.query(sql)] == ["doc-smuggled"]
        assert not store.verify().ok


def test_release_lineage_reaches_the_sources(store_path):
    with CorpusStore.open(store_path) as store:
        lineage = store.query("SELECT doc_id, source_location FROM compliance_release_lineage")
    assert lineage == [(f"doc-{i}", f"landing/notes/note-{i}.txt") for i in range(3)]
