"""The text de-identification engine: recognizers -> merged spans -> operators.

Flow for one document:
1. ``TextView`` tells mixed-case text from ALL CAPS / all lower case.
2. spaCy runs only where it pays: NER on mixed-case documents (the small model is
   useless on ALL CAPS), the tokenizer plus scispaCy's AbbreviationDetector where the
   text defines abbreviations ("atrial fibrillation (AF)"), so those short forms stay.
3. Presidio-style recognizers (one per file in ``deid.recognizers``) propose spans;
   weak ones are vetoed by protected clinical vocabulary.
4. Overlapping spans merge; each span is replaced by its policy operator.
5. With known identifiers, a second pass reports any that survived (kinds and hashes).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import warnings
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import regex
import spacy
from presidio_analyzer import RecognizerResult

from deid.deadline import Deadline, DocumentTimeout
from deid.known_identifiers import KnownIdentifiers, compile_known, residual_identifiers
from deid.lexicons import Lexicons, load_lexicons
from deid.policy import Policy
from deid.pseudonyms import keyed_hash, patient_key
from deid.recognizers import default_recognizers
from deid.recognizers.age_recognizer import ages_after_names
from deid.recognizers.base import TextView, is_query
from deid.recognizers.hospital_recognizer import FACILITY_PATTERN, department_name
from deid.recognizers.id_number_recognizer import numbers_after_names
from deid.recognizers.known_identifier_recognizer import KnownIdentifierRecognizer
from deid.recognizers.name_tokens import adjoining_name_words, coordinated_names
from deid.recognizers.spacy_ner_recognizer import SpacyNerRecognizer
from deid.surrogates import PatientSurrogates, generalize_zip

ENGINE_VERSION = "0.1.0"
TAGS = {"PERSON": "NAME"}
# When spans of two labels overlap, the merged span takes the more specific label.
LABEL_PRIORITY = ["SSN", "MRN", "PHONE", "EMAIL", "URL", "IP_ADDRESS", "DATE", "AGE", "HOSPITAL",
                  "LOCATION", "ZIP", "PERSON", "CITY", "ACCOUNT", "HEALTH_PLAN", "LICENSE", "DEVICE_ID", "VEHICLE_ID", "ID"]
_ABBREVIATION_WINDOW = 4000  # characters per abbreviation-detector pass (see DeidEngine._abbreviations)
_HAS_DEFINITION = regex.compile(r"\w{3,}[^()\n]{0,80}\(\s*[A-Za-z][A-Za-z0-9-]{0,9}\s*\)")


# Entities whose distinctive words mark every other occurrence in the document.
_PROPAGATING = frozenset({"PERSON", "HOSPITAL", "CITY", "LOCATION"})
_NOT_PROPAGATING = frozenset({"hospital", "medical", "center", "clinic", "rehab", "memorial", "street", "avenue"})
_EPONYM_NOUN = regex.compile(
    r"(?:'s)?[ \t-]+(?:murmur|sign|syndrome|disease|procedure|operation|shunt|protocol|test|maneuver|manoeuvre|"
    r"catheter|classification|criteria|score|reflex|phenomenon|triad|node|block|anomaly|repair|valve|lesion|"
    r"ulcer|fracture|palsy|tetralogy|pattern|wave|sheath|stent|clip|pump|device|line)\b", regex.IGNORECASE)
_UNIT_TAIL = regex.compile(r"(?<=\p{L})[ \t]+(?-i:ER|ED|EW|ICU|CCU|CVICU|MICU|OR|PACU|ECHO)$")
_SENTENCE = regex.compile(r"[^\n.!?]+(?:[.!?]+|\n|$)")
_CAPITALISED = regex.compile(r"\b\p{Lu}\p{Ll}[\p{L}'-]*")


class DocumentFailed(Exception):
    """De-identification of one document failed; the message names the error type, never text."""


@dataclass
class Parsed:
    """spaCy's contribution for one text: NER docs of chosen sentences, defined abbreviations."""

    ner: list = field(default_factory=list)  # (offset into the text, Doc)
    abbreviations: list = field(default_factory=list)  # (start, end, short form lower-cased)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str
    score: float

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "label": self.label, "score": round(self.score, 3)}


@dataclass
class DeidResult:
    id: str
    text: str
    spans: list[Span]
    patient_key: str
    residual: list[dict] = field(default_factory=list)
    input_length: int = 0

    def to_json_line(self) -> str:
        """The ``deid-text`` output line (DESIGN.md contract): id, text, spans."""
        return json.dumps({"id": self.id, "text": self.text, "spans": [s.to_json() for s in self.spans]},
                          ensure_ascii=False) + "\n"

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for span in self.spans:
            counts[span.label] = counts.get(span.label, 0) + 1
        return counts


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    patient_id: str | None = None
    known: KnownIdentifiers = KnownIdentifiers()


@functools.lru_cache(maxsize=4)
def load_nlp(model: str):
    """The spaCy pipeline with only the components we use (NER) plus the abbreviation detector."""
    import scispacy.abbreviation  # noqa: F401  registers "abbreviation_detector"

    nlp = spacy.load(model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    nlp.add_pipe("abbreviation_detector", first=True)
    # the detector's optional global matcher has no patterns; spaCy warns on every doc
    warnings.filterwarnings("ignore", message=r"\[W036\]")
    return nlp


class DeidEngine:
    def __init__(self, policy: Policy, key: bytes, lexicons: Lexicons | None = None, nlp=None):
        self.policy = policy
        self._key = key
        base = lexicons or load_lexicons()
        protected = frozenset(policy.protected_terms)
        self.lexicons = dataclasses.replace(base, clinical=base.clinical | protected, curated=base.curated | protected) \
            if policy.protected_terms else base
        self.recognizers = default_recognizers(self.lexicons)
        self.ner = SpacyNerRecognizer(self.lexicons)
        self.known_recognizer = KnownIdentifierRecognizer(self.lexicons)
        self.nlp = nlp if nlp is not None else load_nlp(policy.spacy_model)

    @property
    def versions(self) -> dict[str, str]:
        meta = self.nlp.meta
        return {"engine": ENGINE_VERSION, "model": f"{meta.get('name')}-{meta.get('version')}",
                "spacy": spacy.__version__, "policy": self.policy.version, "policy_sha256": self.policy.sha256}

    # -- analysis -------------------------------------------------------------------------
    def _needs_ner(self, view: TextView) -> bool:
        return self.policy.use_ner and view.cased

    def analyze(self, text: str, known: KnownIdentifiers = KnownIdentifiers(), doc: "Parsed | None" = None,
                deadline: Deadline | None = None) -> list[Span]:
        deadline = deadline or Deadline(self.policy.time_budget_seconds)
        view = TextView.of(text)
        if doc is None:
            doc = self._parse([view])[0]
        results: list[RecognizerResult] = []
        for recognizer in self.recognizers:
            deadline.check()
            for result in recognizer.find(view, deadline):
                if recognizer.WEAK and self._protected(text[result.start:result.end], result, doc, text):
                    continue
                results.append(result)
        for offset, sentence_doc in doc.ner:
            results.extend(r for r in self.ner.find_in_doc(view, sentence_doc, offset)
                           if not self._protected(text[r.start:r.end], r, doc, text))
        if known:
            results.extend(self.known_recognizer.find_known(view, deadline, compile_known(known, self.lexicons)))
        deadline.check()
        kept = [r for r in results if r.score >= self.policy.min_score]
        kept.extend(r for r in coordinated_names(text, kept, self.ner.evidence, view.cased)
                    if not self._protected(text[r.start:r.end], r, doc, text))
        kept.extend(r for r in adjoining_name_words(text, kept, self.ner.evidence, view.cased, mostly_lower=view.mostly_lower)
                    if not self._protected(text[r.start:r.end], r, doc, text))
        kept.extend(numbers_after_names(text, kept))
        kept.extend(ages_after_names(text, kept))
        kept.extend(self._occurrences(text, self.distinctive_words(text, kept), deadline))
        return [_without_possessive(text, span) for span in merge_spans(kept)]

    def distinctive_words(self, text: str, found, min_score: float = 0.6, max_zipf: float = 3.5) -> dict[str, str]:
        """Rare, non-clinical words of names and places found with confidence: word -> label.

        Their other occurrences are PHI too ("Mr. Quillon ... quillon tolerated", "transfer to
        Ravensworth 3 ... RAVENSWORTH/CCU"): the context that identified the word once need not
        be repeated. Common words ("Rose", "Heart") do not propagate.
        """
        words: dict[str, str] = {}
        for item in found:
            label = getattr(item, "entity_type", None) or item.label
            if label not in _PROPAGATING or item.score < min_score:
                continue
            for word in regex.findall(r"\p{L}[\p{L}'-]{2,}", text[item.start:item.end]):
                lower = word.lower()
                if not self.lexicons.is_clinical(lower) and self.lexicons.zipf(lower) < max_zipf and lower not in _NOT_PROPAGATING:
                    words.setdefault(lower, label)
        return words

    @staticmethod
    def _occurrences(text: str, words: dict[str, str], deadline: Deadline) -> list[RecognizerResult]:
        if not words:
            return []
        pattern = regex.compile(r"(?<!\p{L})(?:" + "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
                                + r")(?!\p{L})", regex.IGNORECASE)
        return [RecognizerResult(words[m.group(0).lower()], m.start(), m.end(), 0.55,
                                 recognition_metadata={"recognizer_name": "RepeatedOccurrence"})
                for m in pattern.finditer(text, timeout=deadline.remaining())]

    def _department(self, words: list[str]) -> bool:
        """ "Heart Failure Clinic": a facility word after the name words of a service."""
        named = [w for w in words if not FACILITY_PATTERN.fullmatch(w) and w.lower() not in ("the", "of")]
        return len(named) < len(words) and department_name(named, self.lexicons)

    def _protected(self, span_text: str, result: RecognizerResult, doc, text: str = "") -> bool:
        words = regex.findall(r"\p{L}[\p{L}'-]*", span_text)  # whole words: "Matías" is not "Mat" + "as"
        proper_place = result.entity_type in ("CITY", "HOSPITAL") and len(words) > 1 and all(w[0].isupper() for w in words) \
            and not (result.entity_type == "HOSPITAL" and self._department(words))
        # a confident name slot ("Williams here,", "Hi Miller,") holds a capitalised Census name
        # that only the terminology's word list has; our curated terms stay vetoed ("Hi Holter team")
        named = bool(words) and result.entity_type == "PERSON" and result.score >= 0.7 and all(
            w[0].isupper() and not w.isupper() and self.lexicons.is_name(w) and not self.lexicons.is_curated_term(w)
            for w in words)
        # ... and a city abroad found after a place cue is a city, whatever word lists hold it ("from Stockholm")
        named = named or result.entity_type == "CITY" and result.score >= 0.7 \
            and span_text.lower() in self.lexicons.world_cities and not self.lexicons.is_curated_term(span_text)
        if not words or self.lexicons.is_clinical(span_text) and not named:
            return True
        if all(self.lexicons.is_clinical(w) for w in words) and not proper_place and not named:
            return True  # "Middle River" is a place even though "middle" and "river" are anatomy words
        if text and _EPONYM_NOUN.match(text, result.end):
            return True  # "Austin Flint murmur", "Graham Steell murmur": an eponym, not a person
        for start, end, short_form in doc.abbreviations:
            if start <= result.start and result.end <= end or span_text.strip().lower() == short_form:
                return True
        return False

    def _parse(self, views: list[TextView]) -> list["Parsed"]:
        """What spaCy contributes, computed only where needed and batched with nlp.pipe.

        NER runs on the sentences of mixed-case texts that hold a capitalised word no rule
        explains (not sentence-initial, not clinical vocabulary): that is where a name without
        a cue can hide, and it is a fraction of the text. The abbreviation detector runs on
        texts that define abbreviations.
        """
        parsed = [Parsed() for _ in views]
        jobs = [(i, offset, sentence) for i, view in enumerate(views) if self._needs_ner(view)
                for offset, sentence in self._ner_sentences(view.text)]
        ner_only = [name for name in self.nlp.pipe_names if name != "abbreviation_detector"]
        with self.nlp.select_pipes(enable=ner_only):
            for (i, offset, _), sentence_doc in zip(jobs, self.nlp.pipe((s for _, _, s in jobs), batch_size=64)):
                parsed[i].ner.append((offset, sentence_doc))
        for i, view in enumerate(views):
            if _HAS_DEFINITION.search(view.text):
                parsed[i].abbreviations = self._abbreviations(view.text)
        return parsed

    def _abbreviations(self, text: str) -> list[tuple[int, int, str]]:
        """scispaCy's definitions ("atrial fibrillation (AF)") and the short forms' occurrences, read window by
        window: its parenthesis matcher pairs every "(" with every later ")", so one pass over a long text
        full of parentheses is quadratic. A definition sits inside one sentence, and the veto also matches a
        short form by its text, so occurrences in other windows stay protected."""
        detector = self.nlp.get_pipe("abbreviation_detector")
        found = []
        for offset, window in _windows(text, _ABBREVIATION_WINDOW):
            if _HAS_DEFINITION.search(window):
                doc = detector(self.nlp.make_doc(window))
                found += [(offset + a.start_char, offset + a.end_char, a.text.lower()) for a in doc._.abbreviations]
        return found

    def _ner_sentences(self, text: str) -> Iterator[tuple[int, str]]:
        if is_query(text):  # a one-line query: read it whole, it costs little
            yield 0, text
            return
        for sentence in _SENTENCE.finditer(text):
            for word in _CAPITALISED.finditer(sentence.group(0)):
                token = word.group(0)
                if (word.start() == 0 or not sentence.group(0)[:word.start()].strip()) and not (
                        token.lower() in self.lexicons.first_names and self.lexicons.zipf(token) < 4.5):
                    continue  # sentence-initial capitals say little, unless a first name starts the sentence
                if not self.lexicons.is_clinical(token) and (self.lexicons.zipf(token) < 5.0 or self.lexicons.is_name(token)):
                    yield sentence.start(), sentence.group(0)
                    break

    # -- de-identification -----------------------------------------------------------------
    def deidentify(self, document: Document) -> DeidResult:
        return next(iter(self.deidentify_many([document])))

    def deidentify_many(self, documents: Iterable[Document],
                        batch_size: int = 32) -> Iterator[DeidResult | DocumentTimeout | DocumentFailed]:
        """De-identify in batches (one spaCy ``pipe`` call per batch); yields results in order.

        A document that exceeds its time budget yields its ``DocumentTimeout`` instead, one
        that fails otherwise a ``DocumentFailed``; the batch goes on.
        """
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Document]):
        """Analyze every document, share distinctive name/place words among the documents of one
        patient in the batch ("Mr. Quillon" in one note marks "quillon" in the next), then replace."""
        views = [TextView.of(d.text) for d in batch]
        docs = self._parse(views)
        analyzed: list = []
        patient_words: dict[str, dict[str, str]] = {}
        for document, doc in zip(batch, docs):
            deadline = Deadline(self.policy.time_budget_seconds)
            try:
                spans = self.analyze(document.text, document.known, doc=doc, deadline=deadline)
            except Exception as error:  # noqa: BLE001 - reported per document below
                analyzed.append((document, None, deadline, error))
                continue
            analyzed.append((document, spans, deadline, None))
            if document.patient_id is not None:
                # across notes only the surest finds travel: context-found, and rare in English
                patient_words.setdefault(document.patient_id, {}).update(
                    self.distinctive_words(document.text, spans, min_score=0.8, max_zipf=2.5))
        for document, spans, deadline, error in analyzed:
            try:
                if error is not None:
                    raise error
                shared = patient_words.get(document.patient_id) if document.patient_id is not None else None
                if shared:
                    extra = self._occurrences(document.text, shared, deadline)
                    if extra:
                        spans = merge_spans([RecognizerResult(s.label, s.start, s.end, s.score) for s in spans] + extra)
                yield self._replace_spans(document, spans)
            except DocumentTimeout as timeout:
                timeout.document_id = document.id
                yield timeout
            except TimeoutError:  # a regex ran out of the budget (the regex module's own error)
                timeout = deadline.expired()
                timeout.document_id = document.id
                yield timeout
            except Exception as error:  # noqa: BLE001 - one bad document must not stop the batch
                failed = DocumentFailed(f"internal error {type(error).__name__} while de-identifying")
                failed.document_id = document.id
                yield failed

    def _replace_spans(self, document: Document, spans: list[Span]) -> DeidResult:
        pseudonym = patient_key(self._key, document.patient_id or f"document:{document.id}")
        avoid = frozenset(document.known.names) | frozenset(
            w for n in document.known.names for w in n.split())
        surrogates = PatientSurrogates(self._key, pseudonym, self.lexicons, avoid)
        text = document.text
        pieces, cursor = [], 0
        for span in spans:
            pieces.append(text[cursor:span.start])
            pieces.append(self._replace(text[span.start:span.end], span.label, surrogates))
            cursor = span.end
        pieces.append(text[cursor:])
        output = "".join(pieces)
        residual = residual_identifiers(output, document.known, self.lexicons) if document.known else []
        return DeidResult(document.id, output, spans, pseudonym, residual, len(text))

    def _replace(self, original: str, label: str, surrogates: PatientSurrogates) -> str:
        operator = self.policy.operator_for(label)
        if operator == "keep":
            return original
        if operator == "redact":
            return ""
        if operator == "tag":
            return f"[{TAGS.get(label, label)}]"
        if operator == "hash":
            return keyed_hash(self._key, "hash", label, original.lower())[:16]
        return surrogate_for(original, label, surrogates)


def surrogate_for(original: str, label: str, surrogates: PatientSurrogates) -> str:
    if label == "PERSON":
        return surrogates.person(original)
    if label == "DATE":
        return surrogates.date(original) or "[DATE]"
    if label == "AGE":
        return surrogates.age(original)
    if label == "ZIP":
        return generalize_zip(original)
    if label == "HOSPITAL":
        return surrogates.hospital(original)
    if label == "CITY":
        return surrogates.city(original)
    if label == "LOCATION":
        return surrogates.street(original) if original[:1].isdigit() else surrogates.city(original)
    if label == "PHONE":
        return surrogates.phone(original)
    if label == "EMAIL":
        return surrogates.email(original)
    if label == "URL":
        return surrogates.url(original)
    if label == "IP_ADDRESS":
        return surrogates.ip(original)
    return surrogates.digits_like(label, original)


def _windows(text: str, size: int) -> Iterator[tuple[int, str]]:
    """The text in pieces of about ``size`` characters, cut after a line break (or a sentence end, or a
    space) so no sentence is split where a break is near; with each piece its offset."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(". ", start, end))
            if cut <= start + size // 2:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def _without_possessive(text: str, span: Span) -> Span:
    """ "Dr. Ilic's office": the name is "Ilic"; the possessive ending stays in the text. And
    "St. Anne Medical Center ER": the hospital is named, its emergency room or unit is not."""
    if span.label == "PERSON" and span.end - span.start > 3 and text[span.end - 2:span.end] in ("'s", "\u2019s", "'S"):
        return dataclasses.replace(span, end=span.end - 2)
    if span.label == "HOSPITAL":
        unit = _UNIT_TAIL.search(text, span.start, span.end)
        if unit and unit.start() > span.start:
            return dataclasses.replace(span, end=unit.start())
    return span


def merge_spans(results: list[RecognizerResult]) -> list[Span]:
    """Union overlapping spans; the merged span keeps the label of its longest member (the most
    specific label among equally long ones: "Via de Nogueira, 93, Rubino" is a street with an age
    inside it, not an age) and the top score."""
    ordered = sorted(results, key=lambda r: (r.start, -r.end))
    merged: list[list] = []
    for r in ordered:
        if merged and r.start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], r.end)
            last[2].append(r)
        else:
            merged.append([r.start, r.end, [r]])
    spans = []
    for start, end, members in merged:
        label = min(members, key=lambda m: (-(m.end - m.start), LABEL_PRIORITY.index(m.entity_type)
                                            if m.entity_type in LABEL_PRIORITY else len(LABEL_PRIORITY))).entity_type
        spans.append(Span(start, end, label, max(m.score for m in members)))
    return spans

