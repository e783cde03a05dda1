"""Terminology normalization (issue 4, not built yet): the concept store, validation of
coded data, and concept extraction from de-identified text (SNOMED CT, UMLS, ICD-10-CM,
LOINC, RxNorm).

May import: nothing from the other cardiocorpus packages.
"""
