"""Staff pages: who may open them, and that each action works."""

from __future__ import annotations

import pytest
from django.core import mail

from senmediation.accounts.roles import Role
from senmediation.cases.models import Party
from senmediation.cases.tests.factories import case_make
from senmediation.notifications.models import CallTask, Message
from senmediation.notifications.services import notification_send
from senmediation.portal.models import PartyLink
from testsupport.fixtures import client_for, user_make

from .helpers import parent_make

pytestmark = pytest.mark.django_db
OFFICE_PAGES = ["/staff/notifications/", "/staff/notifications/print-queue/", "/staff/notifications/calls/"]


@pytest.mark.parametrize("url", OFFICE_PAGES)
def test_office_pages_for_coordinators_and_managers_only(url, coordinator_client, manager_client, mediator_client,
                                                         commissioner, client) -> None:
    assert coordinator_client.get(url).status_code == 200
    assert manager_client.get(url).status_code == 200
    assert mediator_client.get(url).status_code == 403
    assert client_for(commissioner).get(url).status_code == 403
    assert client.get(url).status_code == 302


def test_message_list_filters_by_status(coordinator_client, coordinator) -> None:
    parent = parent_make()
    notification_send(template_key="referral_received", context={}, party=parent, idempotency_key="q1")
    assert "We have received your request" in coordinator_client.get("/staff/notifications/").content.decode()
    assert "No messages with that status" in coordinator_client.get(
        "/staff/notifications/?status=failed").content.decode()


def test_retrying_a_failed_message(coordinator_client, coordinator, django_capture_on_commit_callbacks) -> None:
    message = notification_send(template_key="referral_received", context={}, party=parent_make(),
                                idempotency_key="r1")
    Message.objects.filter(pk=message.pk).update(status="failed", last_error="boom", attempts=5)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(f"/staff/notifications/messages/{message.pk}/retry/")
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == "sent" and len(mail.outbox) == 1


def test_print_queue_download_and_mark_printed_then_posted(coordinator_client, coordinator,
                                                          django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["letter"], address="1 Road\nSale")
    with django_capture_on_commit_callbacks(execute=True):
        letter = notification_send(template_key="referral_received", context={}, party=parent, idempotency_key="l1")
    page = coordinator_client.get("/staff/notifications/print-queue/").content.decode()
    assert "Ready to print" in page and "1 Road" in page
    pdf = coordinator_client.get(f"/staff/notifications/print-queue/{letter.pk}/letter.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and pdf["Content-Type"] == "application/pdf"
    coordinator_client.post(f"/staff/notifications/print-queue/{letter.pk}/printed/")
    letter.refresh_from_db()
    assert letter.status == "printed" and letter.printed_at
    coordinator_client.post(f"/staff/notifications/print-queue/{letter.pk}/posted/")
    letter.refresh_from_db()
    assert letter.status == "posted"
    assert "no letters waiting" in coordinator_client.get("/staff/notifications/print-queue/").content.decode()


def test_calls_page_and_marking_a_call_done(coordinator_client, coordinator,
                                            django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["phone"], call_times="After 3pm")
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(template_key="referral_received", context={}, party=parent, idempotency_key="c1")
    page = coordinator_client.get("/staff/notifications/calls/").content.decode()
    assert "Ravi Patel" in page and "After 3pm" in page
    task = CallTask.objects.get()
    coordinator_client.post(f"/staff/notifications/calls/{task.pk}/done/")
    task.refresh_from_db()
    assert task.done_at and task.done_by == coordinator
    assert task.message.status == "delivered"


def test_templates_for_managers_only_with_preview_and_checks(manager_client, coordinator_client) -> None:
    assert coordinator_client.get("/staff/notifications/templates/").status_code == 403
    listing = manager_client.get("/staff/notifications/templates/")
    assert listing.status_code == 200 and "Secure link for a party" in listing.content.decode()
    url = "/staff/notifications/templates/party_link/"
    page = manager_client.get(url).content.decode()
    assert "link_url" in page and "The secure link for the person to use" in page
    preview = manager_client.post(url, {"subject": "Hi {{ party_name }}", "body": "Go to {{ link_url }}",
                                        "preview": "1"})
    assert "Hi Alex Example" in preview.content.decode()
    bad = manager_client.post(url, {"subject": "Hi", "body": "{{ secret }}", "save": "1"})
    assert bad.status_code == 400 and "not one of the placeholders" in bad.content.decode()
    saved = manager_client.post(url, {"subject": "Hi {{ party_name }}", "body": "Go to {{ link_url }}", "save": "1"})
    assert saved.status_code == 302


def test_case_links_make_send_and_stop(coordinator_client, coordinator, django_capture_on_commit_callbacks) -> None:
    case = case_make(by=coordinator)
    parent = case.parties.get(role=Party.Role.PARENT)
    url = f"/staff/notifications/cases/{case.reference}/links/"
    assert coordinator_client.get(url).status_code == 200
    assert coordinator_client.post(url, {"party": parent.pk, "days_valid": "14"}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, {"party": parent.pk, "purpose": "attendance", "days_valid": "7"})
    assert response.status_code == 302
    link = PartyLink.objects.get()
    assert link.purpose == "attendance" and link.created_by == coordinator
    assert len(mail.outbox) == 1 and "/p/" in mail.outbox[0].body
    page = coordinator_client.get(url).content.decode()
    assert "Confirm if you are coming to the meeting" in page and "Working" in page
    coordinator_client.post(f"{url}{link.pk}/revoke/")
    link.refresh_from_db()
    assert link.revoked_at


def test_a_link_made_without_a_time_lasts_its_purposes_default(coordinator_client, coordinator) -> None:
    case = case_make(by=coordinator)
    parent = case.parties.get(role=Party.Role.PARENT)
    url = f"/staff/notifications/cases/{case.reference}/links/"
    assert "tell us when you can come, 7 days" in coordinator_client.get(url).content.decode()
    assert coordinator_client.post(url, {"party": parent.pk, "purpose": "agreement", "days_valid": ""}).status_code == 302
    link = PartyLink.objects.get()
    assert (link.expires_at - link.created_at).days == 30


def test_case_links_follow_case_visibility(mediator, other_mediator, coordinator, commissioner) -> None:
    case = case_make(by=coordinator)
    case.mediator = mediator
    case.save()
    url = f"/staff/notifications/cases/{case.reference}/links/"
    assert client_for(mediator).get(url).status_code == 200
    assert client_for(other_mediator).get(url).status_code == 404
    assert client_for(commissioner).get(url).status_code == 403
    admin = user_make("admin2", Role.ADMINISTRATOR)
    assert client_for(admin).get(url).status_code == 403


def test_case_messages_include_renders(coordinator) -> None:
    from django.template.loader import render_to_string

    from senmediation.notifications.selectors import messages_for_case

    parent = parent_make()
    notification_send(template_key="referral_received", context={}, party=parent, idempotency_key="i1")
    html = render_to_string("notifications/case_messages.html",
                            {"messages_for_case": messages_for_case(case=parent.case)})
    assert "We have received your request" in html and "Queued" in html


def test_letter_and_call_pages_record_the_case_they_show(coordinator_client, django_capture_on_commit_callbacks) -> None:
    from senmediation.audit.models import AuditEntry

    letter_party = parent_make(preferred_contact=["letter"], address="1 Road\nSale")
    with django_capture_on_commit_callbacks(execute=True):
        letter = notification_send(template_key="referral_received", context={}, party=letter_party,
                                   idempotency_key="a1")
    coordinator_client.get(f"/staff/notifications/print-queue/{letter.pk}/letter.pdf")
    coordinator_client.post(f"/staff/notifications/print-queue/{letter.pk}/printed/")
    entries = list(AuditEntry.objects.filter(view_name__in=["notifications:letter", "notifications:letter_printed"])
                   .values_list("view_name", "case_reference"))
    assert entries == [("notifications:letter", letter_party.case.reference),
                       ("notifications:letter_printed", letter_party.case.reference)]


def test_the_office_pages_leave_out_a_complaint_s_messages_for_whoever_it_is_about(coordinator, coordinator_client,
                                                                                   manager) -> None:
    from senmediation.feedback.models import Complaint
    from senmediation.feedback.services.complaints import complaint_acknowledge
    from senmediation.feedback.tests.factories import complaint_make

    complaint = complaint_make(email="ravi.private@example.com")
    complaint_acknowledge(complaint=complaint, by=manager, today=complaint.received_on)
    url = "/staff/notifications/"
    assert "ravi.private@example.com" in coordinator_client.get(url).content.decode()
    Complaint.objects.filter(pk=complaint.pk).update(about=coordinator)
    response = coordinator_client.get(url)
    assert response.status_code == 200
    assert "ravi.private@example.com" not in response.content.decode()
