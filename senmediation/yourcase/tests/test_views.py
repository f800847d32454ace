"""The family's case page through their secure link (`/p/<token>/`), its task, calendar file and downloads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from django.core.files.base import ContentFile

from senmediation.cases.models import CaseEvent, Party
from senmediation.cases.services.events import case_event_record
from senmediation.cases.tests.factories import case_make
from senmediation.directory.models import Venue
from senmediation.documents.services.certificates import certificate_issue
from senmediation.meetings.services import meeting_schedule
from senmediation.notifications.models import Message
from senmediation.portal.models import Availability
from senmediation.portal.services.links import party_link_create
from senmediation.yourcase.selectors import your_case

from .helpers import closed_with_certificate, declined_case, la_officer_add, preparing_case

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _pinned_clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def _parent(case):  # type: ignore[no-untyped-def]
    return case.parties.get(role=Party.Role.PARENT)


def test_a_parents_link_opens_their_case_with_the_task_on_it(client, coordinator, mediator) -> None:
    case = preparing_case(by=coordinator, mediator=mediator)
    la_officer_add(case)
    _, path = party_link_create(party=_parent(case), purpose="availability", by=coordinator)
    html = client.get(path).content.decode()
    assert "<h1 class=\"govuk-heading-l\">Your case</h1>" in html
    assert "<title>Your case" in html
    assert "We are arranging your mediation meeting." in html
    assert "Please tell us when you can come." in html and f'href="{path}task/"' in html
    assert "Amara Okafor" in html and "Cora Ordinator" in html
    # The 30 days run from the day the LA was told (25 November): 25 December.
    assert "Your mediation meeting must take place by" in html and "Friday 25 December 2026" in html
    assert "The Tribunal must receive your appeal by" in html and "Monday 4 January 2027" in html
    assert "We told your local authority you want mediation" in html
    # Never another party's contact details.
    assert "Lee Officer" not in html and "lee@trafford.example" not in html and "0161 111 2222" not in html


def test_the_task_is_on_its_own_page_and_leads_back_to_the_case(client, coordinator, mediator) -> None:
    case = preparing_case(by=coordinator, mediator=mediator)
    _, path = party_link_create(party=_parent(case), purpose="availability", by=coordinator)
    assert "When you can come" in client.get(f"{path}task/").content.decode()
    response = client.post(f"{path}task/", {"can_do": "Tuesday mornings", "cannot_do": ""})
    assert response.status_code == 302 and response["Location"] == f"{path}thank-you/"
    assert Availability.objects.get().can_do == "Tuesday mornings"
    thanks = client.get(response["Location"]).content.decode()
    assert f'<a class="govuk-link" href="{path}">Go to your case</a>' in thanks


def test_an_la_officers_link_opens_only_its_task(client, coordinator, mediator) -> None:
    case = preparing_case(by=coordinator, mediator=mediator)
    _, path = party_link_create(party=la_officer_add(case), purpose="availability", by=coordinator)
    html = client.get(path).content.decode()
    assert "When you can come" in html and "Your case" not in html and "Amara Okafor" not in html
    certificate = certificate_issue(case=declined_case(by=coordinator), kind="no_mediation", by=coordinator)
    assert client.get(f"{path}documents/certificates/{certificate.pk}/").status_code == 404
    assert client.get(f"{path}meeting.ics").status_code == 404


def test_a_case_link_has_no_task(client, coordinator, mediator) -> None:
    case = preparing_case(by=coordinator, mediator=mediator)
    _, path = party_link_create(party=_parent(case), purpose="case", by=coordinator)
    html = client.get(path).content.decode()
    assert "Your case" in html and "What we need from you" not in html
    response = client.get(f"{path}task/")
    assert response.status_code == 302 and response["Location"] == path


def test_the_childs_views_form_opens_only_from_the_childs_own_link(client, coordinator, mediator) -> None:
    case = preparing_case(by=coordinator, mediator=mediator)
    _, views_path = party_link_create(party=_parent(case), purpose="child_views", by=coordinator)
    assert "Tell us what you think" in client.get(views_path).content.decode()
    _, case_path = party_link_create(party=_parent(case), purpose="case", by=coordinator)
    html = client.get(case_path).content.decode()
    assert "Tell us what you think" not in html and "child_views" not in html


def test_the_meeting_and_its_calendar_file(client, coordinator, mediator) -> None:
    case = preparing_case(by=coordinator, mediator=mediator)
    la_officer_add(case)
    venue = Venue.objects.create(name="Sale Waterside", address="Waterside Plaza\nSale", postcode="M33 7ZF")
    meeting_schedule(case=case, starts_at=dt.datetime(2026, 12, 15, 10, 0, tzinfo=dt.UTC), venue=venue,
                     by=coordinator)
    _, path = party_link_create(party=_parent(case), purpose="attendance", by=coordinator)
    html = client.get(path).content.decode()
    assert "Your mediation meeting is arranged." in html
    assert "Tuesday 15 December 2026" in html and "10:00 a.m." in html
    assert "Sale Waterside<br>Waterside Plaza<br>Sale<br>M33 7ZF" in html
    assert "<li>Your mediator</li><li>A parent or carer</li><li>Someone from your local authority</li>" in html
    calendar = client.get(f"{path}meeting.ics")
    assert calendar.status_code == 200 and calendar["Content-Type"] == "text/calendar; charset=utf-8"
    body = calendar.content.decode()
    assert "DTSTART:20261215T100000Z" in body and "lee@trafford.example" not in body


def test_documents_download_through_the_link_and_only_this_cases(client, coordinator) -> None:
    case = declined_case(by=coordinator)
    certificate = certificate_issue(case=case, kind="no_mediation", by=coordinator)
    other = certificate_issue(case=declined_case(by=coordinator), kind="no_mediation", by=coordinator)
    parent = _parent(case)
    _, path = party_link_create(party=parent, purpose="case", by=coordinator)
    html = client.get(path).content.decode()
    assert "Your mediation certificate has been issued." in html
    assert f"{path}documents/certificates/{certificate.pk}/" in html
    download = client.get(f"{path}documents/certificates/{certificate.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")
    assert client.get(f"{path}documents/certificates/{other.pk}/").status_code == 404
    assert client.get(f"{path}documents/agreement/").status_code == 404  # no agreement on this case


def _letter(party: Party, key: str) -> Message:
    letter = Message.objects.create(case=party.case, party=party, template_key="x", channel=Message.Channel.LETTER,
                                    to="1 High Street", subject="Your mediation", body="Dear", idempotency_key=key,
                                    status=Message.Status.SENT)
    letter.letter_file.save("letter.pdf", ContentFile(b"%PDF-1.7 letter"), save=True)
    return letter


def test_letters_only_to_this_party(client, coordinator, mediator) -> None:
    case = preparing_case(by=coordinator, mediator=mediator)
    parent = _parent(case)
    mine, theirs = _letter(parent, "mine"), _letter(la_officer_add(case), "theirs")
    _, path = party_link_create(party=parent, purpose="case", by=coordinator)
    html = client.get(path).content.decode()
    assert "Letter: Your mediation (PDF)</a>, 1 December 2026" in html
    assert f"documents/letters/{theirs.pk}/" not in html
    response = client.get(f"{path}documents/letters/{mine.pk}/")
    assert b"".join(response.streaming_content) == b"%PDF-1.7 letter"
    assert client.get(f"{path}documents/letters/{theirs.pk}/").status_code == 404


def test_a_documents_link_shows_only_documents(client, coordinator) -> None:
    case = closed_with_certificate(by=coordinator)
    certificate = case.certificates.get()
    _, path = party_link_create(party=_parent(case), purpose="documents", by=coordinator)
    html = client.get(path).content.decode()
    assert "<h1 class=\"govuk-heading-l\">Your documents</h1>" in html
    assert f"documents/certificates/{certificate.pk}/" in html
    assert "Where things stand" not in html and "Key dates" not in html and "What has happened" not in html


def test_the_timeline_never_shows_staff_notes(client, coordinator, mediator) -> None:
    case = preparing_case(by=coordinator, mediator=mediator)
    case_event_record(case=case, by=coordinator, kind=CaseEvent.Kind.NOTE, summary="Mum sounded upset on the phone")
    _, path = party_link_create(party=_parent(case), purpose="case", by=coordinator)
    html = client.get(path).content.decode()
    assert "Mum sounded upset" not in html and "Secure link made" not in html
    assert html.index("Your mediator was chosen") < html.index("We told your local authority") < html.index(
        "We opened your case")


def test_a_fixed_number_of_queries_whatever_the_case_holds(client, coordinator, mediator,
                                                          django_assert_max_num_queries) -> None:
    case = preparing_case(by=coordinator, mediator=mediator)
    parent = _parent(case)
    for n in range(5):
        _letter(parent, f"letter-{n}")
        case_event_record(case=case, by=coordinator, kind=CaseEvent.Kind.TRANSITION, action="reschedule_meeting",
                          summary="moved")
        la_officer_add(case)
    meeting_schedule(case=case, starts_at=dt.datetime(2026, 12, 15, 10, 0, tzinfo=dt.UTC), venue=None, by=coordinator)
    certificate_issue(case=declined_case(by=coordinator), kind="no_mediation", by=coordinator)
    link, path = party_link_create(party=parent, purpose="availability", by=coordinator)
    # The page reads 10 times (the case, its certificates, agreement, letters, clocks, meeting, who is coming,
    # timeline, our contact details and whether the task was sent); what was agreed (1) and the summaries exchange (1, and 2 more once
    # released); the link is read and counted (2); the audit log writes its entry (4).
    with django_assert_max_num_queries(20):
        assert client.get(path).status_code == 200
    link.refresh_from_db()
    with django_assert_max_num_queries(10):
        your_case(link=link, today=NOW.date())


def test_a_closed_cases_feedback_link_opens_its_task(client, coordinator) -> None:
    from senmediation.cases.services.transitions import case_transition

    case = case_make(by=coordinator)
    _, path = party_link_create(party=_parent(case), purpose="feedback", by=coordinator)
    case_transition(case=case, action="close", by=coordinator, today=dt.date(2026, 11, 24))
    html = client.get(path).content.decode()
    assert "Your case" not in html and "Send feedback" in html


def test_a_familys_task_leads_back_to_their_case_and_nobody_elses_does(client, coordinator, mediator) -> None:
    case = preparing_case(by=coordinator, mediator=mediator)
    _, path = party_link_create(party=_parent(case), purpose="availability", by=coordinator)
    back = f'<a href="{path}" class="govuk-back-link">Back to your case</a>'
    assert back in client.get(f"{path}task/").content.decode()
    client.post(f"{path}task/", {"can_do": "Tuesday mornings", "cannot_do": ""})
    assert back in client.get(f"{path}thank-you/").content.decode()
    _, officer_path = party_link_create(party=la_officer_add(case), purpose="availability", by=coordinator)
    assert "Back to your case" not in client.get(f"{officer_path}task/").content.decode()
    _, views_path = party_link_create(party=_parent(case), purpose="child_views", by=coordinator)
    assert "Back to your case" not in client.get(views_path).content.decode()


def test_a_task_already_sent_is_thanked_for_not_asked_again(client, coordinator, mediator) -> None:
    case = preparing_case(by=coordinator, mediator=mediator)
    _, path = party_link_create(party=_parent(case), purpose="availability", by=coordinator)
    assert "Please tell us when you can come." in client.get(path).content.decode()
    client.post(f"{path}task/", {"can_do": "Tuesday mornings", "cannot_do": ""})
    html = client.get(path).content.decode()
    assert "You sent us the days you can come on 1 December 2026. Thank you." in html
    assert "Please tell us when you can come." not in html
    assert f'<a href="{path}task/" class="govuk-link">Change your answer</a>' in html
    # Another link for the same task starts afresh: what was sent is kept against the link it came through.
    _, fresh = party_link_create(party=_parent(case), purpose="availability", by=coordinator)
    assert "Please tell us when you can come." in client.get(fresh).content.decode()
