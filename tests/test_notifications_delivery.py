"""Background delivery: claimed once, retried with back-off, reclaimed after a worker dies, never sent twice."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from senmediation.notifications.models import Message
from senmediation.notifications.services import message_deliver_now, messages_retry_due, notification_send
from senmediation.notifications.services.delivery import MAX_ATTEMPTS, UNKNOWN_OUTCOME, message_claim
from senmediation.notifications.tests.helpers import parent_make

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)


def _queued(party, key="m1"):  # type: ignore[no-untyped-def]
    # Without capturing on-commit callbacks the worker is never told: the message just sits in the queue.
    return notification_send(template_key="referral_received", context={}, party=party, idempotency_key=key)


def test_a_worker_killed_after_claiming_is_recovered_and_the_email_goes_once(coordinator) -> None:
    parent = parent_make()
    with time_machine.travel(START, tick=False) as traveller:
        message = _queued(parent)
        assert message_claim(message.pk, now=START)  # the worker claims it ...
        # ... and is killed before it sends anything.
        assert messages_retry_due() == 0  # not stale yet: another worker may still be busy with it
        message.refresh_from_db()
        assert message.status == "sending" and len(mail.outbox) == 0
        traveller.shift(dt.timedelta(minutes=11))
        call_command("messages_deliver_due")
        message.refresh_from_db()
        assert message.status == "sent" and message.attempts == 2
        assert len(mail.outbox) == 1
        # Running the sweep or the task again never sends a second copy.
        messages_retry_due()
        assert message_deliver_now(message.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_a_worker_killed_after_handing_over_is_not_sent_again_but_shown_as_failed(coordinator) -> None:
    parent = parent_make()
    with time_machine.travel(START, tick=False) as traveller:
        message = _queued(parent)
        assert message_claim(message.pk, now=START)
        Message.objects.filter(pk=message.pk).update(handed_to_backend_at=START)
        traveller.shift(dt.timedelta(minutes=11))
        messages_retry_due()
    message.refresh_from_db()
    assert message.status == "failed" and message.last_error == UNKNOWN_OUTCOME
    assert len(mail.outbox) == 0


def test_only_one_worker_wins_the_claim(coordinator) -> None:
    message = _queued(parent_make())
    now = message.created_at
    assert message_claim(message.pk, now=now) is True
    assert message_claim(message.pk, now=now) is False


def test_a_failing_mail_server_is_retried_with_back_off_then_shown_as_failed(
        settings, coordinator, coordinator_client, django_capture_on_commit_callbacks) -> None:
    settings.EMAIL_BACKEND = "senmediation.notifications.tests.helpers.DisconnectingBackend"
    parent = parent_make()
    with time_machine.travel(START, tick=False) as traveller:
        with django_capture_on_commit_callbacks(execute=True):
            message = _queued(parent)
        message.refresh_from_db()
        assert message.status == "queued" and message.attempts == 1
        assert message.next_attempt_at == START + dt.timedelta(minutes=1)
        waits = []
        while message.status == "queued":
            assert messages_retry_due() == 0  # nothing is due before its time
            waits.append(message.next_attempt_at)
            traveller.move_to(message.next_attempt_at)
            messages_retry_due()
            message.refresh_from_db()
    assert [b - a for a, b in zip([START, *waits], waits, strict=False)][:3] == [
        dt.timedelta(minutes=1), dt.timedelta(minutes=2), dt.timedelta(minutes=4)]
    assert message.status == "failed" and message.attempts == MAX_ATTEMPTS
    assert "SMTPServerDisconnected" in message.last_error
    assert len(mail.outbox) == 0
    page = coordinator_client.get("/staff/notifications/?status=failed")
    assert page.status_code == 200
    assert "SMTPServerDisconnected" in page.content.decode()
    assert "Try again" in page.content.decode()


def test_a_temporary_failure_then_success_sends_once(settings, coordinator,
                                                     django_capture_on_commit_callbacks) -> None:
    settings.EMAIL_BACKEND = "senmediation.notifications.tests.helpers.DisconnectingBackend"
    with time_machine.travel(START, tick=False) as traveller:
        with django_capture_on_commit_callbacks(execute=True):
            message = _queued(parent_make())
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert messages_retry_due() == 0  # not due for a minute
        traveller.shift(dt.timedelta(minutes=1))
        assert messages_retry_due() == 1
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 2 and message.last_error == ""
    assert len(mail.outbox) == 1


def test_a_refused_address_fails_at_once(settings, coordinator, monkeypatch) -> None:
    import smtplib

    def refuse(self, messages):  # type: ignore[no-untyped-def]
        raise smtplib.SMTPRecipientsRefused({"x@example.com": (550, b"No such user")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    message = _queued(parent_make())
    assert message_deliver_now(message.pk) == "failed"
    message.refresh_from_db()
    assert message.attempts == 1 and "refused" in message.last_error


@pytest.mark.django_db(transaction=True)
def test_workers_racing_for_one_message_send_it_once() -> None:
    import threading

    from django.db import connection

    from senmediation.demodata.reference import demo_reference_data_load

    demo_reference_data_load()
    message = _queued(parent_make())
    # In autocommit the in-process task backend has already delivered it: put it back as if just queued.
    Message.objects.filter(pk=message.pk).update(status="queued", attempts=0, sent_at=None)
    mail.outbox.clear()
    results: list[str] = []
    barrier = threading.Barrier(4)

    def worker() -> None:
        try:
            barrier.wait()
            results.append(message_deliver_now(message.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["sent", "skipped", "skipped", "skipped"]
    assert len(mail.outbox) == 1
