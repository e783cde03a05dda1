"""The cardiology category of a concept: one coarse bucket a training team can filter on.

ICD-10-CM codes get theirs from the block they sit in (the chapter structure is the most
reliable grouping any open source gives). Other concepts take the category of an ICD-10-CM
code they are cross-mapped to, else their semantic type (procedure, medication, lab...),
else key words of their preferred term. ``"other"`` when nothing applies.
"""

from __future__ import annotations

# (first code, last code, category), ICD-10-CM blocks and sub-ranges, most specific first
_ICD_RANGES = (
    ("I10", "I1A", "hypertension"),
    ("I20", "I25", "ischemic heart disease"),
    ("I26", "I28", "pulmonary heart disease"),
    ("I30", "I32", "pericardial disease"),
    ("I33", "I33", "endocarditis"),
    ("I34", "I39", "valvular disease"),
    ("I40", "I41", "myocarditis"),
    ("I42", "I43", "cardiomyopathy"),
    ("I44", "I49", "arrhythmia"),
    ("I50", "I50", "heart failure"),
    ("I00", "I09", "rheumatic heart disease"),
    ("I51", "I52", "other heart disease"),
    ("I60", "I69", "cerebrovascular disease"),
    ("I70", "I79", "arterial disease"),
    ("I80", "I89", "venous disease"),
    ("I95", "I95", "hypotension"),
    ("I97", "I99", "other circulatory"),
    ("Q20", "Q28", "congenital heart disease"),
    ("R00", "R01", "arrhythmia"),
    ("R03", "R03", "hypertension"),
    ("R07", "R07", "chest pain"),
    ("Z95", "Z95", "cardiac device or graft"),
)
_BY_TYPE = {"procedure": "procedure", "medication": "medication", "observable/lab": "lab",
            "device": "device", "body structure": "anatomy"}
# key words of preferred terms, checked in order (the first hit wins)
_KEYWORDS = (
    ("fibrillation", "arrhythmia"), ("flutter", "arrhythmia"), ("tachycardi", "arrhythmia"),
    ("bradycardi", "arrhythmia"), ("arrhythmi", "arrhythmia"), ("block", "arrhythmia"),
    ("torsade", "arrhythmia"), ("heart failure", "heart failure"), ("cardiac failure", "heart failure"),
    ("infarct", "ischemic heart disease"), ("angina", "ischemic heart disease"),
    ("ischemi", "ischemic heart disease"), ("coronary", "ischemic heart disease"),
    ("cardiomyopath", "cardiomyopathy"), ("myocarditis", "myocarditis"), ("pericard", "pericardial disease"),
    ("endocarditis", "endocarditis"), ("valve", "valvular disease"), ("stenosis", "valvular disease"),
    ("regurgitation", "valvular disease"), ("hypotensi", "hypotension"), ("low blood pressure", "hypotension"),
    ("hypertensi", "hypertension"), ("blood pressure", "hypertension"), ("embolism", "venous disease"), ("thrombosis", "venous disease"),
    ("aneurysm", "arterial disease"), ("atheroscler", "arterial disease"), ("arteri", "arterial disease"),
    ("stroke", "cerebrovascular disease"), ("cerebrovascular", "cerebrovascular disease"),
    ("cardiac arrest", "cardiac arrest"), ("heart", "other heart disease"), ("cardi", "other heart disease"),
)


def icd_category(code: str) -> str | None:
    head = code.replace(".", "")[:3].upper()
    for first, last, category in _ICD_RANGES:
        if first <= head <= last:
            return category
    return None


def category_of(system: str, code: str, preferred_term: str, semantic_type: str | None,
                mapped_icd: list[str] = ()) -> str:
    if system == "ICD10CM":
        return icd_category(code) or "other"
    if semantic_type in _BY_TYPE:
        return _BY_TYPE[semantic_type]
    if system == "LOINC":
        return "lab"
    if system == "RXNORM":
        return "medication"
    for icd in mapped_icd:
        if category := icd_category(icd):
            return category
    lowered = preferred_term.lower()
    for word, category in _KEYWORDS:
        if word in lowered:
            return category
    return "other"
