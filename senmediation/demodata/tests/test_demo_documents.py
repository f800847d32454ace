"""A demo below OWN_DOCUMENTS_BELOW cases renders each case's own documents; a bulk demo above it shares
specimens and the case's documents page says so."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from senmediation.accounts.models import User
from senmediation.cases.models import Case
from senmediation.demodata import generator, walk_feedback
from senmediation.demodata.generator import cases_generate
from senmediation.demodata.progress import Progress
from senmediation.demodata.reference import demo_reference_data_load, demo_users_create
from senmediation.documents.models import Certificate, Document
from testsupport.fixtures import client_for

TODAY = dt.date(2026, 11, 27)
SPECIMEN_NOTE = "This demo document is a shared specimen: it does not name this case"


def _text(field_file) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    with field_file.open("rb") as stored:
        data = stored.read()
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages), data


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def seeded(db):  # type: ignore[no-untyped-def]
    demo_reference_data_load()
    demo_users_create(password="a long demo password 2026")


def test_a_small_demo_renders_each_case_its_own_certificates_letters_agreements_and_complaint_letters(
        seeded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from senmediation.agreements.models import Agreement
    from senmediation.feedback.models import Complaint

    monkeypatch.setattr(walk_feedback, "COMPLAINT_SHARE", 0.3)
    reported: list[tuple[int, int]] = []

    class Report(Progress):
        def documents(self, done: int, total: int) -> None:
            reported.append((done, total))

    assert cases_generate(count=20, seed=7, today=TODAY, processes=1, progress=Report(20, stream=io.StringIO())) == 20
    certificates = list(Certificate.objects.select_related("case"))
    assert certificates, "the sample should include issued certificates"
    for certificate in certificates:
        text, data = _text(certificate.file)
        assert hashlib.sha256(data).hexdigest() == certificate.sha256
        assert certificate.child_name and certificate.child_name == certificate.case.child_name
        assert certificate.child_name in _flat(text) and certificate.person_name in _flat(text)
        assert certificate.number and certificate.number in _flat(text)
    assert len({c.file.name for c in certificates}) == len(certificates)
    letters = list(Document.objects.filter(kind=Document.Kind.LA_NOTIFICATION).select_related("case"))
    assert letters
    for letter in letters:
        text, data = _text(letter.file)
        assert hashlib.sha256(data).hexdigest() == letter.sha256 and len(data) == letter.size
        assert letter.case.reference in _flat(text)
    for agreement in Agreement.objects.select_related("case"):
        text, data = _text(agreement.pdf)
        assert hashlib.sha256(data).hexdigest() == agreement.pdf_sha256
        assert agreement.case.reference in _flat(text)
    answered = list(Complaint.objects.filter(responded_on__isnull=False))
    for complaint in answered:
        text, _ = _text(complaint.response_letter)
        assert complaint.reference in _flat(text)
    assert reported and reported[-1][0] == reported[-1][1]
    # No row of the small demo points at a shared specimen, so no page carries the note.
    assert not any("/demo-" in c.file.name for c in certificates)


def test_a_bulk_demo_shares_specimens_and_the_documents_page_says_so(seeded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(generator, "OWN_DOCUMENTS_BELOW", 10)
    cases_generate(count=20, seed=7, today=TODAY, processes=1)
    certificate = Certificate.objects.select_related("case").order_by("id").first()
    assert certificate is not None and certificate.file.name.startswith("certificates/demo-")
    client = client_for(User.objects.get(username="coordinator"))
    page = client.get(reverse("documents:list", args=[certificate.case.reference]))
    assert page.status_code == 200
    assert SPECIMEN_NOTE in page.content.decode()
    untouched = Case.objects.filter(certificates__isnull=True, documents__isnull=True).first()
    if untouched is not None:
        assert SPECIMEN_NOTE not in client.get(reverse("documents:list", args=[untouched.reference])).content.decode()
