"""Dagster wiring (issue 6, not built yet): assets, checks, resources and sensors that call
``deid``, ``fhir_adapters``, ``terminology`` and ``audit``; no domain logic of its own.
"""
