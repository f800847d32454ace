"""Reading an issued certificate back exactly as it was stored, and refusing one that was altered.

Issuing (certificates.py) and sending (sending.py) both need this, so it sits below both of them."""

from __future__ import annotations

from senmediation.core.errors import ServiceError

from ..models import Certificate
from .rendering import sha256_of


class TamperedError(ServiceError):
    """The stored file no longer matches the checksum taken when it was issued."""


def certificate_pdf_bytes(certificate: Certificate) -> bytes:
    """The issued PDF exactly as stored, for sending to the family; refuses a file that was altered."""
    with certificate.file.open("rb") as stored:
        data = bytes(stored.read())
    if sha256_of(data) != certificate.sha256:
        raise TamperedError(
            f"The stored file for certificate {certificate.display_number} does not match its checksum. "
            "Do not send it: re-issue the certificate and tell your manager."
        )
    return data
