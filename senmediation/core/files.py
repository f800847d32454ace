"""What a file really is, read from its first bytes (never its name or the browser's word for it)."""

from __future__ import annotations

import zipfile
from typing import IO

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
