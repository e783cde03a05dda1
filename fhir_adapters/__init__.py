"""FHIR R4 adapters (issue 3, not built yet): read and validate bundles and Bulk NDJSON,
de-identify them by declarative rules, send free text through ``deid``, flatten to tables.

May import: ``deid``. Must not import: ``audit`` internals, ``dagster_project``.
"""
