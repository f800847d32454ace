"""A message is only sent through a channel that can reach its person; otherwise it waits, with the reason,
until the missing detail is added to the party."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from senmediation.cases.services.casework import party_update
from senmediation.notifications.models import CallTask, Message
from senmediation.notifications.selectors import print_queue
from senmediation.notifications.services import notification_send

from .helpers import parent_make

pytestmark = pytest.mark.django_db


def _send(party, key="k1", template_key="referral_received"):  # type: ignore[no-untyped-def]
    return notification_send(template_key=template_key, context={}, party=party, idempotency_key=key)


def test_a_letter_without_a_postal_address_waits_and_is_not_printed(
        coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["letter"], address="")
    with django_capture_on_commit_callbacks(execute=True):
        message = _send(parent)
    message.refresh_from_db()
    assert (message.channel, message.status, message.status_label) == ("letter", "cannot_send", "Cannot send")
    assert message.last_error == "No postal address for Ravi Patel: add one to send this letter"
    assert not message.letter_file
    assert list(print_queue(user=coordinator)) == []


def test_the_waiting_letter_is_sent_once_the_address_is_added(
        coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["letter"], address="")
    with django_capture_on_commit_callbacks(execute=True):
        message = _send(parent)
    message.refresh_from_db()
    assert message.status == "cannot_send"
    with django_capture_on_commit_callbacks(execute=True):
        party_update(party=parent, by=coordinator, address="1 Example Street\nSale\nM33 1AA")
    message.refresh_from_db()
    assert (message.status, message.status_label, message.last_error) == ("sent", "Ready to print", "")
    assert message.to.splitlines() == ["Ravi Patel", "1 Example Street", "Sale", "M33 1AA"]
    assert list(print_queue(user=coordinator)) == [message]


def test_changing_another_detail_leaves_the_letter_waiting(
        coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["letter"], address="")
    with django_capture_on_commit_callbacks(execute=True):
        message = _send(parent)
        party_update(party=parent, by=coordinator, language="Urdu")
    message.refresh_from_db()
    assert (message.status, message.last_error) == (
        "cannot_send", "No postal address for Ravi Patel: add one to send this letter")


def test_adding_an_email_address_sends_the_waiting_message_by_email(
        coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["email"], email="", address="")
    with django_capture_on_commit_callbacks(execute=True):
        message = _send(parent)
    message.refresh_from_db()
    assert (message.channel, message.status) == ("letter", "cannot_send")
    with django_capture_on_commit_callbacks(execute=True):
        party_update(party=parent, by=coordinator, email="ravi@example.com")
    message.refresh_from_db()
    assert (message.channel, message.to, message.status) == ("email", "ravi@example.com", "sent")
    assert [m.to for m in mail.outbox] == [["ravi@example.com"]]


def test_a_call_with_a_phone_number_is_made_as_before(coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["phone"], address="")
    with django_capture_on_commit_callbacks(execute=True):
        message = _send(parent)
    message.refresh_from_db()
    assert (message.channel, message.status) == ("call_task", "sent")
    assert CallTask.objects.get().message == message


def test_the_staff_message_list_shows_and_filters_the_ones_that_cannot_be_sent(
        coordinator_client, django_capture_on_commit_callbacks) -> None:
    waiting_parent = parent_make(preferred_contact=["letter"], address="")
    with django_capture_on_commit_callbacks(execute=True):
        _send(waiting_parent, key="waiting")
    response = coordinator_client.get(reverse("notifications:messages"), {"status": "cannot_send"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 cannot send message" in page
    assert "No postal address for Ravi Patel: add one to send this letter" in page
    assert Message.objects.get().status == "cannot_send"


def test_the_case_page_gets_its_recent_messages_and_every_held_clock_message_in_one_query(
        coordinator, django_assert_num_queries) -> None:
    from senmediation.notifications.selectors import messages_for_case_page

    parent = parent_make(preferred_contact=["letter"], address="")
    held = _send(parent, key="certificate", template_key="certificate_issued")
    _send(parent, key="ordinary")  # waiting too, but no time limit depends on it
    newer = [_send(parent, key=f"newer-{n}") for n in range(2)]
    with django_assert_num_queries(1):
        recent, waiting = messages_for_case_page(case=parent.case, limit=2)
    assert recent == newer[::-1]
    assert waiting == [held]
    assert waiting[0].last_error == "No postal address for Ravi Patel: add one to send this letter"


def test_a_meeting_invitation_to_an_la_officer_without_an_email_address_waits(
        coordinator, django_capture_on_commit_callbacks) -> None:
    import datetime as dt

    from senmediation.cases.models import Party
    from senmediation.meetings.models import Meeting
    from senmediation.meetings.services import meeting_invitations_send

    parent = parent_make()
    case = parent.case
    officer = Party.objects.create(case=case, role=Party.Role.LA_OFFICER, name="Jo Bloggs",
                                   organisation="Trafford Council", preferred_contact=["email"])
    meeting = Meeting.objects.create(case=case, starts_at=dt.datetime(2026, 12, 15, 10, 0, tzinfo=dt.UTC))
    with django_capture_on_commit_callbacks(execute=True):
        meeting_invitations_send(meeting=meeting, by=coordinator)
    invitations = {m.party.name: (m.channel, m.status, m.last_error)
                   for m in Message.objects.filter(case=case, template_key="meeting_invitation")}
    assert invitations == {
        "Ravi Patel": ("email", "sent", ""),
        "Jo Bloggs": ("letter", "cannot_send", "No postal address for Jo Bloggs: add one to send this letter"),
    }
    assert [m.to for m in mail.outbox] == [["ravi@example.com"]]
    with django_capture_on_commit_callbacks(execute=True):
        party_update(party=officer, by=coordinator, email="jo.bloggs@example.gov.uk")
    assert Message.objects.get(party=officer).status == "sent"
    assert [m.to for m in mail.outbox] == [["ravi@example.com"], ["jo.bloggs@example.gov.uk"]]
