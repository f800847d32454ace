import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from senmediation.cases.services.details import case_mediator_assign
from senmediation.documents.models import Certificate, Document
from senmediation.documents.services.certificates import certificate_issue
from senmediation.documents.services.uploads import document_upload
from testsupport.fixtures import client_for, pdf_make

from .helpers import ISSUED, declined_case, mediation_case

pytestmark = pytest.mark.django_db


def _url(name: str, case, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"documents:{name}", kwargs={"reference": case.reference, **kwargs})


def test_the_mediator_of_another_case_gets_404_everywhere(coordinator, mediator, other_mediator) -> None:
    case = declined_case(by=coordinator)
    case_mediator_assign(case=case, mediator=mediator, by=coordinator)
    certificate = certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)
    document = document_upload(case=case, file=SimpleUploadedFile("a.txt", b"notes"), kind="upload",
                               by=coordinator, title="Notes")
    pages = [_url("list", case), _url("download", case, pk=document.pk), _url("certificate", case, pk=certificate.pk),
             _url("certificate_download", case, pk=certificate.pk), _url("certificate_issue", case)]
    outsider = client_for(other_mediator)
    for url in pages:
        assert outsider.get(url).status_code == 404, url
    assert outsider.post(_url("upload", case)).status_code == 404
    own = client_for(mediator)
    for url in pages[:4]:
        assert own.get(url).status_code == 200, url
    assert own.get(_url("mediators", case)).status_code == 403  # choosing mediators is for coordinators


def test_a_document_of_another_case_is_not_found_through_this_case(coordinator_client, coordinator) -> None:
    mine = declined_case(by=coordinator)
    other = declined_case(by=coordinator, child_first_name="Ava")
    document = document_upload(case=other, file=SimpleUploadedFile("a.txt", b"notes"), kind="upload",
                               by=coordinator, title="Notes")
    assert coordinator_client.get(_url("download", mine, pk=document.pk)).status_code == 404
    response = coordinator_client.get(_url("download", other, pk=document.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"notes"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == 'attachment; filename="notes.txt"'


def test_coordinator_issues_a_certificate_from_the_form(coordinator_client, coordinator) -> None:
    case = declined_case(by=coordinator)
    with time_machine.travel(dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC)):
        page = coordinator_client.get(_url("certificate_issue", case))
        assert b"Due by" in page.content and b"Friday 27 November 2026" in page.content
        assert coordinator_client.post(_url("certificate_issue", case), {}).status_code == 400
        response = coordinator_client.post(_url("certificate_issue", case), {"kind": "no_mediation"})
        certificate = Certificate.objects.get()
        assert response.status_code == 302 and response["Location"] == _url("certificate", case, pk=certificate.pk)
        download = coordinator_client.get(_url("certificate_download", case, pk=certificate.pk))
        assert b"".join(download.streaming_content).startswith(b"%PDF-")
        reissue = coordinator_client.post(_url("certificate_reissue", case, pk=certificate.pk), {"reason": ""})
        assert reissue.status_code == 400 and b"Enter why the certificate is being re-issued" in reissue.content
        coordinator_client.post(_url("certificate_reissue", case, pk=certificate.pk), {"reason": "Typo in name"})
        assert Certificate.objects.count() == 2
        listing = coordinator_client.get(_url("list", case))
        assert b"(version 2)" in listing.content and b"Replaced" in listing.content


def test_upload_form_shows_clear_errors(coordinator_client, coordinator, settings) -> None:
    case = declined_case(by=coordinator)
    missing = coordinator_client.post(_url("upload", case), {"kind": "upload"})
    assert missing.status_code == 400 and b"Choose a file" in missing.content
    assert b"<title>Error:" in missing.content
    bad = coordinator_client.post(_url("upload", case), {"kind": "upload",
                                                         "file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00")})
    assert b"The file must be a PDF, Word document, JPEG or PNG" in bad.content
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("x.pdf", b"%PDF-" + b"0" * (1024 * 1024))
    too_big = coordinator_client.post(_url("upload", case), {"kind": "upload", "file": big})
    assert b"The file must be smaller than 1 MB" in too_big.content
    good = coordinator_client.post(_url("upload", case), {"kind": "upload", "title": "Plan",
                                                          "file": SimpleUploadedFile("p.pdf", pdf_make())})
    assert good.status_code == 302 and Document.objects.get().title == "Plan"


def test_notify_la_button_prepares_the_letter_and_moves_the_case_on(coordinator_client, coordinator) -> None:
    case = mediation_case(by=coordinator)
    assert b"record that the LA was told" in coordinator_client.get(_url("list", case)).content
    response = coordinator_client.post(_url("notify_la", case))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "la_notified"
    assert Document.objects.get(case=case).kind == "la_notification"
    again = coordinator_client.post(_url("notify_la", case), follow=True)
    assert Document.objects.count() == 1 and b"cannot take the step" in again.content


def test_list_page_query_count_does_not_grow(coordinator_client, coordinator) -> None:
    from testsupport.queries import PAGE_QUERY_BUDGET, page_queries

    case = declined_case(by=coordinator)
    for n in range(5):
        document_upload(case=case, file=SimpleUploadedFile(f"{n}.txt", b"notes"), kind="upload", by=coordinator,
                        title=f"Note {n}")
    response, queries = page_queries(coordinator_client, _url("list", case))
    assert response.status_code == 200
    assert len(queries) <= PAGE_QUERY_BUDGET, queries
