"""Examples from a de-identified patient record (the clinical tables) under fixed question templates.

The user message is the patient's record rendered as text (codes, values, shifted dates, the
most recent ``max_rows_per_section`` rows of each table) and one question; the answer is
computed from the rows shown, so it can be checked against the record and traced to the
rows it came from. A template whose answer is not in the record is skipped for that patient.
"""

from __future__ import annotations

from collections import defaultdict

import regex

from releases.configuration import ReleaseConfig
from releases.records import Example
from releases.sources import sort_time, to_day
from releases.tasks import chat, example_id

_SYSTEMS = {"http://snomed.info/sct": "SNOMED CT", "http://loinc.org": "LOINC",
            "http://www.nlm.nih.gov/research/umls/rxnorm": "RxNorm"}
# a strength in an RxNorm name: "5 MG", "0.5 MG/ML", "100 UNT/ML" (bounded, no nested repetition)
_STRENGTH = regex.compile(r"\b(\d{1,6}(?:\.\d{1,4})?)\s?(MG/ML|MG|MCG|G|UNT/ML|UNT|ML)\b", regex.IGNORECASE)


def _time(row: dict, *columns: str):
    for column in columns:
        if row.get(column) is not None:
            return row[column]
    return None


def _day(row: dict, *columns: str) -> str:
    day = to_day(_time(row, *columns))
    return day.isoformat() if day else "date not recorded"


def _coded(row: dict) -> str:
    system = _SYSTEMS.get(row.get("system") or "", row.get("system") or "code")
    return f"{row.get('display') or 'unnamed'} ({system} {row.get('code')})"


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _recent(rows: list[dict], limit: int, *time_columns: str) -> list[dict]:
    ordered = sorted(rows, key=lambda r: (sort_time(_time(r, *time_columns)), str(r.get("id")),
                                          r.get("component") if r.get("component") is not None else -1))
    return ordered[-limit:]


class PatientRecord:
    """One patient's rows, capped per section, and the text a reader sees."""

    SECTIONS = (("encounters", ("start",)), ("conditions", ("onset", "recorded")),
                ("medications", ("authored_on",)), ("observations", ("effective",)),
                ("procedures", ("start", "performed")), ("documents", ("date",)))

    def __init__(self, patient_key: str, tables: dict[str, list[dict]], limit: int):
        self.patient_key = patient_key
        self.patient = (tables.get("patients") or [{}])[0]
        self.rows = {name: _recent(tables.get(name, []), limit, *times) for name, times in self.SECTIONS}

    def text(self) -> str:
        # no birth year: with dates shifted it would hint at the real one, and over 89 it is an identifier
        lines = ["Patient record (de-identified; dates shifted)",
                 f"Patient: {self.patient.get('gender') or 'gender not recorded'}"]
        render = {
            "encounters": lambda r: f"{_day(r, 'start')} {r.get('class_code') or r.get('class') or ''} "
                                    f"{r.get('display') or ''}".rstrip(),
            "conditions": lambda r: f"{_day(r, 'onset', 'recorded')} {_coded(r)}"
                                    + (f", {r['clinical_status']}" if r.get("clinical_status") else "")
                                    + (f", resolved {_day(r, 'abatement')}" if r.get("abatement") else ""),
            "medications": lambda r: f"{_day(r, 'authored_on')} {_coded(r)}"
                                     + (f", {r['status']}" if r.get("status") else ""),
            "observations": lambda r: f"{_day(r, 'effective')} {r.get('display') or r.get('code')}: "
                                      + (f"{_number(r['value'])} {r.get('unit') or ''}".rstrip()
                                         if r.get("value") is not None else
                                         str(r.get("value_string") or r.get("value_code") or "no value")),
            "procedures": lambda r: f"{_day(r, 'start', 'performed')} {_coded(r)}",
            "documents": lambda r: f"{_day(r, 'date')} {r.get('resource_type') or 'document'}: {_coded(r)}",
        }
        for name, _ in self.SECTIONS:
            if self.rows[name]:
                lines.append(f"{name.capitalize()}:")
                lines.extend("- " + render[name](row) for row in self.rows[name])
        return "\n".join(lines)


def _is_active(row: dict, statuses) -> bool:
    status = row.get("clinical_status", row.get("status"))
    if status is None:
        return row.get("abatement") is None
    return str(status).lower() in statuses


def most_recent_lvef(record: PatientRecord, settings: dict, _):
    codes = set(settings["loinc_codes"])
    rows = [r for r in record.rows["observations"] if r.get("code") in codes and r.get("value") is not None]
    if not rows:
        return None
    row = rows[-1]
    return (f"The most recent LVEF is {_number(row['value'])} {row.get('unit') or ''}".rstrip()
            + f", measured {_day(row, 'effective')}.", [("observations", row["id"])])


def active_cardiology_problems(record: PatientRecord, settings: dict, categories: dict):
    wanted, codes = {c.lower() for c in settings["categories"]}, set(settings["snomed_codes"])
    problems: dict[str, dict] = {}
    for row in record.rows["conditions"]:
        category = (categories.get(("conditions", row.get("code"))) or "").lower()
        if _is_active(row, {"active", "recurrence", "relapse"}) and (category in wanted or row.get("code") in codes):
            problems.setdefault(row.get("code"), row)
    if not problems:
        return None
    rows = list(problems.values())
    return "\n".join(f"- {_coded(r)}" for r in rows), [("conditions", r["id"]) for r in rows]


def current_anticoagulant(record: PatientRecord, settings: dict, _):
    names = [n.lower() for n in settings["ingredients"]]
    statuses = {s.lower() for s in settings["active_statuses"]}
    rows = [r for r in record.rows["medications"] if _is_active(r, statuses)
            and any(n in (r.get("display") or "").lower().split() for n in names)]
    if not rows:
        return None
    row = rows[-1]
    ingredient = next(n for n in names if n in (row.get("display") or "").lower().split())
    strength = _STRENGTH.search(row.get("display") or "", timeout=1)
    dose = f"{strength.group(1)} {strength.group(2).upper()}" if strength else "not recorded in the record"
    return (f"{ingredient.capitalize()}, dose {dose} ({_coded(row)}, ordered {_day(row, 'authored_on')}).",
            [("medications", row["id"])])


def last_echo_relative_to_admission(record: PatientRecord, settings: dict, _):
    procedures = [("procedures", r, _time(r, "start", "performed")) for r in record.rows["procedures"]
                  if r.get("code") in set(settings["snomed_codes"])]
    reports = [("documents", r, r.get("date")) for r in record.rows["documents"]
               if r.get("code") in set(settings["loinc_codes"])]
    echoes = [e for e in procedures + reports if to_day(e[2])]
    if not echoes:
        return None
    table, echo, when = max(echoes, key=lambda e: (sort_time(e[2]), e[0], str(e[1].get("id"))))
    encounters = {r["id"]: r for r in record.rows["encounters"] if to_day(r.get("start"))}
    encounter = encounters.get(echo.get("encounter_id"))
    relation = "its encounter"
    if encounter is None:
        relation = "the latest encounter before it"
        before = [r for r in encounters.values() if sort_time(r["start"]) <= sort_time(when)]
        encounter = max(before, key=lambda r: (sort_time(r["start"]), r["id"])) if before else None
    if encounter is None:
        return None
    days = (to_day(when) - to_day(encounter["start"])).days
    return (f"The last echocardiogram ({echo.get('display') or echo.get('code')}, {to_day(when).isoformat()}) was "
            f"{days} day{'s' if days != 1 else ''} after the start of {relation}, on "
            f"{to_day(encounter['start']).isoformat()}.", [(table, echo["id"]), ("encounters", encounter["id"])])


TEMPLATES = {"most_recent_lvef": most_recent_lvef, "active_cardiology_problems": active_cardiology_problems,
             "current_anticoagulant": current_anticoagulant,
             "last_echo_relative_to_admission": last_echo_relative_to_admission}


def patient_record_examples(clinical: dict[str, list[dict]], config: ReleaseConfig) -> list[Example]:
    settings = config.task("patient_record")
    if not settings:
        return []
    by_patient: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for name, rows in clinical.items():
        for row in rows:
            if row.get("patient_key"):
                by_patient[row["patient_key"]][name].append(row)
    categories = {(r.get("source_table"), r.get("code")): r.get("category")
                  for r in clinical.get("coding_annotations", []) if r.get("category")}
    by_document = config.section("split").get("group_by", "patient") == "document"
    examples = []
    for patient_key in sorted(by_patient):
        record = PatientRecord(patient_key, by_patient[patient_key], int(settings.get("max_rows_per_section", 40)))
        text = None
        for name, template in sorted(settings["templates"].items()):
            answer = TEMPLATES[name](record, template, categories)
            if answer is None:
                continue
            text = text or record.text()
            content, rows = answer
            task = f"patient_record/{name}"
            examples.append(Example(example_id(task, patient_key), task,
                                    chat(config, f"{text}\n\nQuestion: {template['question']}", content),
                                    f"record:{patient_key}:{name}" if by_document else patient_key,
                                    clinical_rows=tuple(sorted({(t, str(i)) for t, i in rows}))))
    return examples
