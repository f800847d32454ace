"""notification_send: routing by preference, templates, idempotency, letters and calls."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from pypdf import PdfReader

from senmediation.core.errors import ServiceError
from senmediation.notifications.defaults import DEFAULT_TEMPLATES
from senmediation.notifications.models import CallTask, Message, MessageTemplate
from senmediation.notifications.selectors import messages_for_case, print_queue
from senmediation.notifications.services import Attachment, notification_send, template_update
from senmediation.notifications.services.channels import message_id_for
from senmediation.notifications.services.templates import template_problems

from .helpers import parent_make

pytestmark = pytest.mark.django_db


def _send(party, key="k1", template_key="referral_received", **kwargs):  # type: ignore[no-untyped-def]
    return notification_send(template_key=template_key, context={}, party=party, idempotency_key=key, **kwargs)


def test_every_default_template_is_there_after_migrate() -> None:
    keys = set(MessageTemplate.objects.values_list("key", flat=True))
    assert {t.key for t in DEFAULT_TEMPLATES} <= keys
    assert {"referral_received", "party_link", "certificate_issued", "meeting_invitation", "meeting_reminder",
            "agreement_copy", "la_mediation_requested", "action_reminder", "action_late"} <= keys


def test_email_preference_sends_one_email_with_a_stable_message_id(
        coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make()
    with django_capture_on_commit_callbacks(execute=True):
        message = _send(parent, by=coordinator)
    message.refresh_from_db()
    assert message.channel == "email" and message.status == "sent" and message.attempts == 1
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["ravi@example.com"]
    assert parent.case.reference in email.subject
    assert "Dear Ravi Patel" in email.body
    assert email.extra_headers["Message-ID"] == message_id_for(message)
    assert messages_for_case(case=parent.case) == [message]


def test_same_idempotency_key_never_makes_a_second_message(coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make()
    with django_capture_on_commit_callbacks(execute=True):
        first = _send(parent, key="referral:1")
        second = _send(parent, key="referral:1")
    assert first.pk == second.pk
    assert Message.objects.count() == 1
    assert len(mail.outbox) == 1


def test_changing_preference_from_email_to_letter_changes_where_the_next_message_goes(
        coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make(address="1 Example Street\nSale\nM33 1AA")
    with django_capture_on_commit_callbacks(execute=True):
        _send(parent, key="first")
    parent.preferred_contact = ["letter"]
    parent.save()
    with django_capture_on_commit_callbacks(execute=True):
        letter = _send(parent, key="second")
    letter.refresh_from_db()
    assert len(mail.outbox) == 1  # only the first went by e-mail
    assert letter.channel == "letter" and letter.status == "sent" and letter.status_label == "Ready to print"
    assert letter.to.splitlines() == ["Ravi Patel", "1 Example Street", "Sale", "M33 1AA"]
    assert list(print_queue(user=coordinator)) == [letter]
    pdf = PdfReader(io.BytesIO(letter.letter_file.read()))
    assert "Dear Ravi Patel" in pdf.pages[0].extract_text()
    assert pdf.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged, for screen readers
    assert pdf.metadata.title == letter.subject


def test_large_print_letter_and_interpreter_note(coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["letter"], address="2 Road", adjustments=["large_print"],
                         interpreter_needed=True, language="Polish")
    with django_capture_on_commit_callbacks(execute=True):
        letter = _send(parent)
    letter.refresh_from_db()
    assert letter.large_print
    assert "interpreter (Polish)" in letter.note
    assert letter.letter_file.name.endswith(".pdf")


def test_text_without_notify_falls_back_to_the_next_preference(settings, coordinator) -> None:
    settings.NOTIFY_API_KEY = ""
    parent = parent_make(preferred_contact=["text", "email"])
    assert _send(parent).channel == "email"


def test_text_through_notify_when_configured(settings, monkeypatch, coordinator,
                                            django_capture_on_commit_callbacks) -> None:
    settings.NOTIFY_API_KEY = "test-key"
    settings.NOTIFY_SMS_TEMPLATE_ID = "sms-template"
    sent: list[dict[str, object]] = []

    class FakeClient:
        def send_sms_notification(self, **kwargs: object) -> dict[str, str]:
            sent.append(kwargs)
            return {"id": "1"}

    monkeypatch.setattr("senmediation.notifications.services.channels._notify_client", FakeClient)
    parent = parent_make(preferred_contact=["text", "email"])
    with django_capture_on_commit_callbacks(execute=True):
        message = _send(parent)
    message.refresh_from_db()
    assert message.channel == "sms" and message.status == "sent" and message.to == "07700 900123"
    assert sent[0]["template_id"] == "sms-template" and sent[0]["reference"] == message.idempotency_key
    assert len(mail.outbox) == 0


def test_phone_preference_makes_a_call_task(coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["phone"])
    with django_capture_on_commit_callbacks(execute=True):
        message = _send(parent)
    task = CallTask.objects.get()
    assert task.message == message and task.party == parent and "07700 900123" in task.reason
    assert len(mail.outbox) == 0


def test_no_usable_electronic_channel_means_a_letter(coordinator) -> None:
    parent = parent_make(preferred_contact=["email"], email="")
    assert _send(parent).channel == "letter"


def test_attachments_go_with_the_email(coordinator, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = notification_send(
            template_key="agreement_copy", context={"party_name": "LA team"}, to_email="sen@example.gov.uk",
            attachments=[Attachment("agreement.pdf", b"%PDF-1.7 test", "application/pdf")], idempotency_key="a1",
        )
    assert message.attachments.get().filename == "agreement.pdf"
    assert mail.outbox[0].attachments == [("agreement.pdf", b"%PDF-1.7 test", "application/pdf")]


def test_a_message_needs_someone_to_go_to_and_a_key(coordinator) -> None:
    with pytest.raises(ServiceError):
        notification_send(template_key="referral_received", context={}, idempotency_key="x")
    with pytest.raises(ServiceError):
        notification_send(template_key="referral_received", context={}, to_email="a@example.com", idempotency_key="")


def test_template_edits_are_limited_to_listed_placeholders(manager) -> None:
    template = MessageTemplate.objects.get(key="referral_received")
    assert template_problems(subject="Hi {{ party_name }}", body="{% if child_first_name %}x{% endif %}",
                             placeholders=template.placeholders) == []
    for bad in ("{{ settings.SECRET_KEY }}", "{{ request }}", "{% load static %}", "{{ party_name|safe }}",
                "{% if secret %}x{% endif %}", "{% if party_name %}x"):
        with pytest.raises(ServiceError):
            template_update(template=template, subject="Hello", body=bad, by=manager)
    template_update(template=template, subject="Thanks {{ party_name }}", body="Ref {{ case_reference }}", by=manager)
    template.refresh_from_db()
    assert template.subject == "Thanks {{ party_name }}"


def test_email_through_notify_when_configured_and_a_notify_outage_is_retried(
        settings, monkeypatch, coordinator) -> None:
    from notifications_python_client.errors import HTTPError

    from senmediation.notifications.services import message_deliver_now

    settings.NOTIFY_API_KEY = "test-key"
    settings.NOTIFY_EMAIL_TEMPLATE_ID = "email-template"
    calls: list[dict[str, object]] = []

    class Response:
        status_code = 500

        def json(self) -> dict[str, object]:
            return {"errors": [{"message": "Internal error"}]}

    class FakeClient:
        def send_email_notification(self, **kwargs: object) -> dict[str, str]:
            calls.append(kwargs)
            if len(calls) == 1:
                raise HTTPError(Response())  # type: ignore[arg-type]
            return {"id": "1"}

    monkeypatch.setattr("senmediation.notifications.services.channels._notify_client", FakeClient)
    message = _send(parent_make())
    assert message_deliver_now(message.pk) == "queued"
    message.refresh_from_db()
    assert "GOV.UK Notify" in message.last_error and message.handed_to_backend_at is None
    assert message_deliver_now(message.pk, now=message.next_attempt_at) == "sent"
    assert calls[1]["personalisation"] == {"subject": message.subject, "body": message.body}
    assert len(mail.outbox) == 0
