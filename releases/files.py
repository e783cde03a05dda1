"""Writing and reading the release files: sorted, no timestamps, so the same inputs give the same bytes."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from audit.chain import sha256_file

MANIFEST = "manifest.json"


def json_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_jsonl(path: Path, records) -> int:
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json_line(record))
            count += 1
    return count


def read_jsonl(path: Path) -> list:
    """Parsed lines; a line that is not JSON becomes ``None`` (the format check counts it)."""
    records = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError:
                    records.append(None)
    return records


def write_chat_parquet(path: Path, records: list[dict]) -> None:
    """The same examples as the JSONL, one row per example, ``messages`` a list of {role, content}."""
    message = pl.Struct({"role": pl.String, "content": pl.String})
    frame = pl.DataFrame({"messages": [r["messages"] for r in records]}, schema={"messages": pl.List(message)})
    frame.write_parquet(path, compression="zstd", statistics=False)


def write_manifest(directory: Path, manifest: dict) -> None:
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (directory / MANIFEST).write_text(text, encoding="utf-8")


def read_manifest(directory: Path) -> dict:
    return json.loads((directory / MANIFEST).read_text(encoding="utf-8"))


def file_entry(path: Path, records: int | None) -> dict:
    entry = {"sha256": sha256_file(path), "bytes": path.stat().st_size}
    if records is not None:
        entry["records"] = records
    return entry
