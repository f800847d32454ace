"""Files staff upload to a case: checked by what they contain (never the name or the browser's word),
limited in size, stored under a random name and only ever served after a permission check."""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from typing import IO, Any

from django.conf import settings
from django.db import transaction

from senmediation.cases.models import Case, CaseEvent
from senmediation.cases.services.events import case_event_record
from senmediation.core.errors import ServiceError

from ..models import Document

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg", DOCX: ".docx", "text/plain": ".txt"}
TYPE_ERROR = "The file must be a PDF, Word document, JPEG or PNG"
UPLOAD_KINDS = (Document.Kind.UPLOAD, Document.Kind.SUMMARY)


def upload_max_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def size_error() -> str:
    return f"The file must be smaller than {upload_max_bytes() // (1024 * 1024)} MB"


def _is_docx(file: IO[bytes]) -> bool:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as cut:
        # The sample may end part-way through a character: only a fault before the last 3 bytes counts.
        if cut.start < len(head) - 3:
            return False
        text = head[: cut.start].decode("utf-8")
    return all(ch.isprintable() or ch in "\t\r\n\f" for ch in text)


def sniff_mimetype(file: IO[bytes]) -> str | None:
    """The file's type from its first bytes (and, for Word, its parts); None when not allowed."""
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        found = DOCX if _is_docx(file) else None
        file.seek(0)
        return found
    if head and _is_text(head):
        return "text/plain"
    return None


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
