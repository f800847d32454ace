import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from senmediation.cases.tests.factories import case_make
from senmediation.core.errors import ServiceError
from senmediation.core.files import PDF_ACTIVE, sniff_mimetype
from senmediation.documents.models import Document
from senmediation.documents.services.uploads import TYPE_ERROR, document_upload
from testsupport.fixtures import pdf_make

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40
PLAN_PDF = pdf_make()


def docx_bytes(with_content_types: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if with_content_types:
            archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "expected"), [
    (b"%PDF-1.7\n...", "application/pdf"),
    (PNG, "image/png"),
    (JPEG, "image/jpeg"),
    (docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("Notes from the call: café at 10am\n".encode(), "text/plain"),
    (docx_bytes(with_content_types=False), None),  # a zip that is not a Word document
    (b"MZ\x90\x00\x03\x00\x00\x00", None),  # a Windows program
    (b"<html><script>alert(1)</script>\x00", None),
    (b"GIF89a\x01\x00", None),
])
def test_type_is_decided_by_content(data: bytes, expected: str | None) -> None:
    assert sniff_mimetype(io.BytesIO(data)) == expected


def test_upload_is_stored_under_a_random_name_with_its_checksum(coordinator) -> None:
    case = case_make(by=coordinator)
    upload = SimpleUploadedFile("Ravi Patel EHC plan.pdf", PLAN_PDF, content_type="text/html")
    document = document_upload(case=case, file=upload, kind="upload", by=coordinator, title="")
    assert document.mimetype == "application/pdf"  # the browser's claim is ignored
    assert document.title == "Ravi Patel EHC plan.pdf"
    assert "Patel" not in document.file.name and document.file.name.endswith(".pdf")
    assert default_storage.exists(document.file.name)
    assert document.size == len(PLAN_PDF) and len(document.sha256) == 64
    assert case.events.filter(summary__startswith="Document added").exists()


def test_a_renamed_program_is_refused(coordinator) -> None:
    case = case_make(by=coordinator)
    upload = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not really a pdf", content_type="application/pdf")
    with pytest.raises(ServiceError, match=TYPE_ERROR):
        document_upload(case=case, file=upload, kind="upload", by=coordinator, title="Plan")
    assert not Document.objects.exists()


def test_size_is_limited_by_setting(coordinator, settings) -> None:
    case = case_make(by=coordinator)
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (2 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(ServiceError, match="The file must be smaller than 2 MB"):
        document_upload(case=case, file=big, kind="upload", by=coordinator, title="")
    with pytest.raises(ServiceError, match="empty"):
        document_upload(case=case, file=SimpleUploadedFile("e.txt", b""), kind="upload", by=coordinator, title="")
    assert not Document.objects.exists()


def test_a_pdf_with_javascript_is_refused_and_a_clean_one_accepted(coordinator) -> None:
    case = case_make(by=coordinator)
    scripted = SimpleUploadedFile("plan.pdf", pdf_make(javascript="app.alert(1);"), content_type="application/pdf")
    with pytest.raises(ServiceError) as refused:
        document_upload(case=case, file=scripted, kind="upload", by=coordinator, title="Plan")
    assert (refused.value.message, refused.value.field) == (PDF_ACTIVE, "file")
    clean = SimpleUploadedFile("plan.pdf", pdf_make(), content_type="application/pdf")
    assert document_upload(case=case, file=clean, kind="upload", by=coordinator, title="Plan").mimetype == (
        "application/pdf")
