"""The data card (README.md): Hugging Face-style YAML front matter, then what a training team must know."""

from __future__ import annotations

import yaml


def _size_category(n: int) -> str:
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < limit:
            return label
    return "n>1M"


def data_card(name: str, version: str, counts: dict, facts: dict) -> str:
    total = counts.get("train", 0) + counts.get("validation", 0)
    front = {
        "pretty_name": f"{name} {version}",
        "language": ["en"],
        "license": "other",
        "license_details": "De-identified clinical data: use only under the data use agreement of the releasing "
                           "organization. Paper texts keep their own licences (see the store's paper metadata).",
        "task_categories": ["text-generation", "question-answering"],
        "tags": ["cardiology", "clinical", "de-identified", "fine-tuning", "openai-chat-format"],
        "size_categories": [_size_category(total)],
        "configs": [{"config_name": "chat", "data_files": [{"split": "train", "path": "train.jsonl"},
                                                            {"split": "validation", "path": "validation.jsonl"}]},
                    {"config_name": "corpus", "data_files": [{"split": "train", "path": "corpus.jsonl"}]}],
        "privacy": {
            "de_identification": "HIPAA Safe Harbor identifiers and clinicians' names removed or replaced by "
                                 "surrogates; dates shifted per patient; patients and documents under keyed "
                                 "pseudonyms",
            "policy_version": facts["policy_versions"],
            "key_fingerprint": facts["key_fingerprint"],
            "residual_identifier_check": "every member document re-scanned for its patient's known identifiers; "
                                         "certification requires 0",
            "re_identification": "prohibited",
        },
        "intended_use": "supervised fine-tuning and continued pre-training of cardiology language models inside "
                        "the organization's controlled environment",
        "out_of_scope_use": "re-identification, linkage with other data about the patients, clinical decisions "
                            "about individual patients, redistribution outside the data use agreement",
    }
    task_lines = "\n".join(f"| {task} | {n} |" for task, n in sorted(counts.items()) if task.startswith("task:"))
    body = f"""
# {name} {version}

Cardiology chat examples in the OpenAI fine-tuning format (`{{"messages": [system, user, assistant]}}`)
and a plain-text corpus for continued pre-training, built from the de-identified corpus store.
Every answer is derived from de-identified data (mentions, clinical tables, the papers' own text),
none is written by hand or by a model.

## Files

- `train.jsonl`, `validation.jsonl` ({counts.get('train', 0)} and {counts.get('validation', 0)} examples), and the same
  as `train.parquet`, `validation.parquet`
- `corpus.jsonl`: {counts.get('corpus', 0)} de-identified documents (`id`, `kind`, `text`), training patients only
- `lineage.jsonl`: per example its split, task, pseudonymous document and clinical row ids
- `openai_job.json`: file names and hyperparameters for a fine-tuning job
- `manifest.json`: each file's sha256 and count, policy, terminology and model versions, key fingerprint,
  config hash and the audit events the inputs came from

## Tasks

| task | examples |
| --- | --- |
{task_lines}

## How it was split and checked

Split by patient with a keyed hash (papers without a patient by document id): no patient is in
both splits, and the corpus holds no validation patient's document. Exact and near duplicates
(MinHash, Jaccard >= {facts['dedup_threshold']}) were removed within and across splits. The
examples pass the OpenAI cookbook's format checks; examples over {facts['max_tokens']} tokens
(o200k_base) were left out. Estimated training: {facts['estimate']['epochs']} epochs,
{facts['estimate']['billed_tokens']} billed tokens, about USD {facts['estimate']['estimated_usd']} at
the configured price for {facts['estimate']['model']}.

Certification (residual identifiers 0, no patient overlap, valid format, intact audit chain, a
steward's sign-off) is recorded in the corpus store's audit log, not here: see
`cardiocorpus datasets show {name} --version {version}`. Only certified releases can be pulled.

## Limits

De-identification is measured, not guaranteed. Dates are shifted, so intervals within a patient
hold but calendar dates do not. Problem lists come from automatic concept extraction and can
miss or mis-code findings.
"""
    return "---\n" + yaml.safe_dump(front, sort_keys=True, allow_unicode=True) + "---\n" + body
