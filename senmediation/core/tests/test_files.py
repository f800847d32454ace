"""PDFs are accepted only without scripts, actions that run things, or files inside them."""

from __future__ import annotations

import io

import pytest

from senmediation.core.files import PDF_ACTIVE, PDF_UNREADABLE, pdf_refusal
from testsupport.fixtures import pdf_make


def test_a_clean_pdf_made_by_pypdf_is_accepted() -> None:
    assert pdf_refusal(io.BytesIO(pdf_make())) is None


@pytest.mark.parametrize("data", [
    pdf_make(javascript="app.alert('hello');"),
    pdf_make(launch="calc.exe"),
    pdf_make(attachment=b"a file inside"),
    # The same script with its names hex-escaped (/J#61vaScript is /JavaScript to a reader).
    pdf_make(javascript="app.alert('hello');").replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS", b"/J#53"),
])
def test_a_pdf_with_a_script_an_action_or_a_file_inside_is_refused(data: bytes) -> None:
    assert pdf_refusal(io.BytesIO(data)) == PDF_ACTIVE


def test_the_raw_bytes_are_scanned_even_where_the_reader_would_not_look() -> None:
    # An object nothing refers to, so a walk from the document's root never meets it.
    clean = pdf_make()
    stray = b"99 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n"
    data = clean.replace(b"xref", stray + b"xref", 1)
    assert pdf_refusal(io.BytesIO(data)) == PDF_ACTIVE


@pytest.mark.parametrize("data", [b"%PDF-1.7 plan", b"%PDF-" + b"0" * 4096, b"%PDF-1.4\n<< /Type /Catalog"])
def test_a_pdf_that_cannot_be_read_is_refused_plainly(data: bytes) -> None:
    assert pdf_refusal(io.BytesIO(data)) == PDF_UNREADABLE


def test_the_file_is_left_at_its_start() -> None:
    handle = io.BytesIO(pdf_make())
    pdf_refusal(handle)
    assert handle.tell() == 0
