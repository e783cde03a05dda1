"""FHIR R4 adapters: read and validate Bundles and Bulk NDJSON, de-identify them by a
declarative rule file, send their free text through ``deid``, flatten them into tables.

May import: ``deid``. Must not import: ``audit`` internals, ``dagster_project``, ``cardiocorpus``.

Public API (what the pipeline and the CLI call)::

    process_path(path, output_dir, *, key, engine=None, policy=None, rules=None, known=None) -> FhirFileResult
        One input file (Bundle ``.json``/``.json.gz`` of any type, or Bulk ``.ndjson``/``.ndjson.gz``,
        streamed in batches) -> one de-identified file in ``output_dir``, named by pseudonym
        (``<patient_key>.<tag>.json[.gz]`` for a one-patient bundle, ``bundle-<tag>.json[.gz]``,
        ``<ResourceType>-<tag>.ndjson[.gz]``; ``tag`` is keyed on the input's hash, never its name).
        ``engine``: a ``deid.DeidEngine`` (built from ``policy`` when omitted: loading spaCy is slow).
        ``rules``: a :class:`Rules` (the packaged default when omitted). ``known``: a
        :class:`KnownIndex` from :func:`collect_known` over all inputs of a delivery.
    FhirFileResult: input_sha256, outputs (list[Path]), resources_in, resources_out,
        quarantined (list[Quarantined]: location, sha256, stage, reason; never PHI),
        detections (text-engine counts by entity type), tables (dict[str, polars.DataFrame]:
        patients, encounters, conditions, observations, medications, procedures, allergies,
        immunizations, documents), documents (list of {"id", "patient_key", "resource_type",
        "text", "date"} for every note and attachment), residual_leaks, rules_version,
        rules_sha256, patient_keys, kind ("bundle" or "ndjson"), ok.
    collect_known(paths) -> KnownIndex
        Known identifiers of every Patient, Practitioner, Organization and Location in the inputs.
    known_identifiers_from_patient(patient_resource: dict) -> deid.KnownIdentifiers
    patient_source_id(patient_resource: dict) -> str
        The id a patient's pseudonyms derive from (``Patient.id``): give it as ``patient_id``
        to the text engine for that patient's notes and they share the patient key and date shift.
    Rules.load(path=None) -> Rules  (``.version``, ``.sha256``; default ``fhir_adapters/rules/default.yaml``)
    validate_resource(resource, bundle_urls=None) -> list[str]  (R4B + required codes + references)
    invalid_resources_in_file(path) -> int  (a written output re-read and validated)
    pseudonymous_id(key, original_id) -> str  (the id/reference pseudonym)

Modules: ``fhir_types`` (FHIR type of every JSON element, from the R4B models), ``ruleset``
(the rule file), ``deidentify`` (the walker that applies it), ``operations`` (date shift,
hashes, generalization, noise), ``free_text`` (text slots, HTML, attachments, the engine
batch), ``known`` (known identifiers from resources), ``validation``, ``leaks`` (the leak
check), ``tables`` (polars flattening), ``process`` (one file end to end), ``synthetic``
(invented test bundles).
"""

from fhir_adapters.known import known_identifiers_from_patient
from fhir_adapters.operations import pseudonymous_id
from fhir_adapters.process import (FhirFileResult, KnownIndex, Quarantined, collect_known, input_kind,
                                   patient_source_id, process_path)
from fhir_adapters.ruleset import Rules, RulesError
from fhir_adapters.validation import invalid_resources_in_file, validate_resource

__all__ = ["FhirFileResult", "KnownIndex", "Quarantined", "Rules", "RulesError", "collect_known", "input_kind",
           "known_identifiers_from_patient", "patient_source_id", "process_path", "pseudonymous_id",
           "validate_resource", "invalid_resources_in_file"]
