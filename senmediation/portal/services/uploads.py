"""Checking a child's drawing by what the file is, not by what it is called."""

from __future__ import annotations

from typing import Any

from senmediation.core.errors import ServiceError

MAX_BYTES = 5 * 1024 * 1024
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"%PDF-", "application/pdf", ".pdf"),
)


def upload_check(upload: Any) -> str:
    """The file's real type (PNG, JPEG or PDF, read from its first bytes), or a ServiceError."""
    if upload.size > MAX_BYTES:
        raise ServiceError("The file must be smaller than 5MB", field="drawing")
    if upload.size == 0:
        raise ServiceError("The file is empty", field="drawing")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, mimetype, _ in MAGIC:
        if head.startswith(magic):
            return mimetype
    raise ServiceError("The file must be a PNG, JPG or PDF", field="drawing")
