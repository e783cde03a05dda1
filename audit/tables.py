"""Which tables events vouch for, how a row's digest is computed, and the clinical tables.

A row's digest is sha256 over DuckDB's JSON spelling of the whole row (event_id included);
an event's ``rows_sha256`` is sha256 over the sorted digests of every row carrying its id,
in every vouched table. Writer and verifier both use ``rows_digest_sql`` so they cannot drift.
"""

from __future__ import annotations

import re

# Tables whose rows carry the event_id of the event that wrote them (clinical_* are added at run time).
CORE_VOUCHED_TABLES = ("source_documents", "deidentified_documents", "concept_mentions", "quarantine",
                       "releases", "release_members", "certifications", "access_log")

# The clinical tables the FHIR adapter produces (issue 3), their declared keys and the
# columns we expect (documentation and a check on the key only: the adapter owns the rest).
CLINICAL_TABLES = {
    "patients": (["id"], ["id", "patient_key", "gender", "birth_year", "deceased", "zip3"]),
    "encounters": (["id"], ["id", "patient_key", "class", "type_code", "start", "end"]),
    "conditions": (["id"], ["id", "patient_key", "encounter_id", "system", "code", "display", "onset", "abatement"]),
    "observations": (["id"], ["id", "patient_key", "encounter_id", "system", "code", "display", "value", "unit", "effective"]),
    "medications": (["id"], ["id", "patient_key", "encounter_id", "system", "code", "display", "status", "authored_on"]),
    "procedures": (["id"], ["id", "patient_key", "encounter_id", "system", "code", "display", "performed"]),
    "allergies": (["id"], ["id", "patient_key", "system", "code", "display", "criticality", "recorded"]),
    "immunizations": (["id"], ["id", "patient_key", "encounter_id", "system", "code", "display", "occurrence"]),
    "documents": (["id"], ["id", "patient_key", "encounter_id", "type_code", "date", "doc_id"]),
}
# Columns the store adds to every clinical table.
CLINICAL_LINEAGE_COLUMNS = ("source_sha256", "event_id")
_TABLE_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")


def clinical_table(name: str) -> str:
    """The store's table for a clinical frame name; refuses names that are not plain identifiers."""
    if not _TABLE_NAME.fullmatch(name):
        raise ValueError(f"clinical table name {name!r} must be lower-case letters, digits and _")
    return f"clinical_{name}"


def row_digests_sql(table: str, where: str = "") -> str:
    return f"SELECT event_id, sha256(CAST(to_json(t) AS VARCHAR)) AS digest FROM {table} AS t {where}"


def rows_digest_sql(tables: list[str], where: str = "") -> str:
    """Per event: (event_id, rows, sha256 over its rows' sorted digests) across ``tables``."""
    union = " UNION ALL ".join(row_digests_sql(t, where) for t in tables)
    return (f"SELECT event_id, count(*) AS rows, sha256(array_to_string(list_sort(list(digest)), '')) AS rows_sha256 "
            f"FROM ({union}) GROUP BY event_id")


def vouched_tables(connection) -> list[str]:
    clinical = [f"clinical_{name}" for (name,) in
                connection.execute("SELECT table_name FROM clinical_tables ORDER BY table_name").fetchall()]
    return list(CORE_VOUCHED_TABLES) + clinical
