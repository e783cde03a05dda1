"""What every reader shares: size limits, strict decoding, and errors that never quote content."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

# One clinical note or paper is kilobytes; beyond this it is a broken export, not a document.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# A JSONL/CSV delivery holds many notes and is streamed; this bounds one delivery.
MAX_DELIVERY_BYTES = 2 * 1024 * 1024 * 1024 - 1


@dataclass(frozen=True)
class ReadError:
    """A delivery (or one line of it) that could not be read. `reason` never holds content."""

    location: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.location}:{self.line}" if self.line else self.location
        return f"{where}: {self.reason}"


class UnreadableFile(Exception):
    """Raised inside readers; turned into a `ReadError` at the reader's edge."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_size(path: Path, limit: int) -> None:
    size = path.stat().st_size
    if size == 0:
        raise UnreadableFile("empty file")
    if size > limit:
        raise UnreadableFile(f"file is {size} bytes, over the {limit}-byte limit for this kind of delivery")


def decode(data: bytes, what: str = "file") -> str:
    """Strict UTF-8 (a BOM is allowed): binary garbage is refused, not guessed at."""
    if b"\x00" in data[:65536]:
        raise UnreadableFile(f"{what} holds NUL bytes: binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(f"{what} is not UTF-8 text (invalid byte at offset {error.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, limit: int = MAX_DOCUMENT_BYTES) -> str:
    check_size(path, limit)
    text = decode(path.read_bytes())
    if not text.strip():
        raise UnreadableFile("file holds only whitespace")
    return text
