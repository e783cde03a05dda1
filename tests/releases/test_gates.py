"""The cookbook format checks, offline token counting with its hash check, and the epoch/cost estimate."""

from __future__ import annotations

import socket

import pytest

from releases import tokens
from releases.format_checks import format_errors

GOOD = {"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "u"},
                     {"role": "assistant", "content": "a"}]}


@pytest.mark.parametrize("example, error", [
    # each malformed example trips exactly its own check
    (["not", "a", "dict"], "data_type"),
    ({"prompt": "old format"}, "missing_messages_list"),
    ({"messages": []}, "missing_messages_list"),
    ({"messages": [{"role": "user"}, {"role": "assistant", "content": "a"}]}, "message_missing_key"),
    ({"messages": [{"role": "user", "content": "u", "lang": "en"}, {"role": "assistant", "content": "a"}]},
     "message_unrecognized_key"),
    ({"messages": [{"role": "doctor", "content": "u"}, {"role": "assistant", "content": "a"}]}, "unrecognized_role"),
    ({"messages": [{"role": "user", "content": ""}, {"role": "assistant", "content": "a"}]}, "missing_content"),
    ({"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "u"}]},
     "example_missing_assistant_message"),
])
def test_each_format_check_catches_its_case(example, error):
    assert format_errors([GOOD, example, GOOD]) == {error: 1}


def test_valid_examples_have_no_errors():
    assert format_errors([GOOD] * 3) == {}


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse)


def test_o200k_base_is_built_offline_from_the_packaged_file(no_network, monkeypatch, tmp_path):
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "empty-cache"))
    tokens.o200k_base.cache_clear()
    encoding = tokens.o200k_base()
    assert encoding.name == "o200k_base" and encoding.n_vocab > 199_000
    ids = encoding.encode("Atrial fibrillation on apixaban 5 mg.")
    assert encoding.decode(ids) == "Atrial fibrillation on apixaban 5 mg." and 3 < len(ids) < 15
    # the cookbook's count: 3 per message + content tokens + 3 to prime the reply
    messages = [{"role": "user", "content": "hello"}, {"role": "assistant", "content": "hi"}]
    expected = 3 + sum(3 + len(encoding.encode(m["role"])) + len(encoding.encode(m["content"])) for m in messages)
    assert tokens.example_tokens(messages, encoding) == expected
    assert not (tmp_path / "empty-cache").exists()


def test_a_bpe_file_with_another_hash_is_refused(monkeypatch):
    original = tokens.bpe_file_bytes()
    assert tokens.hashlib.sha256(original).hexdigest() == tokens.O200K_SHA256
    assert tokens.O200K_SHA256.startswith("446a9538") and tokens.O200K_SHA256.endswith("1a2d")
    monkeypatch.setattr(tokens, "bpe_file_bytes", lambda: original[:-10] + b"AAAA 12\n")
    tokens.o200k_base.cache_clear()
    with pytest.raises(tokens.TokenizerFileError, match="sha256"):
        tokens.o200k_base()
    tokens.o200k_base.cache_clear()


@pytest.mark.parametrize("examples, epochs", [(10, 10), (50, 3), (20_000, 1)])
def test_epochs_follow_the_cookbook_heuristic(examples, epochs):
    estimate = {"target_epochs": 3, "min_target_examples": 100, "max_target_examples": 25000,
                "min_default_epochs": 1, "max_default_epochs": 25, "usd_per_million_training_tokens": 2.0}
    result = tokens.epochs_and_cost([200] * examples, estimate, max_tokens=150)
    assert result["epochs"] == epochs
    assert result["billed_tokens"] == 150 * examples * epochs   # capped at the per-example limit
    assert result["estimated_usd"] == pytest.approx(150 * examples * epochs * 2.0 / 1e6, abs=1e-4)
