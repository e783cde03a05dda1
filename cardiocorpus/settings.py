"""Where state lives (``$CARDIOCORPUS_HOME``) and the one secret key (DESIGN.md, "Keys").

The key comes from ``CARDIOCORPUS_SECRET_KEY``; if unset it is generated once into
``$CARDIOCORPUS_HOME/secret.key`` (mode 0600) with a warning. The key's value is never
logged or printed; only its fingerprint is.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

log = logging.getLogger(__name__)
KEY_ENV = "CARDIOCORPUS_SECRET_KEY"


def home() -> Path:
    path = Path(os.environ.get("CARDIOCORPUS_HOME", ".cardiocorpus")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key() -> bytes:
    value = os.environ.get(KEY_ENV)
    if value:
        return value.encode("utf-8")
    path = home() / "secret.key"
    if not path.exists():
        log.warning("%s is not set: generated a new key in %s (keep it; other keys give other pseudonyms)",
                    KEY_ENV, path)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip().encode("utf-8")
