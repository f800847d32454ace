"""Files staff upload to a case: checked by what they contain (never the name or the browser's word),
limited in size, stored under a random name and only ever served after a permission check."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from django.conf import settings
from django.db import transaction

from senmediation.cases.models import Case, CaseEvent
from senmediation.cases.services.events import case_event_record
from senmediation.core.errors import ServiceError
from senmediation.core.files import DOCX, pdf_refusal, sniff_mimetype

from ..models import Document

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg", DOCX: ".docx", "text/plain": ".txt"}
TYPE_ERROR = "The file must be a PDF, Word document, JPEG or PNG"
UPLOAD_KINDS = (Document.Kind.UPLOAD, Document.Kind.SUMMARY)


def upload_max_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def size_error() -> str:
    return f"The file must be smaller than {upload_max_bytes() // (1024 * 1024)} MB"


def document_upload(*, case: Case, file: Any, kind: str, by: Any, title: str = "") -> Document:
    """Checks and stores an uploaded file. Raises ServiceError(field="file") with a message to show."""
    if file is None:
        raise ServiceError("Choose a file", field="file")
    if kind not in UPLOAD_KINDS:
        raise ServiceError("Choose what kind of document this is", field="kind")
    size = int(getattr(file, "size", 0) or 0)
    if size > upload_max_bytes():
        raise ServiceError(size_error(), field="file")
    if size == 0:
        raise ServiceError("The selected file is empty", field="file")
    mimetype = sniff_mimetype(file)
    if mimetype is None:
        raise ServiceError(TYPE_ERROR, field="file")
    if mimetype == "application/pdf" and (refusal := pdf_refusal(file)) is not None:
        raise ServiceError(refusal, field="file")
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    original = str(getattr(file, "name", "") or "")[-255:]
    document = Document(
        case=case, kind=kind, title=(title.strip() or original or "Uploaded document")[:200],
        original_name=original, sha256=digest.hexdigest(), mimetype=mimetype, size=size,
        created_by=by if getattr(by, "pk", None) else None,
    )
    # A random name: the uploader's file name never reaches the storage path.
    document.file.save(f"{uuid.uuid4().hex}{EXTENSIONS[mimetype]}", file, save=False)
    with transaction.atomic():
        document.save()
        case_event_record(case=case, by=by, kind=CaseEvent.Kind.UPDATED, summary=f"Document added: {document.title}")
    return document
