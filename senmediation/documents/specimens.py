"""Shared demo specimens: files the bulk demo generator stores once under a "demo-" name and points many
rows at. A real document is always stored under a random name (rendering.file_attach), so the name alone
tells a specimen apart."""

from __future__ import annotations

import posixpath

SHARED_SPECIMEN_PREFIX = "demo-"


def is_shared_specimen(name: str | None) -> bool:
    return bool(name) and posixpath.basename(str(name)).startswith(SHARED_SPECIMEN_PREFIX)
