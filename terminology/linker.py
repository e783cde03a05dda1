"""scispaCy's ``CandidateGenerator`` over our own knowledge base: char 3-gram TF-IDF + nmslib.

scispaCy 0.6.2's ``create_tfidf_ann_index`` refuses scipy >= 1.11 and its prebuilt UMLS
indexes are downloads, so the vectorizer (scikit-learn) and the HNSW index (nmslib) are
built here from the store's aliases and handed to ``CandidateGenerator``, which then does
exactly what it does for the UMLS linker: vectorize mention strings, query the index, map
alias hits back to concept ids with their similarities.

Concept ids are ``"SYSTEM:code"``. Only disorders and findings are indexed: the fuzzy
linker is for disease and symptom mentions; drugs, labs and procedures are matched exactly.
Building takes a few seconds for the shipped store and is cached in memory per store hash.
It does NOT decide where mentions are: the extractor proposes spans, this ranks concepts.
"""

from __future__ import annotations

from dataclasses import dataclass

import os

import numpy


def _import_nmslib_quietly():
    """nmslib's wheel prints a CPU-features notice to the C stderr on import; keep CLI stderr for errors."""
    saved, devnull = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        import nmslib
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
    return nmslib


nmslib = _import_nmslib_quietly()
from scispacy.candidate_generation import CandidateGenerator
from scispacy.linking_utils import Entity, KnowledgeBase
from sklearn.feature_extraction.text import TfidfVectorizer

from terminology.normalize import normalize_term
from terminology.store import ConceptStore

FUZZY_TYPES = ("disorder", "finding")


@dataclass(frozen=True)
class Candidate:
    concept_id: str
    alias: str
    similarity: float


def concept_id(system: str, code: str) -> str:
    return f"{system}:{code}"


def split_concept_id(value: str) -> tuple[str, str]:
    system, _, code = value.partition(":")
    return system, code


def _entities(store: ConceptStore) -> list[Entity]:
    wanted = store.concepts.filter(store.concepts["semantic_type"].is_in(FUZZY_TYPES))
    names = {(s, c): t for s, c, t in wanted.select("system", "code", "preferred_term").iter_rows()}
    aliases: dict[tuple[str, str], set[str]] = {}
    for system, code, term, kind in store.terms.select("system", "code", "term", "kind").iter_rows():
        if (system, code) in names and kind != "abbreviation" and len(term) > 3:
            aliases.setdefault((system, code), set()).add(normalize_term(term))
    return [Entity(concept_id(*key), normalize_term(names[key]), sorted(a for a in aliases.get(key, ()) if a))
            for key in sorted(names)]


def build_candidate_generator(store: ConceptStore) -> CandidateGenerator:
    kb = KnowledgeBase(_entities(store))  # the store's concepts, aliases in normal form
    aliases = sorted(kb.alias_to_cuis)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 3), min_df=1, dtype=numpy.float32)
    vectors = vectorizer.fit_transform(aliases)
    index = nmslib.init(method="hnsw", space="cosinesimil_sparse", data_type=nmslib.DataType.SPARSE_VECTOR)
    index.addDataPointBatch(vectors)
    # small KB: M/efConstruction far below scispaCy's UMLS settings still give exact-like recall
    index.createIndex({"M": 30, "indexThreadQty": 1, "efConstruction": 200, "post": 0})
    index.setQueryTimeParams({"efSearch": 200})
    return CandidateGenerator(ann_index=index, tfidf_vectorizer=vectorizer, ann_concept_aliases_list=aliases, kb=kb)


_GENERATORS: dict[str, CandidateGenerator] = {}  # by store hash: built once per process


def _cached(store: ConceptStore) -> CandidateGenerator:
    if store.sha256 not in _GENERATORS:
        _GENERATORS[store.sha256] = build_candidate_generator(store)
    return _GENERATORS[store.sha256]


class FuzzyLinker:
    """Best concept for a mention string by char 3-gram cosine similarity."""

    def __init__(self, store: ConceptStore):
        self.generator = _cached(store)

    def best(self, mentions: list[str], k: int = 10) -> list[Candidate | None]:
        results: list[Candidate | None] = []
        for candidates in self.generator([normalize_term(m) for m in mentions], k):
            best = None
            for candidate in candidates:
                for alias, similarity in zip(candidate.aliases, candidate.similarities):
                    if best is None or (similarity, -len(alias)) > (best.similarity, -len(best.alias)):
                        best = Candidate(candidate.concept_id, alias, float(similarity))
            results.append(best)
        return results
