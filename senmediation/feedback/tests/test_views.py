from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from senmediation.accounts.roles import Role
from senmediation.cases.models import Case
from senmediation.cases.tests.factories import case_make
from senmediation.feedback.models import Complaint, PublicSubmission, SurveyResponse
from senmediation.feedback.services import complaints as service
from senmediation.notifications.models import Message, MessageAttachment
from testsupport.fixtures import client_for, user_make

from .factories import complaint_make

pytestmark = pytest.mark.django_db
KEY = "k" * 24
GOOD = {"key": KEY, "name": "Ravi Patel", "details": "Nobody called back.", "about_mediator": "no",
        "preferred_contact": "email", "email": "ravi@example.com"}


def test_a_complaint_about_a_mediator_is_404_for_them_and_open_to_a_manager(manager_client, mediator) -> None:
    case = case_make()
    Case.objects.filter(pk=case.pk).update(mediator=mediator)
    complaint = complaint_make(case_reference=case.reference, about_mediator=True)
    url = reverse("feedback:complaint", kwargs={"pk": complaint.pk})
    assert client_for(mediator).get(url).status_code == 404
    response = manager_client.get(url)
    assert response.status_code == 200
    assert f"<h1 class=\"govuk-heading-l\">Complaint {complaint.reference}</h1>" in response.content.decode()
    # The case page shows it to the manager, never to the mediator of the case.
    case_url = reverse("cases:detail", kwargs={"reference": case.reference})
    assert complaint.reference in manager_client.get(case_url).content.decode()
    assert complaint.reference not in client_for(mediator).get(case_url).content.decode()


def test_a_coordinator_never_sees_a_complaint_about_themselves(coordinator, coordinator_client) -> None:
    complaint = complaint_make()
    Complaint.objects.filter(pk=complaint.pk).update(about=coordinator)
    assert coordinator_client.get(reverse("feedback:complaint", kwargs={"pk": complaint.pk})).status_code == 404
    assert complaint.reference not in coordinator_client.get(reverse("feedback:complaints")).content.decode()


def test_public_complaint_is_recorded_once_per_key(client, reference_data) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC), tick=False):
        first = client.post(reverse("feedback_public:complaint"), GOOD)
        again = client.post(reverse("feedback_public:complaint"), GOOD)
        page = client.get(reverse("feedback_public:complaint_sent")).content.decode()
    assert first.status_code == again.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.received_on, complaint.acknowledge_by) == (
        "online", dt.date(2026, 11, 2), dt.date(2026, 11, 5))
    assert complaint.reference in page


def test_public_complaint_errors_say_how_to_fix_them(client, reference_data) -> None:
    response = client.post(reverse("feedback_public:complaint"),
                            {"key": KEY, "preferred_contact": "letter", "phone": "abc"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: Make a complaint" in html
    for message in ("Enter your full name", "Tell us what your complaint is about",
                    "Select yes if your complaint is about your mediator",
                    "Enter your postal address, or choose another way for us to reply",
                    "Enter a phone number, like 01632 960 001 or 07700 900 982"):
        assert message in html
    assert Complaint.objects.count() == 0


def test_the_spam_trap_makes_nothing_but_looks_sent(client, reference_data) -> None:
    response = client.post(reverse("feedback_public:complaint"), {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 302
    assert Complaint.objects.count() == 0
    assert PublicSubmission.objects.get().trapped


def test_too_many_from_one_address_in_an_hour(client, reference_data, settings) -> None:
    settings.FEEDBACK_RATE_LIMIT_PER_HOUR = 2
    for number in range(2):
        assert client.post(reverse("feedback_public:complaint"), {**GOOD, "key": f"{number}" * 20}).status_code == 302
    response = client.post(reverse("feedback_public:complaint"), {**GOOD, "key": "z" * 20})
    assert response.status_code == 429
    assert Complaint.objects.count() == 2


def test_each_client_behind_the_proxy_has_its_own_limit(reference_data, settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    for forwarded in ("203.0.113.7", "198.51.100.8"):
        visitor = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)  # nginx on this machine
        for number in range(5):
            key = f"{forwarded}-{number}".replace(".", "-") * 2
            assert visitor.post(reverse("feedback_public:complaint"), {**GOOD, "key": key}).status_code == 302
        key = f"{forwarded}-f".replace(".", "-") * 2
        answers = {"key": key, "satisfaction": "5", "would_recommend": "yes"}
        assert visitor.post(reverse("feedback_public:feedback"), answers).status_code == 429
    assert Complaint.objects.count() == 10


def test_public_feedback(client, reference_data) -> None:
    response = client.post(reverse("feedback_public:feedback"), {"key": KEY, "satisfaction": "5",
                                                                 "would_recommend": "yes", "comments": "Kind.",
                                                                 "consent_to_quote": "on"})
    assert response.status_code == 302
    answer = SurveyResponse.objects.get()
    assert (answer.source, answer.satisfaction, answer.would_recommend, answer.consent_to_quote) == (
        "public", 5, "yes", True)
    assert client.post(reverse("feedback_public:feedback"), {"key": "y" * 20}).status_code == 400


def test_staff_record_a_phone_complaint(coordinator_client) -> None:
    response = coordinator_client.post(reverse("feedback:complaint_new"), {
        "channel": "phone", "received_on_0": "2", "received_on_1": "11", "received_on_2": "2026",
        "name": "Jo Bloggs", "details": "Rude on the phone.", "about_mediator": "no",
        "preferred_contact": "phone", "phone": "07700 900123",
    })
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/complaints/{complaint.pk}/"
    assert (complaint.channel, complaint.created_by.username, complaint.respond_by) == (
        "phone", "coord", dt.date(2026, 11, 30))


def test_manager_pages(manager_client, manager) -> None:
    complaint = complaint_make()
    url = reverse("feedback:complaint_respond", kwargs={"pk": complaint.pk})
    assert manager_client.post(url, {}).status_code == 400
    no_theme = manager_client.post(url, {"outcome": "upheld", "response": "Sorry.", "lessons_learned": "Train."})
    assert no_theme.status_code == 400
    assert 'id="id_theme-error"' in no_theme.content.decode()
    assert "Select what the complaint was mainly about" in no_theme.content.decode()
    response = manager_client.post(url, {"outcome": "upheld", "theme": "delay", "response": "Sorry.",
                                         "lessons_learned": "Train."})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.outcome, complaint.theme) == ("upheld", "delay")
    assert "Mainly about" in manager_client.get(reverse("feedback:complaint", kwargs={"pk": complaint.pk})
                                                ).content.decode()
    letter = manager_client.get(reverse("feedback:complaint_letter", kwargs={"pk": complaint.pk}))
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    other = user_make("boss3", Role.MANAGER)
    owner = manager_client.post(reverse("feedback:complaint_owner", kwargs={"pk": complaint.pk}), {"owner": other.pk})
    assert owner.status_code == 302
    complaint.refresh_from_db()
    assert complaint.owner == other
    note = manager_client.post(reverse("feedback:complaint_note", kwargs={"pk": complaint.pk}), {"text": ""})
    assert note.status_code == 400 and "Enter the note" in note.content.decode()


def test_feedback_results_per_mediator_and_la_with_consented_quotes(manager_client, mediator) -> None:
    case = case_make()
    SurveyResponse.objects.create(source="link", case=case, mediator=mediator, local_authority=case.local_authority,
                                  submitted_at=dt.datetime(2026, 11, 20, tzinfo=dt.UTC), satisfaction=4,
                                  felt_heard="yes", comments="Very calm mediator.", consent_to_quote=True)
    SurveyResponse.objects.create(source="link", case=case, mediator=mediator, local_authority=case.local_authority,
                                  submitted_at=dt.datetime(2026, 11, 21, tzinfo=dt.UTC), satisfaction=2,
                                  comments="Private remark.", consent_to_quote=False)
    html = manager_client.get(reverse("feedback:results")).content.decode()
    assert "Very calm mediator." in html and "Private remark." not in html
    assert '<th scope="row" class="govuk-table__header">med1</th>' in html
    assert '<th scope="row" class="govuk-table__header">Trafford</th>' in html or "Trafford" in html
    mine = client_for(mediator).get(reverse("feedback:mine")).content.decode()
    assert "Very calm mediator." in mine and "Private remark." not in mine and case.reference not in mine
    assert "3.0" in mine


def _ids(html: str) -> list[str]:
    import re

    return re.findall(r'\sid="([^"]+)"', html)


@pytest.mark.parametrize("url", ["/feedback-and-complaints/", "/complain/", "/give-feedback/"])
def test_public_pages_repeat_no_id(client, reference_data, url) -> None:
    for response in (client.get(url), client.post(url, {"key": KEY}) if url != "/feedback-and-complaints/" else None):
        if response is None:
            continue
        ids = _ids(response.content.decode())
        assert sorted({i for i in ids if ids.count(i) > 1}) == []


def test_the_feedback_and_complaints_page_has_one_contact_panel(client, reference_data) -> None:
    html = client.get("/feedback-and-complaints/").content.decode()
    assert html.count('id="contact-panel-heading"') == 1
    assert 'href="/complain/"' in html and 'href="/give-feedback/"' in html


def test_complaint_pages_keep_a_fixed_query_budget(manager_client) -> None:
    from testsupport.queries import PAGE_QUERY_BUDGET, page_queries

    complaint = complaint_make()
    manager_client.get("/staff/complaints/")  # warms the per-process caches (provider, session)
    counts = []
    for extra in range(3):
        for url in ("/staff/complaints/", f"/staff/complaints/{complaint.pk}/", "/staff/", "/staff/feedback/"):
            response, queries = page_queries(manager_client, url)
            assert response.status_code == 200, url
            assert len(queries) <= PAGE_QUERY_BUDGET, (url, queries)
            counts.append(len(queries))
        complaint_make(name=f"Person {extra}")
    assert counts[:4] == counts[4:8] == counts[8:]  # more complaints, no more queries


@time_machine.travel(dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC), tick=False)
def test_the_work_queue_shows_an_overdue_complaint_with_its_owner(manager_client) -> None:
    complaint = complaint_make(received_on=dt.date(2026, 11, 2))
    html = manager_client.get("/staff/").content.decode()
    row = (f'<td class="govuk-table__cell">Acknowledge complaint {complaint.reference}<br><span class="govuk-hint '
           'govuk-!-font-size-16">Stage 1. Owner: no one yet</span></td><td class="govuk-table__cell">'
           '<strong class="govuk-tag govuk-tag--red">Overdue</strong> '
           f'{complaint.acknowledge_by:%a} {complaint.acknowledge_by.day} Nov 2026</td>')
    assert ">Complaints to acknowledge or answer</h2>" in html and row in html
    assert f'href="/staff/complaints/{complaint.pk}/">Open the complaint' in html


def _answered_complaint_about(mediator, manager) -> tuple[Case, Complaint]:  # type: ignore[no-untyped-def]
    case = case_make()
    Case.objects.filter(pk=case.pk).update(mediator=mediator)
    complaint = complaint_make(case_reference=case.reference, about_mediator=True, email="ravi.private@example.com")
    service.complaint_acknowledge(complaint=complaint, by=manager, today=dt.date(2026, 11, 3))
    service.complaint_respond(complaint=complaint, by=manager, outcome="upheld", response="We are sorry.",
                              lessons_learned="", today=dt.date(2026, 11, 20))
    return case, complaint


def test_messages_about_a_complaint_belong_to_it_not_to_its_case(manager, manager_client, mediator) -> None:
    case, complaint = _answered_complaint_about(mediator, manager)
    response_message = Message.objects.get(template_key="complaint_response")
    assert (response_message.complaint_id, response_message.case_id) == (complaint.pk, None)
    case_url = reverse("cases:detail", kwargs={"reference": case.reference})
    as_mediator = client_for(mediator).get(case_url)
    assert as_mediator.status_code == 200
    html = as_mediator.content.decode()
    assert "ravi.private@example.com" not in html
    assert "Our response to your complaint" not in html
    assert "We have received your complaint" not in html
    # The case page no longer lists them for a manager either: they are on the complaint's page.
    assert "ravi.private@example.com" not in manager_client.get(case_url).content.decode()
    page = manager_client.get(reverse("feedback:complaint", kwargs={"pk": complaint.pk})).content.decode()
    assert f"Our response to your complaint ({complaint.reference})" in page
    assert f"We have received your complaint ({complaint.reference})" in page


def test_a_complaint_attachment_answers_as_the_complaint_page_does(manager, manager_client, mediator,
                                                                   coordinator, coordinator_client) -> None:
    _, complaint = _answered_complaint_about(mediator, manager)
    attachment = MessageAttachment.objects.get(message__complaint=complaint)
    url = reverse("notifications:attachment",
                  kwargs={"message_id": attachment.message_id, "attachment_id": attachment.pk})
    complaint_url = reverse("feedback:complaint", kwargs={"pk": complaint.pk})
    mediator_client = client_for(mediator)
    assert mediator_client.get(complaint_url).status_code == 404
    assert mediator_client.get(url).status_code == 404
    # A coordinator it is about is refused as on the complaint's page; one it is not about reads it.
    assert coordinator_client.get(url).status_code == 200
    Complaint.objects.filter(pk=complaint.pk).update(about=coordinator)
    assert coordinator_client.get(complaint_url).status_code == 404
    assert coordinator_client.get(url).status_code == 404
    download = manager_client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content if download.streaming else [download.content])[:5] == b"%PDF-"
    assert download.headers["Content-Disposition"] == (
        f'attachment; filename="complaint-{complaint.reference}-response.pdf"')
    page = manager_client.get(complaint_url).content.decode()
    assert f'href="{url}"' in page
