"""The invented clinical-query generator of benchmarks/deid_query_eval.py: templates parse, gold
spans are exactly the filled values, and a seed gives the same queries. No engine is loaded."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
# the tuning file, and the held-out ones (for checking only)
TEMPLATE_FILES = ["clinical_query_templates.txt", "clinical_query_templates_holdout.txt",
                  "clinical_query_templates_holdout2.txt", "clinical_query_templates_holdout3.txt",
                  "clinical_query_templates_tuning2.txt", "clinical_query_templates_holdout4.txt"]


@pytest.fixture(scope="module")
def query_eval():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("deid_query_eval", BENCHMARKS / "deid_query_eval.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.fixture(scope="module")
def queries(query_eval):
    return query_eval.generate(n=300, seed=7)


@pytest.mark.parametrize("name", TEMPLATE_FILES)
def test_every_template_parses(query_eval, name):
    templates = query_eval.load_templates(BENCHMARKS / "data" / name)
    assert len(templates) >= 150
    assert len(set(templates)) == len(templates)
    problems = {t: p for t in templates if (p := query_eval.check_template(t))}
    assert problems == {}


@pytest.mark.parametrize("template, problem", [
    ("Pt {LAST, 78M", "unbalanced braces"),
    ("Pt {LAST}} 78M", "unbalanced braces"),
    ("Pt {NAME} 78M", "unknown placeholder NAME"),
    ("Pt {last} 78M", "malformed placeholder"),
    ("Pt 78M, EF 35%", "no placeholder"),
])
def test_check_template_catches(query_eval, template, problem):
    assert problem in query_eval.check_template(template)


@pytest.mark.parametrize("name", TEMPLATE_FILES)
def test_gold_spans_are_the_filled_values(query_eval, name):
    templates = query_eval.load_templates(BENCHMARKS / "data" / name)
    for record in query_eval.generate(n=300, seed=7, templates=templates):
        text, spans = record["text"], record["spans"]
        template = templates[record["template"]]
        assert [s["kind"] for s in spans] == query_eval.PLACEHOLDER.findall(template)
        for span in spans:
            value = text[span["start"]:span["end"]]
            assert value and value == value.strip(), (record["id"], span)
            assert span["label"] == query_eval.LABELS[span["kind"]]
        # the text outside the spans is the template's literal text (titles of {TITLE_LAST} aside)
        literal, last = [], 0
        for span in spans:
            literal.append(text[last:span["start"]])
            last = span["end"]
        literal.append(text[last:])
        rebuilt = "".join(part + "{" + s["kind"] + "}" for part, s in zip(literal, spans)) + literal[-1]
        rebuilt = query_eval.regex.sub(r"(?:Dr\.?|Doctor|Mrs\.|Mr\.|Ms\.|Miss|Prof\.) \{TITLE_LAST\}", "{TITLE_LAST}",
                                       rebuilt, flags=query_eval.regex.IGNORECASE)
        assert rebuilt == template, record["id"]


def test_value_shapes(query_eval, queries):
    spans = [(r["text"][s["start"]:s["end"]], s["kind"]) for r in queries for s in r["spans"]]
    ages = [int(v) for v, k in spans if k == "AGE90"]
    assert ages and all(age > 89 for age in ages)
    assert all("@" in v for v, k in spans if k == "EMAIL")
    assert all(sum(c.isdigit() for c in v) >= 6 for v, k in spans if k in ("MRN", "PHONE", "SSN"))
    # many locales, and lower / upper case templates get lower / upper case names somewhere
    assert len({r["locale"] for r in queries}) >= 10
    names = [(r["case"], r["text"][s["start"]:s["end"]]) for r in queries for s in r["spans"] if s["label"] == "PERSON"]
    assert any(case == "upper" and v.isupper() for case, v in names)
    assert any(case == "lower" and v.islower() for case, v in names)


def test_deterministic_for_a_seed(query_eval, queries):
    assert query_eval.generate(n=300, seed=7) == queries
    assert query_eval.generate(n=300, seed=8) != queries
