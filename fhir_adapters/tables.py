"""Flatten de-identified resources into typed polars tables, ready for the DuckDB store.

Every table has a ``patient_key`` (the text engine's pseudonymous key, so notes and
resources join) and shifted dates parsed to UTC timestamps (partial dates to their first
day). Each clinical row keeps its first coding in columns and every coding in ``codings``.
Rows are only read from de-identified output: nothing here sees original values.
"""

from __future__ import annotations

from datetime import datetime, timezone

import polars as pl

_CODING = pl.Struct({"system": pl.String, "code": pl.String, "display": pl.String})
_CODED = {"system": pl.String, "code": pl.String, "display": pl.String, "codings": pl.List(_CODING)}
_TS = pl.Datetime("us", "UTC")

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "patients": {"patient_key": pl.String, "id": pl.String, "gender": pl.String, "birth_year": pl.Int32,
                 "deceased": pl.Boolean, "deceased_at": _TS, "race": pl.String, "ethnicity": pl.String,
                 "birth_sex": pl.String, "state": pl.String, "zip3": pl.String, "marital_status": pl.String},
    "encounters": {"id": pl.String, "patient_key": pl.String, "status": pl.String, "class_code": pl.String,
                   **_CODED, "start": _TS, "end": _TS},
    "conditions": {"id": pl.String, "patient_key": pl.String, "encounter_id": pl.String, **_CODED,
                   "clinical_status": pl.String, "onset": _TS, "abatement": _TS, "recorded": _TS},
    "observations": {"id": pl.String, "patient_key": pl.String, "encounter_id": pl.String, "component": pl.Int32,
                     **_CODED, "category": pl.String, "value": pl.Float64, "unit": pl.String,
                     "value_code": pl.String, "value_string": pl.String, "status": pl.String, "effective": _TS},
    "medications": {"id": pl.String, "patient_key": pl.String, "encounter_id": pl.String, **_CODED,
                    "status": pl.String, "intent": pl.String, "authored_on": _TS},
    "procedures": {"id": pl.String, "patient_key": pl.String, "encounter_id": pl.String, **_CODED,
                   "status": pl.String, "start": _TS, "end": _TS},
    "allergies": {"id": pl.String, "patient_key": pl.String, **_CODED, "clinical_status": pl.String,
                  "criticality": pl.String, "recorded": _TS},
    "immunizations": {"id": pl.String, "patient_key": pl.String, "encounter_id": pl.String, **_CODED,
                      "status": pl.String, "occurrence": _TS},
    "documents": {"id": pl.String, "patient_key": pl.String, "resource_type": pl.String, **_CODED,
                  "date": _TS, "content_type": pl.String, "text": pl.String},
}
_RACE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race"
_ETHNICITY = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity"
_BIRTH_SEX = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex"


def timestamp(value) -> datetime | None:
    """A FHIR date/dateTime/instant as a UTC datetime (partial dates at their first moment)."""
    if not isinstance(value, str) or len(value) < 4:
        return None
    text = value.replace("Z", "+00:00")
    if len(text) == 4:
        text += "-01-01"
    elif len(text) == 7:
        text += "-01"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def _coded(concept) -> dict:
    codings = [{"system": c.get("system"), "code": c.get("code"), "display": c.get("display")}
               for c in (concept or {}).get("coding", []) if isinstance(c, dict)]
    first = codings[0] if codings else {"system": None, "code": None, "display": (concept or {}).get("text")}
    return {**first, "codings": codings}


def _ref_id(reference) -> str | None:
    value = (reference or {}).get("reference") if isinstance(reference, dict) else None
    if not isinstance(value, str):
        return None
    return value.rsplit("/", 1)[-1].rsplit(":", 1)[-1]


def _status(concept) -> str | None:
    coded = _coded(concept)
    return coded["code"]


def _extension_display(resource: dict, url: str) -> str | None:
    for extension in resource.get("extension", []):
        if extension.get("url") != url:
            continue
        if "valueCode" in extension:
            return extension["valueCode"]
        for sub in extension.get("extension", []):
            if sub.get("url") == "text" and "valueString" in sub:
                return sub["valueString"]
            if sub.get("url") == "ombCategory" and "valueCoding" in sub:
                return sub["valueCoding"].get("display") or sub["valueCoding"].get("code")
    return None


class TableBuilder:
    """Collects rows from de-identified resources; :meth:`frames` returns one DataFrame per table.

    Rows are turned into frames every ``flush_rows`` rows of a table: a long NDJSON file then holds a few
    large frames, not one small frame per batch (polars' per-frame overhead dominates those).
    """

    def __init__(self, flush_rows: int = 5_000):
        self.rows: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
        self._frames: dict[str, list[pl.DataFrame]] = {name: [] for name in SCHEMAS}
        self._flush_rows = flush_rows

    def add(self, resource: dict, patient_key: str) -> None:
        handler = getattr(self, "_" + resource.get("resourceType", ""), None)
        if handler is not None:
            handler(resource, patient_key)
            self._flush_full()

    def _flush_full(self) -> None:
        for name, rows in self.rows.items():
            if len(rows) >= self._flush_rows:
                self._frames[name].append(pl.DataFrame(rows, schema=SCHEMAS[name]))
                self.rows[name] = []

    def add_document(self, document: dict, concept=None, content_type: str | None = None) -> None:
        self.rows["documents"].append({"id": document["id"], "patient_key": document["patient_key"],
                                       "resource_type": document["resource_type"], **_coded(concept),
                                       "date": timestamp(document.get("date")), "content_type": content_type,
                                       "text": document["text"]})
        self._flush_full()

    def frames(self) -> dict[str, pl.DataFrame]:
        out = {}
        for name, schema in SCHEMAS.items():
            parts = self._frames[name] + ([pl.DataFrame(self.rows[name], schema=schema)] if self.rows[name] else [])
            out[name] = pl.concat(parts, rechunk=True) if parts else pl.DataFrame(schema=schema)
        return out

    # one method per resource type --------------------------------------------------------
    def _Patient(self, r: dict, patient_key: str) -> None:
        address = (r.get("address") or [{}])[0]
        deceased = r.get("deceasedDateTime")
        self.rows["patients"].append({
            "patient_key": patient_key, "id": r.get("id"), "gender": r.get("gender"),
            "birth_year": int(r["birthDate"][:4]) if r.get("birthDate") else None,
            "deceased": bool(deceased) or bool(r.get("deceasedBoolean")), "deceased_at": timestamp(deceased),
            "race": _extension_display(r, _RACE), "ethnicity": _extension_display(r, _ETHNICITY),
            "birth_sex": _extension_display(r, _BIRTH_SEX), "state": address.get("state"),
            "zip3": address.get("postalCode"), "marital_status": _coded(r.get("maritalStatus"))["code"]})

    def _Encounter(self, r: dict, patient_key: str) -> None:
        period = r.get("period") or {}
        self.rows["encounters"].append({
            "id": r.get("id"), "patient_key": patient_key, "status": r.get("status"),
            "class_code": (r.get("class") or {}).get("code"), **_coded((r.get("type") or [None])[0]),
            "start": timestamp(period.get("start")), "end": timestamp(period.get("end"))})

    def _Condition(self, r: dict, patient_key: str) -> None:
        self.rows["conditions"].append({
            "id": r.get("id"), "patient_key": patient_key, "encounter_id": _ref_id(r.get("encounter")),
            **_coded(r.get("code")), "clinical_status": _status(r.get("clinicalStatus")),
            "onset": timestamp(r.get("onsetDateTime")), "abatement": timestamp(r.get("abatementDateTime")),
            "recorded": timestamp(r.get("recordedDate"))})

    def _Observation(self, r: dict, patient_key: str) -> None:
        base = {"id": r.get("id"), "patient_key": patient_key, "encounter_id": _ref_id(r.get("encounter")),
                "category": _status((r.get("category") or [None])[0]), "status": r.get("status"),
                "effective": timestamp(r.get("effectiveDateTime") or (r.get("effectivePeriod") or {}).get("start")
                                       or r.get("effectiveInstant"))}
        self.rows["observations"].append({**base, "component": None, **_coded(r.get("code")), **_value(r)})
        for index, component in enumerate(r.get("component", [])):
            self.rows["observations"].append({**base, "component": index, **_coded(component.get("code")),
                                              **_value(component)})

    def _MedicationRequest(self, r: dict, patient_key: str) -> None:
        self.rows["medications"].append({
            "id": r.get("id"), "patient_key": patient_key, "encounter_id": _ref_id(r.get("encounter")),
            **_coded(r.get("medicationCodeableConcept")), "status": r.get("status"), "intent": r.get("intent"),
            "authored_on": timestamp(r.get("authoredOn"))})

    def _Procedure(self, r: dict, patient_key: str) -> None:
        period = r.get("performedPeriod") or {}
        start = r.get("performedDateTime") or period.get("start")
        self.rows["procedures"].append({
            "id": r.get("id"), "patient_key": patient_key, "encounter_id": _ref_id(r.get("encounter")),
            **_coded(r.get("code")), "status": r.get("status"), "start": timestamp(start),
            "end": timestamp(period.get("end"))})

    def _AllergyIntolerance(self, r: dict, patient_key: str) -> None:
        self.rows["allergies"].append({
            "id": r.get("id"), "patient_key": patient_key, **_coded(r.get("code")),
            "clinical_status": _status(r.get("clinicalStatus")), "criticality": r.get("criticality"),
            "recorded": timestamp(r.get("recordedDate"))})

    def _Immunization(self, r: dict, patient_key: str) -> None:
        self.rows["immunizations"].append({
            "id": r.get("id"), "patient_key": patient_key, "encounter_id": _ref_id(r.get("encounter")),
            **_coded(r.get("vaccineCode")), "status": r.get("status"),
            "occurrence": timestamp(r.get("occurrenceDateTime"))})


def _value(node: dict) -> dict:
    quantity = node.get("valueQuantity") or {}
    number = quantity.get("value")
    for key in ("valueInteger", "valueDecimal"):
        if key in node:
            number = node[key]
    concept = node.get("valueCodeableConcept")
    return {"value": float(number) if isinstance(number, (int, float)) and not isinstance(number, bool) else None,
            "unit": quantity.get("unit") or quantity.get("code"),
            "value_code": _coded(concept)["code"] if concept else None,
            "value_string": node.get("valueString")}
