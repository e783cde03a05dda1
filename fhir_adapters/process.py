"""One input file in, one de-identified output out: ``process_path`` and its result.

A Bundle (``.json``/``.json.gz``) is read whole; Bulk Data NDJSON (``.ndjson``/``.ndjson.gz``)
streams in batches, so memory stays bounded by the batch, not the file (except for the tables
and documents the result returns; ``collect_tables=False`` leaves the tables out). For each resource:
validate (R4B + our checks) -> de-identify by the rules -> free text through the text engine
-> validate again -> leak check. A resource that fails on input is quarantined and the rest
goes on; a bundle whose output fails re-validation or the leak check is quarantined whole and
not written. Quarantine reasons name the resource type, pseudonymous id and path, never values.
Outputs are named by pseudonym (the patient key, or a keyed tag of the input's hash).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

import polars as pl

from deid.known_identifiers import KnownIdentifiers
from deid.pseudonyms import date_offset_days, keyed_hash, patient_key
from fhir_adapters import operations
from fhir_adapters.deidentify import PatientContext, ResourceDeidentifier, ResourceJob, RuleFailed
from fhir_adapters.free_text import fill_slots, resolve_slots
from fhir_adapters.known import STAFF_TYPES, known_identifiers_from_patient, merge, staff_identifiers
from fhir_adapters.leaks import LeakCheck
from fhir_adapters.ruleset import Rules
from fhir_adapters.tables import TableBuilder
from fhir_adapters.validation import validate_resource

BUNDLE_SUFFIXES = (".json", ".json.gz")
NDJSON_SUFFIXES = (".ndjson", ".ndjson.gz", ".jsonl", ".jsonl.gz")
NDJSON_BATCH = 500  # resources de-identified together (one text-engine batch); bounds memory
_PATIENT_REFERENCE_KEYS = ("subject", "patient", "beneficiary")
_DOCUMENT_DATE_KEYS = ("date", "effectiveDateTime", "issued", "createdDateTime", "recordedDate")


@dataclass(frozen=True)
class Quarantined:
    """Something not written: where (input tag and entry/line), the hash of what, at which stage, why."""

    location: str
    sha256: str
    stage: str  # read, validate, deidentify, text, revalidate, leak-check
    reason: str

    def __str__(self) -> str:
        return f"{self.location} [{self.stage}] {self.reason} (sha256 {self.sha256[:12]})"


@dataclass
class FhirFileResult:
    input_sha256: str
    outputs: list[Path] = field(default_factory=list)
    resources_in: int = 0
    resources_out: int = 0
    quarantined: list[Quarantined] = field(default_factory=list)
    detections: dict[str, int] = field(default_factory=dict)
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    documents: list[dict] = field(default_factory=list)
    residual_leaks: int = 0
    rules_version: str = ""
    rules_sha256: str = ""
    patient_keys: list[str] = field(default_factory=list)
    kind: str = ""  # "bundle" or "ndjson"

    @property
    def ok(self) -> bool:
        return not self.quarantined


def input_kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(NDJSON_SUFFIXES):
        return "ndjson"
    if name.endswith(BUNDLE_SUFFIXES):
        return "bundle"
    return None


def patient_source_id(patient_resource: dict, full_url: str | None = None) -> str:
    """The original id every pseudonym of a patient derives from (pass it as ``patient_id`` for notes):
    ``Patient.id``, or for a Patient without one the id its bundle fullUrl gives it."""
    return str(patient_resource.get("id") or _id_from_url(full_url) or "")


def _id_from_url(full_url: str | None) -> str | None:
    if not full_url:
        return None
    return full_url.rsplit(":", 1)[-1] if full_url.startswith("urn:") else full_url.rstrip("/").rsplit("/", 1)[-1]


def process_path(path, output_dir, *, key: bytes, engine=None, policy=None, rules: Rules | None = None,
                 known: "KnownIndex | None" = None, collect_tables: bool = True) -> FhirFileResult:
    """De-identify one bundle or NDJSON file into ``output_dir``; see the module docstring.

    ``known``: patients' and clinicians' identifiers from the other inputs of a delivery
    (:func:`collect_known`; Bulk exports put Patient and Practitioner in files of their own).
    Resources inside this input are used in any case. ``collect_tables=False`` leaves the
    tables empty: the tables of a very large NDJSON file grow with it, the rest does not.
    """
    path, output_dir = Path(path), Path(output_dir)
    rules = rules or Rules.load()
    if engine is None:
        from deid import DeidEngine, Policy

        engine = DeidEngine(policy or Policy.load(), key)
    output_dir.mkdir(parents=True, exist_ok=True)
    runner = _Runner(key, engine, rules, known or KnownIndex(), collect_tables)
    if input_kind(path) == "ndjson":
        return runner.ndjson(path, output_dir)
    return runner.bundle(path, output_dir)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _open_text(path: Path):
    raw = open(path, "rb")
    if path.name.lower().endswith(".gz"):
        return io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8")
    return io.TextIOWrapper(raw, encoding="utf-8")


def _open_output(path: Path):
    """Text output; gzip without a name or time in its header, so reruns are byte-identical."""
    raw = open(path, "wb")
    if path.name.endswith(".gz"):
        return io.TextIOWrapper(gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0), encoding="utf-8")
    return io.TextIOWrapper(raw, encoding="utf-8")


def _dumps(resource: dict) -> str:
    return json.dumps(resource, ensure_ascii=False, separators=(",", ":"))


def _resource_sha(resource) -> str:
    return hashlib.sha256(json.dumps(resource, sort_keys=True).encode()).hexdigest()


@dataclass
class KnownIndex:
    """Known identifiers gathered across the inputs of one delivery."""

    patients: dict[str, KnownIdentifiers] = field(default_factory=dict)  # by patient source id
    staff: KnownIdentifiers = KnownIdentifiers()  # clinicians, organizations, locations


_INDEXED_TYPES = ("Patient",) + STAFF_TYPES


def collect_known(paths: Iterable[Path]) -> KnownIndex:
    """Read the Patient, Practitioner, Organization and Location resources of every input.

    Bulk NDJSON files hold one resource type each: a file whose first resource is of
    another type is not read further. Unreadable inputs are skipped here (process_path
    reports them).
    """
    index = KnownIndex()
    staff = []
    for path in paths:
        try:
            for resource in _indexed_resources(Path(path)):
                if resource.get("resourceType") == "Patient":
                    index.patients[patient_source_id(resource)] = known_identifiers_from_patient(resource)
                else:
                    staff.append(resource)
        except (OSError, UnicodeDecodeError, EOFError, ValueError):
            continue
    index.staff = staff_identifiers(staff)
    return index


def _indexed_resources(path: Path) -> Iterator[dict]:
    with _open_text(path) as handle:
        if input_kind(path) == "ndjson":
            for number, line in enumerate(handle):
                if not line.strip():
                    continue
                resource = json.loads(line)
                if not isinstance(resource, dict) or resource.get("resourceType") not in _INDEXED_TYPES:
                    if number == 0:
                        return
                    continue
                yield resource
        else:
            bundle = json.load(handle)
            for entry in bundle.get("entry", []) if isinstance(bundle, dict) else []:
                resource = entry.get("resource") if isinstance(entry, dict) else None
                if isinstance(resource, dict) and resource.get("resourceType") in _INDEXED_TYPES:
                    yield resource


@dataclass
class _Entry:
    """One bundle entry on its way through: the input, its de-identification job and output."""

    index: int
    entry: dict
    resource: dict | None
    job: ResourceJob | None = None
    output: dict | None = None

    @property
    def full_url(self) -> str | None:
        return self.entry.get("fullUrl") if isinstance(self.entry, dict) else None

    @property
    def resource_type(self) -> str:
        return str(self.resource.get("resourceType", "resource")) if isinstance(self.resource, dict) else "resource"


class _Runner:
    def __init__(self, key: bytes, engine, rules: Rules, known: KnownIndex, collect_tables: bool = True):
        self.key = key
        self.collect_tables = collect_tables
        self.engine = engine
        self.rules = rules
        self.patients = known.patients
        self.known_staff = known.staff
        self.walker = ResourceDeidentifier(key, rules, engine.lexicons)

    def _result(self, sha: str, kind: str) -> FhirFileResult:
        return FhirFileResult(sha, rules_version=self.rules.version, rules_sha256=self.rules.sha256, kind=kind)

    def _tag(self, sha: str) -> str:
        return keyed_hash(self.key, "fhir-output", sha)[:12]

    def _location(self, sha: str, where: str) -> str:
        return f"input {self._tag(sha)} {where}"

    def pseudo(self, resource, full_url: str | None = None) -> str:
        original = resource.get("id") if isinstance(resource, dict) else None
        return operations.pseudonymous_id(self.key, str(original or _id_from_url(full_url) or ""))

    def context(self, source_id: str, known: KnownIdentifiers, patient: dict | None, is_patient: bool = True) -> PatientContext:
        pkey = patient_key(self.key, source_id)
        deceased = (patient or {}).get("deceasedDateTime")
        year = int(deceased[:4]) if isinstance(deceased, str) and deceased[:4].isdigit() else date.today().year
        return PatientContext(source_id, pkey, date_offset_days(self.key, pkey), known, year, is_patient)

    # -- bundles ---------------------------------------------------------------------------
    def bundle(self, path: Path, output_dir: Path) -> FhirFileResult:
        sha = _sha256_file(path)
        result = self._result(sha, "bundle")
        bundle = self._read_bundle(path, sha, result)
        if bundle is None:
            return result
        entries = [_Entry(i, e, e.get("resource")) for i, e in enumerate(bundle.get("entry", []))]
        result.resources_in = len(entries)
        urls = frozenset(e.entry["fullUrl"] for e in entries if e.entry.get("fullUrl"))
        by_url = {e.entry["fullUrl"]: e.resource for e in entries if e.entry.get("fullUrl") and e.resource}
        dropped: set[str] = set()  # fullUrls of quarantined entries (references to them may dangle)

        def quarantine(item: _Entry, stage: str, reason: str) -> None:
            result.quarantined.append(Quarantined(self._location(sha, f"entry[{item.index}]"),
                                                  _resource_sha(item.resource), stage, reason))
            if item.entry.get("fullUrl"):
                dropped.add(item.entry["fullUrl"])

        # 1. validate every resource on input
        valid = []
        for item in entries:
            issues = validate_resource(item.resource, urls) if item.resource is not None else []
            if issues:
                quarantine(item, "validate", f"{item.resource_type} {self.pseudo(item.resource, item.full_url)}: "
                           + "; ".join(issues[:5]))
            else:
                valid.append(item)
        resources = [item.resource for item in valid if item.resource is not None]
        # 2. whose each resource is, and 3. the rules on every resource and on the bundle's own elements
        contexts = self._bundle_contexts(resources, by_url, {id(i.resource): i.full_url for i in valid}, sha)
        reference_types = {url: r.get("resourceType") for url, r in by_url.items()}
        reference_types.update({f"{r['resourceType']}/{r['id']}": r["resourceType"] for r in resources if r.get("id")})
        walked = []
        for item in valid:
            if item.resource is not None:
                item.job = ResourceJob(contexts[id(item.resource)], item.resource_type,
                                       self.pseudo(item.resource, item.full_url), reference_types=reference_types)
                try:
                    item.output = self.walker.deidentify(item.resource, item.job)
                except RuleFailed as error:
                    quarantine(item, "deidentify", f"{item.resource_type} {item.job.pseudonymous_id}: {error}")
                    continue
            walked.append(item)
        shell_job = ResourceJob(self._single_or_bundle_context(contexts, resources, sha), "Bundle",
                                operations.pseudonymous_id(self.key, str(bundle.get("id", sha))),
                                reference_types=reference_types)
        try:
            shell = self.walker.deidentify(_strip_resources({**bundle, "entry": [i.entry for i in walked]}), shell_job)
        except RuleFailed as error:
            result.quarantined.append(Quarantined(self._location(sha, "bundle"), sha, "deidentify", f"Bundle: {error}"))
            return result
        # 4. free text, in one engine batch for the whole bundle
        result.detections, failures = fill_slots([s for i in walked if i.job for s in i.job.slots] + shell_job.slots,
                                                 self.engine)
        failed = {id(f.slot): f for f in failures}
        if any(id(s) in failed for s in shell_job.slots):
            result.quarantined.append(Quarantined(self._location(sha, "bundle"), sha, "text", "Bundle: text engine failed"))
            return result
        out_entries, written = [], []
        for item, out_entry in zip(walked, shell.get("entry", [])):
            failure = next((failed[id(s)] for s in item.job.slots if id(s) in failed), None) if item.job else None
            if failure is not None:
                quarantine(item, "text", f"{failure.slot.where}: text engine {failure}")
                continue
            if item.output is not None:
                out_entry["resource"] = resolve_slots(item.output)
                written.append(item)
            out_entries.append(out_entry)
        out_bundle = resolve_slots({k: v for k, v in shell.items() if k != "entry"})
        if out_entries:
            out_bundle["entry"] = out_entries
        # 5. validate again, then the leak check; a failing bundle is not written
        allowed = frozenset(operations.pseudonymize_reference(self.key, u) for u in dropped)
        problems = self._revalidate(out_bundle, allowed)
        if problems:
            result.quarantined.append(Quarantined(self._location(sha, "bundle"), sha, "revalidate", "; ".join(problems[:5])))
            return result
        knowns = list({id(c): c.known for c in contexts.values()}.values())
        original_ids = [str(r["id"]) for r in resources if r.get("id")] + list(urls)  # fullUrls hold ids too
        leaks = LeakCheck(self.engine.lexicons, knowns, original_ids).scan(out_bundle)
        result.residual_leaks = sum(leaks.values())
        if leaks:
            kinds = ", ".join(f"{kind} x{n}" for kind, n in sorted(leaks.items()))
            result.quarantined.append(Quarantined(self._location(sha, "bundle"), sha, "leak-check",
                                                  f"known identifiers left in the output: {kinds}"))
            return result
        # 6. write, named by pseudonym; then the tables
        result.patient_keys = sorted({c.patient_key for c in contexts.values() if c.is_patient})
        tag = self._tag(sha)
        stem = f"{result.patient_keys[0]}.{tag}" if len(result.patient_keys) == 1 else f"bundle-{tag}"
        target = output_dir / (stem + (".json.gz" if path.name.lower().endswith(".gz") else ".json"))
        with _open_output(target) as sink:
            sink.write(_dumps(out_bundle) + "\n")
        result.outputs.append(target)
        result.resources_out = len(written)
        tables = TableBuilder() if self.collect_tables else _NoTables()
        for item in written:
            tables.add(item.output, item.job.context.patient_key)
            result.documents.extend(_documents(item.job, item.output, tables))
        result.tables = tables.frames()
        return result

    def _read_bundle(self, path: Path, sha: str, result: FhirFileResult) -> dict | None:
        """The bundle, or None (quarantined) if the file is not JSON, not a Bundle, or its own elements are invalid."""
        try:
            with _open_text(path) as handle:
                bundle = json.load(handle)
        except (OSError, UnicodeDecodeError, EOFError, json.JSONDecodeError) as error:
            reason = f"not a readable JSON file ({type(error).__name__})"
        else:
            if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
                reason = "not a FHIR Bundle"
            else:
                issues = validate_resource(_strip_resources(bundle))
                if not issues:
                    return bundle
                result.quarantined.append(Quarantined(self._location(sha, "bundle"), sha, "validate",
                                                      "Bundle: " + "; ".join(issues[:5])))
                return None
        result.quarantined.append(Quarantined(self._location(sha, "file"), sha, "read", reason))
        return None

    def _bundle_contexts(self, resources: list[dict], by_url: dict, full_urls: dict[int, str | None],
                         sha: str) -> dict[int, PatientContext]:
        """Each resource's patient context, keyed by ``id(resource)``."""
        staff = merge(staff_identifiers(resources), self.known_staff)
        patients = {}
        for number, resource in enumerate(resources):
            if resource["resourceType"] == "Patient":
                source = patient_source_id(resource, full_urls.get(id(resource))) or f"bundle:{sha}:patient:{number}"
                known = merge(known_identifiers_from_patient(resource), self.patients.get(source, KnownIdentifiers()), staff)
                patients[source] = self.context(source, known, resource)
        contexts: dict[int, PatientContext] = {}
        for resource in resources:
            source = self._patient_of(resource, by_url, full_urls.get(id(resource)))
            if source is not None and source not in patients:
                known = merge(self.patients.get(source, KnownIdentifiers()), staff)
                patients[source] = self.context(source, known, None)
            if source is None and len(patients) == 1:
                source = next(iter(patients))
            if source is not None:
                contexts[id(resource)] = patients[source]
            else:
                contexts[id(resource)] = self.context(f"resource:{resource['resourceType']}/{resource.get('id', sha)}",
                                                      staff, None, is_patient=False)
        return contexts

    def _single_or_bundle_context(self, contexts: dict, resources: list[dict], sha: str) -> PatientContext:
        patients = {c.patient_key: c for c in contexts.values() if c.is_patient}
        if len(patients) == 1:
            return next(iter(patients.values()))
        return self.context(f"bundle:{sha}", merge(staff_identifiers(resources), self.known_staff), None, is_patient=False)

    @staticmethod
    def _patient_of(resource: dict, by_url: dict, full_url: str | None = None) -> str | None:
        if resource["resourceType"] == "Patient":
            return patient_source_id(resource, full_url)
        for key in _PATIENT_REFERENCE_KEYS:
            reference = resource.get(key)
            reference = reference[0] if isinstance(reference, list) and reference else reference
            value = reference.get("reference") if isinstance(reference, dict) else None
            if not isinstance(value, str):
                continue
            target = by_url.get(value)
            if isinstance(target, dict) and target.get("resourceType") == "Patient":
                return patient_source_id(target, value)
            rtype, rid = operations.reference_parts(value)
            if rtype == "Patient" and rid:
                return rid
        return None

    def _revalidate(self, out_bundle: dict, allowed_dangling: frozenset[str]) -> list[str]:
        entries = out_bundle.get("entry", [])
        urls = frozenset(e.get("fullUrl") for e in entries if e.get("fullUrl")) | allowed_dangling
        problems = [f"Bundle: {i}" for i in validate_resource(_strip_resources(out_bundle))]
        for index, entry in enumerate(entries):
            resource = entry.get("resource")
            if resource is not None:
                problems.extend(f"entry[{index}] {resource.get('resourceType')} {resource.get('id', '')}: {i}"
                                for i in validate_resource(resource, urls))
        return problems

    # -- NDJSON ----------------------------------------------------------------------------
    def ndjson(self, path: Path, output_dir: Path) -> FhirFileResult:
        sha = _sha256_file(path)
        result = self._result(sha, "ndjson")
        tag = self._tag(sha)
        partial = output_dir / f".partial-{tag}"
        suffix = ".ndjson.gz" if path.name.lower().endswith(".gz") else ".ndjson"
        first_type = None
        builder = TableBuilder() if self.collect_tables else _NoTables()
        patient_keys: set[str] = set()
        known_here: dict[str, KnownIdentifiers] = {}
        try:
            with _open_text(path) as source, _open_output(partial) as sink:
                for batch in _batches(enumerate(source, 1), NDJSON_BATCH):
                    for resource_type, line in self._ndjson_batch(batch, sha, result, known_here, builder, patient_keys):
                        sink.write(line)
                        result.resources_out += 1
                        first_type = first_type or resource_type
        except (OSError, UnicodeDecodeError, EOFError) as error:
            partial.unlink(missing_ok=True)
            result.quarantined.append(Quarantined(self._location(sha, "file"), sha, "read",
                                                  f"not a readable NDJSON file ({type(error).__name__})"))
            result.outputs.clear()
            return result
        target = output_dir / f"{first_type or 'Resource'}-{tag}{suffix}"
        os.replace(partial, target)
        result.outputs.append(target)
        result.patient_keys = sorted(patient_keys)
        result.tables = builder.frames()
        return result

    def _ndjson_batch(self, batch: list[tuple[int, str]], sha: str, result: FhirFileResult,
                      known_here: dict[str, KnownIdentifiers], builder: TableBuilder,
                      patient_keys: set[str]) -> Iterator[tuple[str, str]]:
        """Validate, de-identify (text in one engine batch), re-validate and leak-check a batch of lines;
        yields (resource type, output line) for those that pass."""
        work = []
        for number, line in batch:
            if not line.strip():
                continue
            result.resources_in += 1
            where = self._location(sha, f"line {number}")
            try:
                resource = json.loads(line)
            except json.JSONDecodeError as error:
                result.quarantined.append(Quarantined(where, hashlib.sha256(line.encode()).hexdigest(), "read",
                                                      f"not JSON (column {error.colno})"))
                continue
            issues = validate_resource(resource)
            if issues:
                rtype = resource.get("resourceType", "resource") if isinstance(resource, dict) else "resource"
                pid = self.pseudo(resource) if isinstance(resource, dict) else ""
                result.quarantined.append(Quarantined(where, _resource_sha(resource), "validate",
                                                      f"{rtype} {pid}: " + "; ".join(issues[:5])))
                continue
            if resource["resourceType"] == "Patient":
                known_here[patient_source_id(resource)] = known_identifiers_from_patient(resource)
            source = self._patient_of(resource, {})
            if source is not None:
                known = merge(known_here.get(source, KnownIdentifiers()), self.patients.get(source, KnownIdentifiers()),
                              self.known_staff)
                context = self.context(source, known, resource if resource["resourceType"] == "Patient" else None)
            else:
                context = self.context(f"resource:{resource['resourceType']}/{resource.get('id', '')}",
                                       merge(staff_identifiers([resource]), self.known_staff), None, is_patient=False)
            job = ResourceJob(context, resource["resourceType"], self.pseudo(resource))
            try:
                work.append((where, resource, job, self.walker.deidentify(resource, job)))
            except RuleFailed as error:
                result.quarantined.append(Quarantined(where, _resource_sha(resource), "deidentify",
                                                      f"{resource['resourceType']} {job.pseudonymous_id}: {error}"))
        counts, failures = fill_slots([s for _, _, job, _ in work for s in job.slots], self.engine)
        for label, n in counts.items():
            result.detections[label] = result.detections.get(label, 0) + n
        failed = {id(f.slot): f for f in failures}
        for where, resource, job, out in work:
            failure = next((failed[id(s)] for s in job.slots if id(s) in failed), None)
            if failure is not None:
                result.quarantined.append(Quarantined(where, _resource_sha(resource), "text",
                                                      f"{failure.slot.where}: text engine {failure}"))
                continue
            out = resolve_slots(out)
            issues = validate_resource(out)
            if issues:
                result.quarantined.append(Quarantined(where, _resource_sha(resource), "revalidate",
                                                      f"{job.resource_type} {job.pseudonymous_id}: " + "; ".join(issues[:5])))
                continue
            leaks = LeakCheck(self.engine.lexicons, [job.context.known], [str(resource.get("id", ""))]).scan(out)
            if leaks:
                result.residual_leaks += sum(leaks.values())
                kinds = ", ".join(f"{kind} x{n}" for kind, n in sorted(leaks.items()))
                result.quarantined.append(Quarantined(where, _resource_sha(resource), "leak-check",
                                                      f"{job.resource_type} {job.pseudonymous_id}: known identifiers left: {kinds}"))
                continue
            if job.context.is_patient:
                patient_keys.add(job.context.patient_key)
            builder.add(out, job.context.patient_key)
            result.documents.extend(_documents(job, out, builder))
            yield job.resource_type, _dumps(out) + "\n"


def _strip_resources(bundle: dict) -> dict:
    entries = bundle.get("entry")
    if not isinstance(entries, list):
        return dict(bundle)
    return {**bundle, "entry": [{k: v for k, v in e.items() if k != "resource"} if isinstance(e, dict) else e
                                for e in entries]}


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _NoTables(TableBuilder):
    """A TableBuilder that keeps no rows (``collect_tables=False``)."""

    def add(self, resource: dict, patient_key: str) -> None:
        pass

    def add_document(self, document: dict, concept=None, content_type: str | None = None) -> None:
        pass


def _documents(job: ResourceJob, out_resource: dict, tables: TableBuilder) -> list[dict]:
    """The de-identified notes and attachments of one resource, for FhirFileResult.documents."""
    documents = []
    date_value = next((out_resource[k] for k in _DOCUMENT_DATE_KEYS if isinstance(out_resource.get(k), str)), None)
    concept = out_resource.get("type") if job.resource_type == "DocumentReference" else out_resource.get("code")
    for number, slot in enumerate(s for s in job.slots if s.is_document):
        document = {"id": f"{job.pseudonymous_id}-{number}", "patient_key": job.context.patient_key,
                    "resource_type": job.resource_type, "text": slot.output, "date": date_value}
        documents.append(document)
        tables.add_document(document, concept if isinstance(concept, dict) else None, slot.content_type)
    return documents
