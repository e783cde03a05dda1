"""The writer's canonical serialization (Python) and the verifier's (DuckDB SQL) agree byte for byte."""

from __future__ import annotations

from datetime import datetime

import duckdb
from hypothesis import given, settings, strategies as st

from audit.chain import CHAINED_FIELDS, EVENT_HASH_SQL, event_hash, serialize_event

TEXT = st.one_of(st.none(), st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
TIMES = st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1))


@st.composite
def events(draw):
    event = {name: draw(TEXT) for name in CHAINED_FIELDS}
    event["event_id"] = draw(st.integers(min_value=1, max_value=2**62))
    event["recorded_at"] = draw(TIMES)
    for required in ("actor", "action", "subject_ids", "details", "prev_hash"):
        event[required] = event[required] or ""
    return event


@settings(max_examples=60, deadline=None)
@given(st.lists(events(), min_size=1, max_size=5))
def test_python_and_sql_hashes_agree(batch):
    connection = duckdb.connect()
    types = {"event_id": "BIGINT", "recorded_at": "TIMESTAMP"}
    connection.execute("CREATE TABLE audit_events (" +
                       ", ".join(f'"{n}" {types.get(n, "VARCHAR")}' for n in CHAINED_FIELDS) + ")")
    for event in batch:
        connection.execute(f"INSERT INTO audit_events VALUES ({', '.join('?' * len(CHAINED_FIELDS))})",
                           [event[n] for n in CHAINED_FIELDS])
    computed = [r[0] for r in connection.execute(f"SELECT {EVENT_HASH_SQL} FROM audit_events").fetchall()]
    assert computed == [event_hash(e) for e in batch]


def test_serialization_is_unambiguous():
    base = {name: "" for name in CHAINED_FIELDS} | {"event_id": 1, "recorded_at": datetime(2026, 1, 1)}
    shifted = base | {"actor": "a1:", "action": "b"}
    other = base | {"actor": "a", "action": "1:b"}
    assert serialize_event(shifted) != serialize_event(other)
    assert event_hash(base | {"run_id": None}) != event_hash(base | {"run_id": ""})
