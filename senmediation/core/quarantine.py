"""Files a virus scan flagged: kept out of the case, under a random name, for the provider to inspect."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)


def quarantine_root() -> Path:
    return Path(getattr(settings, "QUARANTINE_ROOT", "") or Path(settings.MEDIA_ROOT) / "quarantine")


def quarantine_store(*, file: Any, signature: str, where: str) -> Path:
    folder = quarantine_root()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / f"{uuid.uuid4().hex}.bin"
    file.seek(0)
    with open(target, "wb") as out:
        for chunk in iter(lambda: file.read(64 * 1024), b""):
            out.write(chunk)
    file.seek(0)
    target.chmod(0o600)
    logger.warning("Quarantined an upload from %s (%s) as %s", where, signature, target.name)
    return target
