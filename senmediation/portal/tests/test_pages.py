"""Each link purpose end to end: made, opened, sent, and recorded on the case timeline."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from senmediation.cases.models import Issue, Party
from senmediation.cases.tests.factories import case_make
from senmediation.directory.selectors import provider_current
from senmediation.feedback.models import SurveyResponse
from senmediation.portal.models import AttendanceResponse, Availability, ChildViews, PartySummary
from senmediation.portal.services.links import party_link_create, party_link_revoke
from testsupport.fixtures import client_for, pdf_make

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def parent(coordinator) -> Party:  # type: ignore[no-untyped-def]
    case = case_make(by=coordinator)
    Party.objects.create(case=case, role=Party.Role.LA_OFFICER, name="Lee Officer", email="lee@trafford.example",
                         phone="0161 111 2222", organisation="Trafford Council")
    return case.parties.get(role=Party.Role.PARENT)


def _used(parent: Party, words: str) -> bool:
    return parent.case.events.filter(summary__startswith="Parent or carer (Ravi Patel) used their link to",
                                     summary__contains=words, by__isnull=True).exists()


def _open(client, parent, purpose, coordinator):  # type: ignore[no-untyped-def]
    """The link's task page (a parent's link itself opens their case page: yourcase/tests); forms are sent to
    the link's own address, as before."""
    link, path = party_link_create(party=parent, purpose=purpose, by=coordinator)
    page = client.get(f"{path}task/")
    assert page.status_code == 200
    html = page.content.decode()
    # Only this party's part of the case: never another party's contact details.
    assert "lee@trafford.example" not in html and "Lee Officer" not in html and "0161 111 2222" not in html
    return link, path, html


@time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), tick=False)
def test_availability(client, parent, coordinator) -> None:
    link, path, html = _open(client, parent, "availability", coordinator)
    assert "When you can come" in html
    # No 30-day clock runs for this case yet: the next four weeks' working days from 5 working days' notice.
    assert '<input class="govuk-checkboxes__input" id="id_dates_0" name="dates" type="checkbox" value="2026-12-08"' in html
    assert "Tuesday 8 December 2026" in html
    response = client.post(path, {"can_do": "Tuesday mornings", "cannot_do": "", "dates": ["2026-12-08", "2026-12-10"]})
    assert response.status_code == 302 and response["Location"] == f"{path}thank-you/"
    row = Availability.objects.get()
    assert row.can_do == "Tuesday mornings" and row.dates == ["2026-12-08", "2026-12-10"]
    assert _used(parent, "send their availability")
    link.refresh_from_db()
    assert link.use_count == 1 and link.last_used_at
    assert client.get(response["Location"]).status_code == 200


@time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), tick=False)
def test_availability_refuses_a_day_not_offered(client, parent, coordinator) -> None:
    _, path, _ = _open(client, parent, "availability", coordinator)
    response = client.post(path, {"dates": ["2026-12-02"], "can_do": ""})  # too soon for 5 working days' notice
    assert response.status_code == 400
    assert ('<a href="#id_dates_0">Choose from the days listed. Tell us about any other day in the box below</a>'
            in response.content.decode())


def test_availability_needs_something(client, parent, coordinator) -> None:
    _, path, _ = _open(client, parent, "availability", coordinator)
    response = client.post(path, {"can_do": "", "cannot_do": ""})
    assert response.status_code == 400
    assert "Tell us when you can come" in response.content.decode()
    assert "<title>Error:" in response.content.decode()


def test_summary_and_issues(client, parent, coordinator) -> None:
    _, path, html = _open(client, parent, "summary_and_issues", coordinator)
    response = client.post(path, {"summary": "The plan does not say enough.",
                                  "issues": "Therapy hours\n\nA 1:1 assistant\n"})
    assert response.status_code == 302
    assert PartySummary.objects.get().text == "The plan does not say enough."
    assert list(Issue.objects.filter(raised_by=parent).values_list("text", flat=True).order_by("id")) == [
        "Speech and language therapy hours", "Therapy hours", "A 1:1 assistant"]
    assert _used(parent, "send their summary and 2 issues")


def test_summary_is_required(client, parent, coordinator) -> None:
    _, path, _ = _open(client, parent, "summary_and_issues", coordinator)
    response = client.post(path, {"summary": "", "issues": "x"})
    assert response.status_code == 400 and "Enter your summary" in response.content.decode()
    assert PartySummary.objects.count() == 0


def test_child_views_with_a_drawing(client, parent, coordinator) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    _, path, html = _open(client, parent, "child_views", coordinator)
    assert "Tell us what you think" in html and "govuk-heading-xl" in html
    drawing = SimpleUploadedFile("my picture of Sam.png", PNG, content_type="image/png")
    response = client.post(path, {"text": "I like art.", "drawing": drawing})
    assert response.status_code == 302
    row = ChildViews.objects.get()
    assert row.gathered == "form" and row.text == "I like art." and row.file_type == "image/png"
    assert "Sam" not in row.file.name and row.file.name.startswith("child-views/")
    assert row.file.read() == PNG
    assert _used(parent, "share the child's views with a drawing")
    # Staff see the same views, with the drawing, on the case's child's views page.
    staff_record = parent.case.child_views_records.get()
    assert staff_record.views == "I like art." and staff_record.how == "drawing" and staff_record.consent_given
    staff = client_for(coordinator)
    page = staff.get(f"/staff/cases/{parent.case.reference}/child-views/").content.decode()
    assert "I like art." in page
    download = staff.get(f"/staff/cases/{parent.case.reference}/child-views/{staff_record.pk}/file/")
    assert b"".join(download.streaming_content) == PNG


@pytest.mark.parametrize(("content", "message"), [
    (b"<script>alert(1)</script>", "must be a PNG, JPG or PDF"),
    (b"%PDF-" + b"0" * (5 * 1024 * 1024), "smaller than 5MB"),
    (pdf_make(javascript="app.alert(1);"), "The PDF contains scripts, automatic actions or files inside it"),
    (b"%PDF-1.7 not really", "The PDF could not be read."),
])
def test_child_views_checks_the_file(client, parent, coordinator, content, message) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    _, path, _ = _open(client, parent, "child_views", coordinator)
    response = client.post(path, {"text": "", "drawing": SimpleUploadedFile("x.png", content, "image/png")})
    assert response.status_code == 400 and message in response.content.decode()
    assert ChildViews.objects.count() == 0


def test_attendance(client, parent, coordinator) -> None:
    _, path, _ = _open(client, parent, "attendance", coordinator)
    assert client.post(path, {}).status_code == 400
    response = client.post(path, {"attending": "yes", "who_is_coming": "My partner", "needs": "Step-free access"})
    assert response.status_code == 302
    row = AttendanceResponse.objects.get()
    assert row.attending is True and row.needs == "Step-free access"
    assert _used(parent, "confirm they are coming")


def test_agreement_before_there_is_one(client, parent, coordinator) -> None:
    _, path, html = _open(client, parent, "agreement", coordinator)
    assert "The agreement will appear here" in html
    client.get(f"{path}task/")
    assert parent.case.events.filter(summary__contains="used their link to see the agreement").count() == 1
    assert client.get(f"{path}agreement.pdf").status_code == 404


def test_feedback(client, parent, coordinator) -> None:
    _, path, _ = _open(client, parent, "feedback", coordinator)
    response = client.post(path, {"satisfaction": "4", "felt_heard": "yes", "comments": "Helpful."})
    assert response.status_code == 302
    answer = SurveyResponse.objects.get()
    assert (answer.satisfaction, answer.felt_heard, answer.comments, answer.party) == (4, "yes", "Helpful.", parent)
    assert _used(parent, "give feedback")


def test_expired_stopped_and_changed_links_show_no_data(client, parent, coordinator) -> None:
    start = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        link, path = party_link_create(party=parent, purpose="summary_and_issues", by=coordinator, days_valid=1)
        traveller.shift(dt.timedelta(days=1, minutes=1))
        expired = client.get(path)
        posted = client.post(path, {"summary": "late"})
    assert expired.status_code == 410 and posted.status_code == 410
    assert PartySummary.objects.count() == 0
    html = expired.content.decode()
    assert "This link has expired" in html and "Sam" not in html and "Ravi" not in html
    assert provider_current().phone in html  # who to call for a new link

    link, path = party_link_create(party=parent, purpose="feedback", by=coordinator)
    party_link_revoke(link=link, by=coordinator)
    assert client.get(path).status_code == 410
    changed = path.replace(".", "x.", 1)
    response = client.get(changed)
    assert response.status_code == 404 and "This link does not work" in response.content.decode()
    assert client.get(f"{changed}thank-you/").status_code == 404


def test_pages_are_not_cached_or_indexed(client, parent, coordinator) -> None:
    _, path, html = _open(client, parent, "feedback", coordinator)
    assert 'name="robots" content="noindex, nofollow"' in html
    assert "no-store" in client.get(path)["Cache-Control"]


def test_an_infected_drawing_is_refused_and_quarantined(client, parent, coordinator, settings, tmp_path) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from senmediation.core.tests.test_clamd import EICAR, FakeClamd

    clamd = FakeClamd()
    settings.CLAMD_HOST, settings.CLAMD_PORT = "127.0.0.1", clamd.port
    settings.QUARANTINE_ROOT = str(tmp_path / "quarantine")
    try:
        _, path, _ = _open(client, parent, "child_views", coordinator)
        bad = SimpleUploadedFile("picture.png", PNG + EICAR, content_type="image/png")
        response = client.post(path, {"text": "I like art.", "drawing": bad})
        assert response.status_code == 400
        assert ("Our virus check found a problem with this file, so we cannot accept it. Try a different file"
                in response.content.decode())
        assert ChildViews.objects.count() == 0
        (kept,) = (tmp_path / "quarantine").iterdir()
        assert kept.read_bytes() == PNG + EICAR
        good = SimpleUploadedFile("picture.png", PNG, content_type="image/png")
        assert client.post(path, {"text": "I like art.", "drawing": good}).status_code == 302
        assert clamd.received == [PNG + EICAR, PNG]
    finally:
        clamd.close()


def test_an_oversized_upload_is_refused_before_its_body_is_read(client, parent, coordinator, settings) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    _, path, _ = _open(client, parent, "child_views", coordinator)
    drawing = SimpleUploadedFile("picture.png", PNG, content_type="image/png")
    # The declared length is far more than is sent: reading the body would fail, so a 413 proves it was not read.
    response = client.post(path, {"text": "I like art.", "drawing": drawing}, CONTENT_LENGTH=str(2 * 1024 ** 3))
    assert response.status_code == 413
    assert "Files must be smaller than 10 MB." in response.content.decode()
    assert ChildViews.objects.count() == 0
