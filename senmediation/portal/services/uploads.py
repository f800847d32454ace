"""Checking a file a party sends (a child's drawing, a receipt) by what it is, not by what it is called."""

from __future__ import annotations

from typing import Any

from senmediation.core.clamd import ScanUnavailable, clamd_configured, clamd_scan
from senmediation.core.errors import ServiceError
from senmediation.core.files import pdf_refusal, sniff_mimetype
from senmediation.core.quarantine import quarantine_store

MAX_BYTES = 5 * 1024 * 1024
ALLOWED = frozenset({"image/png", "image/jpeg", "application/pdf"})


def upload_check(upload: Any, *, field: str = "drawing", without: str = "send your views without a file") -> str:
    """The file's real type (PNG, JPEG or PDF, read from its first bytes), or a ServiceError naming `field`."""
    if upload.size > MAX_BYTES:
        raise ServiceError("The file must be smaller than 5MB", field=field)
    if upload.size == 0:
        raise ServiceError("The file is empty", field=field)
    mimetype = sniff_mimetype(upload)
    if mimetype not in ALLOWED:
        raise ServiceError("The file must be a PNG, JPG or PDF", field=field)
    if mimetype == "application/pdf" and (refusal := pdf_refusal(upload)) is not None:
        raise ServiceError(refusal, field=field)
    if clamd_configured():
        try:
            result = clamd_scan(upload)
        except ScanUnavailable as problem:
            raise ServiceError(
                f"We cannot check files for viruses just now. Try again later, or {without}",
                field=field,
            ) from problem
        if result.infected:
            quarantine_store(file=upload, signature=result.signature, where="a party's secure link")
            raise ServiceError(
                "Our virus check found a problem with this file, so we cannot accept it. Try a different file",
                field=field,
            )
    return mimetype
