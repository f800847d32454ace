"""What a file really is, read from its first bytes (never its name or the browser's word for it), and
whether a PDF holds anything that runs or hides a file."""

from __future__ import annotations

import io
import logging
import re
import zipfile
from typing import IO, Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

logger = logging.getLogger(__name__)

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


# --- PDFs -----------------------------------------------------------------------------------------------
# A PDF may carry JavaScript, actions that launch programs or open addresses on their own, forms that run
# scripts (XFA), Flash-like media and whole files inside it. None of them belongs in a letter or a plan.

PDF_ACTIVE = ("The PDF contains scripts, automatic actions or files inside it, which we cannot accept. Save it "
              "again as a plain PDF (for example, print it to PDF) and upload it again")
PDF_UNREADABLE = "The PDF could not be read. Save it again as a PDF and upload it again"
ACTIVE_NAMES = frozenset({"JS", "JavaScript", "Launch", "EmbeddedFile", "EmbeddedFiles", "AA", "RichMedia",
                          "XFA", "ImportData", "SubmitForm", "GoToR", "GoToE"})
_NAME = re.compile(rb"/([^\x00\t\n\x0c\r /\[\]<>(){}%]+)")
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
MAX_OBJECTS = 200_000  # a walk that long is a trick, not a document


def _raw_names(data: bytes) -> set[str]:
    """Every name written in the file's bytes, with #xx escapes decoded (/J#61vaScript is /JavaScript)."""
    return {_HEX.sub(lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1") for raw in _NAME.findall(data)}


def _active_in_objects(reader: PdfReader) -> bool:
    """Walks every object reachable from the trailer (object streams included, names already decoded)."""
    seen: set[tuple[int, int]] = set()
    pending: list[Any] = [reader.trailer]
    walked = 0
    while pending:
        item = pending.pop()
        walked += 1
        if walked > MAX_OBJECTS:
            raise ValueError("Too many objects")
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                if str(key)[1:] in ACTIVE_NAMES:
                    return True
                if key == "/OpenAction" or key == "/S":
                    target = value.get_object() if isinstance(value, IndirectObject) else value
                    if isinstance(target, NameObject) and str(target)[1:] in ACTIVE_NAMES:
                        return True
                if key in ("/Parent", "/P"):  # back up the page tree: reached from the root already
                    continue
                pending.append(value)
            if hasattr(item, "get_data"):  # a stream: its dictionary is walked, its content is data
                continue
        elif isinstance(item, ArrayObject):
            pending.extend(item)
        elif isinstance(item, NameObject) and str(item)[1:] in ACTIVE_NAMES:
            return True
    return False


def pdf_refusal(file: IO[bytes]) -> str | None:
    """Why this PDF cannot be accepted (scripts, actions, files inside it, or unreadable), or None. Both the
    raw bytes and the parsed objects are checked: names can hide in compressed object streams, and objects
    nothing refers to are still in the bytes. The file is left at its start."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    if _raw_names(data) & ACTIVE_NAMES:
        return PDF_ACTIVE
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return PDF_UNREADABLE
        if len(reader.pages) < 1:
            return PDF_UNREADABLE
        active = _active_in_objects(reader)
    except Exception:  # pypdf raises many kinds on a broken or hostile file: each means "cannot read"
        logger.info("A PDF upload could not be parsed", exc_info=True)
        return PDF_UNREADABLE
    return PDF_ACTIVE if active else None
