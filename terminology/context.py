"""Context flags of mentions: negated, historical, family, hypothetical, uncertain.

Why negspacy and not medspacy's ConText: medspacy is not installed because installing it
would downgrade spaCy below the version the rest of the project (and the model) runs on.
negspacy 1.1.0 runs on our spaCy, and its ``Negex`` component is a generic trigger engine
(pseudo triggers, preceding/following triggers, terminators, scoped to the sentence), so one
instance per flag, each with its own term set and Span extension, gives ConText-style
categories without a second framework. negspacy's own clinical term set drives ``negated``;
the other four term sets are ours (below), in the spirit of ConText's default rules.

Limits (what it does NOT do): a trigger anywhere earlier in the sentence (up to a
terminator such as "but" or "however") flags every later mention; there is no window
length and no dependency parse, so long lists after one "no" are all negated, which is
usually right in notes and sometimes wrong in papers.
"""

from __future__ import annotations

from negspacy.termsets import termset

FLAGS = ("negated", "historical", "family", "hypothetical", "uncertain")
SPAN_KEY = "concepts"

_TERMINATION = ["but", "however", "although", "though", "except", "apart from", "aside from", "which",
                "presents with", "presenting with", "presented with", "now", "currently", "today", ";"]

_HISTORICAL = {
    "pseudo_negations": ["family history of", "family history", "history and physical", "history of present illness",
                         "no history of", "no prior"],
    "preceding_negations": ["history of", "h/o", "hx of", "past medical history", "pmh", "previous", "prior",
                            "status post", "s/p", "remote", "old", "in the past", "past history of",
                            "had a", "had an", "recovered from", "resolved", "former"],
    "following_negations": ["in the past", "years ago", "months ago", "in childhood", "previously", "resolved",
                            "in remission"],
    "termination": _TERMINATION,
}
_FAMILY = {
    "pseudo_negations": ["family history negative", "noncontributory"],
    "preceding_negations": ["family history of", "family history", "fh of", "fhx", "mother", "father", "brother",
                            "sister", "sibling", "siblings", "parents", "parent", "grandmother", "grandfather",
                            "aunt", "uncle", "cousin", "maternal", "paternal", "his son", "her son",
                            "his daughter", "her daughter", "first-degree relative", "relatives"],
    "following_negations": ["in his father", "in her father", "in his mother", "in her mother", "in the family",
                            "runs in the family", "in a sibling", "in his brother", "in her sister"],
    "termination": _TERMINATION + ["patient", "she", "he"],
}
_HYPOTHETICAL = {
    "pseudo_negations": ["if any", "even if", "as if"],
    "preceding_negations": ["if", "should", "in case of", "in the event of", "risk of", "at risk for",
                            "at risk of", "to prevent", "prevent", "prevention of", "prophylaxis", "prophylaxis of",
                            "return if", "watch for", "monitor for", "call if", "in order to avoid", "avoid",
                            "reduce the risk of", "could cause", "can cause", "may cause", "precautions"],
    "following_negations": ["prophylaxis", "precautions", "risk"],
    "termination": _TERMINATION,
}
_UNCERTAIN = {
    "pseudo_negations": ["no doubt", "without doubt"],
    "preceding_negations": ["possible", "possibly", "probable", "probably", "likely", "suspected", "suspect",
                            "suspicion of", "suspicious for", "questionable", "question of", "rule out",
                            "r/o", "may have", "might have", "cannot exclude", "cannot rule out",
                            "concern for", "concerning for", "differential diagnosis", "versus", "vs",
                            "presumed", "equivocal", "borderline"],
    "following_negations": ["is suspected", "was suspected", "cannot be excluded", "cannot be ruled out",
                            "is possible", "is likely", "is questionable", "?", "vs", "versus"],
    "termination": _TERMINATION,
}


# negspacy's clinical set has few post-mention triggers; these are common in notes
_MORE_FOLLOWING_NEGATIONS = ["not seen", "is not seen", "was not seen", "not present", "is absent", "was absent",
                             "not identified", "not detected", "not demonstrated"]


def negation_termset() -> dict[str, list[str]]:
    """negspacy's clinical term set plus a few following triggers."""
    terms = {key: list(values) for key, values in termset("en_clinical").get_patterns().items()}
    terms["following_negations"] += [t for t in _MORE_FOLLOWING_NEGATIONS if t not in terms["following_negations"]]
    return terms


def context_termsets() -> dict[str, dict[str, list[str]]]:
    return {"negated": negation_termset(), "historical": _HISTORICAL, "family": _FAMILY,
            "hypothetical": _HYPOTHETICAL, "uncertain": _UNCERTAIN}


def add_context_pipes(nlp) -> None:
    """One negspacy ``negex`` pipe per flag, reading the mentions in ``doc.spans["concepts"]``."""
    import negspacy.negation  # noqa: F401  registers the "negex" factory

    for flag, terms in context_termsets().items():
        nlp.add_pipe("negex", name=f"context_{flag}",
                     config={"neg_termset": terms, "extension_name": f"cc_{flag}", "span_keys": [SPAN_KEY]})
