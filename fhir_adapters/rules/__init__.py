"""Versioned YAML de-identification rule files for FHIR resources (``default.yaml``)."""
