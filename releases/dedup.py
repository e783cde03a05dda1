"""Exact and near-duplicate removal (datasketch MinHash LSH) within and across splits.

Examples are visited train first, then validation, each in example-id order, and an example
is dropped when an earlier kept one of the same task has the same normalized text (exact) or
an estimated Jaccard similarity of word shingles at or above the threshold (near). So a
validation example that repeats a training one is the copy removed. Tasks are compared only
with themselves: one patient's record under four questions is not a duplicate.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from datasketch import MinHash, MinHashLSH

from releases.records import Example


def _normalized(example: Example) -> str:
    text = " ".join(m["content"] for m in example.messages if m["role"] != "system")
    return " ".join(text.lower().split())


def _minhash(text: str, shingle_words: int, num_perm: int) -> MinHash:
    words = text.split()
    shingles = {" ".join(words[i:i + shingle_words]) for i in range(max(1, len(words) - shingle_words + 1))}
    signature = MinHash(num_perm=num_perm, seed=1)
    signature.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return signature


def deduplicate(splits: dict[str, list[Example]], settings: dict) -> tuple[dict[str, list[Example]], Counter]:
    """Returns the kept examples per split and counts of removals (``exact`` / ``near`` per split)."""
    num_perm, shingle, threshold = int(settings.get("num_perm", 128)), int(settings.get("shingle_words", 5)), \
        float(settings.get("threshold", 0.9))
    seen: dict[str, set[str]] = {}
    indexes: dict[str, MinHashLSH] = {}
    kept_signatures: dict[str, dict[str, MinHash]] = {}   # LSH candidates are confirmed on the estimate
    kept: dict[str, list[Example]] = {}
    removed: Counter = Counter()
    for split in ("train", "validation"):
        kept[split] = []
        for example in sorted(splits.get(split, []), key=lambda e: e.example_id):
            text = _normalized(example)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            exact = seen.setdefault(example.task, set())
            if digest in exact:
                removed[f"{split}_exact"] += 1
                continue
            if example.task not in indexes:   # (building one solves for its band sizes: not per example)
                indexes[example.task] = MinHashLSH(threshold=threshold, num_perm=num_perm)
            index = indexes[example.task]
            signature = _minhash(text, shingle, num_perm)
            signatures = kept_signatures.setdefault(example.task, {})
            if any(signatures[other].jaccard(signature) >= threshold for other in index.query(signature)):
                removed[f"{split}_near"] += 1
                continue
            exact.add(digest)
            index.insert(example.example_id, signature)
            signatures[example.example_id] = signature
            kept[split].append(example)
    return kept, removed
