"""Regex safety and time budgets: pathological text finishes; an exhausted budget quarantines."""

import pytest

from deid import DeidResult, Document, Policy
from deid.deadline import DocumentTimeout

PATHOLOGICAL = {
    "titles": "DR. " * 50_000,
    "hyphens": "A-" * 100_000,
    "names": "JOHN SMITH " * 20_000,
    "mixed separators": "DR. J. SMITH-JONES, MD; " * 8_500,
    "initials": "J. K. " * 34_000,
    "digits and slashes": "1/2/3-4-5 " * 20_000,
    "mixed case (spaCy NER runs)": "Dr. John Smith, MD " * 10_500,
}


@pytest.fixture(scope="module")
def generous_engine(make_engine, tmp_path_factory):
    import yaml
    from importlib import resources

    data = yaml.safe_load(resources.files("deid.policies").joinpath("default.yaml").read_text(encoding="utf-8"))
    data["time_budget_seconds"] = 60
    path = tmp_path_factory.mktemp("policy") / "budget60.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return make_engine(Policy.load(path))


@pytest.mark.parametrize("kind", PATHOLOGICAL)
def test_pathological_text_finishes_within_its_budget(generous_engine, kind):
    text = PATHOLOGICAL[kind]
    assert len(text) >= 190_000
    results = list(generous_engine.deidentify_many([Document(f"path-{kind}", text, "patient-path")]))
    assert len(results) == 1
    assert isinstance(results[0], DeidResult), "timed out"
    assert results[0].id == f"path-{kind}"


def test_tiny_budget_yields_a_timeout_without_the_text(write_policy, make_engine):
    engine = make_engine(Policy.load(write_policy(time_budget_seconds=0.000001)))
    text = "Husband Ambrose Fairweather called 410-555-0134 on 3/14/2023. " * 50
    docs = [Document("slow-1", text, "patient-slow"), Document("slow-2", text, "patient-slow")]
    results = list(engine.deidentify_many(docs))
    assert [type(r) for r in results] == [DocumentTimeout, DocumentTimeout]
    assert [r.document_id for r in results] == ["slow-1", "slow-2"]
    for timeout in results:
        message = str(timeout)
        assert message
        for phi in ("Ambrose", "Fairweather", "410-555-0134", "3/14/2023", "Husband"):
            assert phi not in message


def test_no_budget_means_no_timeout(write_policy, make_engine):
    engine = make_engine(Policy.load(write_policy(time_budget_seconds=None)))
    result = engine.deidentify(Document("unbounded", "Seen by Dr. Quintero.", "patient-unbounded"))
    assert isinstance(result, DeidResult) and "Quintero" not in result.text


def test_regex_timeout_quarantines_the_document_and_the_batch_goes_on(write_policy, make_engine):
    # with a 0.05 s budget a regex runs out of time (the regex module raises the built-in
    # TimeoutError); that document is quarantined, the next one is still de-identified
    engine = make_engine(Policy.load(write_policy(time_budget_seconds=0.05)))
    docs = [Document("long-caps", "CORNELIUS PEMBERTON " * 20_000, "patient-budget"),
            Document("short", "Dr. Quintero saw the patient.", "patient-budget")]
    results = list(engine.deidentify_many(docs))
    assert [type(r) for r in results] == [DocumentTimeout, DeidResult]
    assert results[0].document_id == "long-caps"
    message = str(results[0])
    assert message and "CORNELIUS" not in message and "PEMBERTON" not in message
    assert results[1].id == "short" and "Quintero" not in results[1].text


def test_regex_timeout_error_from_a_recognizer_becomes_a_document_timeout(write_policy, make_engine, monkeypatch):
    engine = make_engine(Policy.load(write_policy(time_budget_seconds=30)))

    def find(view, deadline):
        raise TimeoutError("regex timed out")  # what the regex module raises

    monkeypatch.setattr(engine.recognizers[0], "find", find)
    results = list(engine.deidentify_many([Document("regex-timeout", "Dr. Quintero saw the patient.")]))
    assert len(results) == 1 and isinstance(results[0], DocumentTimeout)
    assert results[0].document_id == "regex-timeout"
    assert "Quintero" not in str(results[0])


def test_long_run_of_spaces_finishes_within_a_short_budget(write_policy, make_engine):
    engine = make_engine(Policy.load(write_policy(time_budget_seconds=5)))
    text = "Seen by Dr. Quintero. Plan:" + " " * 20_000 + "continue Lasix. Marisol Quintero, MD"
    results = list(engine.deidentify_many([Document("spaces", text, "patient-spaces")]))
    assert len(results) == 1 and isinstance(results[0], DeidResult), "timed out"
    assert "Quintero" not in results[0].text
