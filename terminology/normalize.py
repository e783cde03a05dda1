"""One normal form for terms, shared by the store (aliases) and the extractor (text).

Both sides go through the same function, so "Arrhythmias", "arrhythmia" and
"ARRHYTHMIA" meet at one key. The plural rule is deliberately crude (strip one final
"s" unless the word ends in -ss/-us/-is/-ous): it only has to be the same on both sides,
not linguistically right ("pointes" and "pointe" both become "pointe"); the same holds for
the British spellings folded into American ones.
"""

from __future__ import annotations

import re

# one token: a run of letters/digits; apostrophes inside words are dropped ("Prinzmetal's")
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")
_KEEP_FINAL_S = ("ss", "us", "is", "ous", "ys")


def singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(_KEEP_FINAL_S):
        return word[:-1]
    return word


def normalize_word(word: str) -> str:
    """Lower case, singular, British digraphs as American ("ischaemia", "oedema" -> "ischemia", "edema")."""
    word = word.lower().replace("\u2019", "'").replace("'s", "").replace("'", "").replace("ae", "e").replace("oe", "e")
    return singular(word)


def normalize_term(text: str) -> str:
    """Lower case, punctuation as spaces, each word singular: the key of the alias dictionary."""
    return " ".join(normalize_word(w) for w in _WORD.findall(text))
