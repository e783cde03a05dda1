"""Policies: operators per entity (surrogate, tag, redact, hash, keep) and the policy hash."""

import pytest
import regex

from deid import Document, Policy
from deid.policy import PolicyError

TEXT = "Dr. Quintero called 410-555-0134 about MRN 4481920 on 3/14/2023."


@pytest.fixture
def custom_engine(write_policy, make_engine):
    path = write_policy(operators={"PERSON": "tag", "PHONE": "redact", "MRN": "hash", "DATE": "keep"})
    return make_engine(Policy.load(path))


def test_operators_from_a_custom_policy(custom_engine):
    result = custom_engine.deidentify(Document("ops", TEXT, "patient-ops"))
    match = regex.fullmatch(r"Dr\. \[NAME\] called  about MRN (?P<hash>[0-9a-f]{16}) on 3/14/2023\.", result.text)
    assert match, result.text
    assert [s.label for s in result.spans] == ["PERSON", "PHONE", "MRN", "DATE"]


def test_hash_operator_is_keyed_and_consistent(custom_engine, write_policy, make_engine):
    first = custom_engine.deidentify(Document("h1", "MRN 4481920 on file.", "patient-a")).text
    second = custom_engine.deidentify(Document("h2", "Old MRN: 4481920", "patient-b")).text
    hash_one = regex.search(r"[0-9a-f]{16}", first).group(0)
    assert hash_one in second  # the same value hashes the same way everywhere
    other_key = make_engine(custom_engine.policy, b"another-test-key")
    assert hash_one not in other_key.deidentify(Document("h1", "MRN 4481920 on file.", "patient-a")).text
    assert "4481920" not in first


def test_tag_uses_the_entity_name(write_policy, make_engine):
    engine = make_engine(Policy.load(write_policy(default_operator="tag", operators={
        entity: "tag" for entity in ("PERSON", "DATE", "PHONE", "MRN", "EMAIL")})))
    result = engine.deidentify(Document("t", "Dr. Quintero, 3/14/2023, q.f@example.org", "p"))
    assert result.text == "Dr. [NAME], [DATE], [EMAIL]"


def test_default_policy_uses_surrogates(engine):
    result = engine.deidentify(Document("s", TEXT, "patient-ops"))
    assert "[" not in result.text
    for original in ("Quintero", "410-555-0134", "4481920", "3/14/2023"):
        assert original not in result.text
    assert regex.fullmatch(r"Dr\. [A-Z][a-z]+ called \d{3}-555-\d{4} about MRN \d{7} on \d{1,2}/\d{1,2}/\d{4}\.",
                           result.text), result.text


def test_policy_hash_changes_with_the_policy(write_policy, default_policy):
    base = Policy.load(write_policy("a.yaml"))
    same = Policy.load(write_policy("b.yaml"))
    changed = Policy.load(write_policy("c.yaml", operators={"PERSON": "tag"}))
    budget = Policy.load(write_policy("d.yaml", time_budget_seconds=5))
    assert regex.fullmatch(r"[0-9a-f]{64}", base.sha256)
    assert base.sha256 == same.sha256 == default_policy.sha256
    assert len({base.sha256, changed.sha256, budget.sha256}) == 3


def test_policy_hash_is_in_the_engine_versions(engine, write_policy, make_engine):
    other = make_engine(Policy.load(write_policy(operators={"DATE": "redact"})))
    assert engine.versions["policy_sha256"] == engine.policy.sha256
    assert other.versions["policy_sha256"] != engine.versions["policy_sha256"]


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"operators": {"PERSON": "scramble"}}, "operators.PERSON"),
        ({"operators": {"FAVOURITE_COLOUR": "tag"}}, "unknown entities"),
        ({"name": ""}, "name"),
    ],
)
def test_malformed_policies_are_refused(tmp_path, fields, message):
    import yaml

    data = {"name": "test", "version": "1", **fields}
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(PolicyError, match=message):
        Policy.load(path)
