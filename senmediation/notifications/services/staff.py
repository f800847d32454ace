"""What staff do with messages: print and post letters, make calls, and try a failed message again."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from senmediation.core import clock
from senmediation.core.errors import ServiceError

from ..models import CallTask, Message
from .sending import _enqueue


def message_mark_printed(*, message: Message, by: Any) -> Message:
    if message.channel != Message.Channel.LETTER or message.status != Message.Status.SENT:
        raise ServiceError("Only a letter waiting to be printed can be marked as printed.")
    with transaction.atomic():
        message.status, message.printed_at = Message.Status.PRINTED, clock.now()
        message.save(update_fields=["status", "printed_at"])
    return message


def message_mark_posted(*, message: Message, by: Any) -> Message:
    if message.channel != Message.Channel.LETTER or message.status not in (Message.Status.SENT,
                                                                           Message.Status.PRINTED):
        raise ServiceError("Only a printed letter can be marked as posted.")
    with transaction.atomic():
        message.status, message.posted_at = Message.Status.POSTED, clock.now()
        message.printed_at = message.printed_at or message.posted_at
        message.save(update_fields=["status", "posted_at", "printed_at"])
    return message


def message_retry(*, message: Message, by: Any) -> Message:
    """A failed message back in the queue, by a person who has checked it did not arrive."""
    with transaction.atomic():
        updated = Message.objects.filter(pk=message.pk, status=Message.Status.FAILED).update(
            status=Message.Status.QUEUED, attempts=0, next_attempt_at=None, handed_to_backend_at=None,
        )
        if updated != 1:
            raise ServiceError("Only a failed message can be tried again.")
        transaction.on_commit(lambda: _enqueue(message.pk))
    message.refresh_from_db()
    return message


def call_task_done(*, task: CallTask, by: Any) -> CallTask:
    if task.done_at:
        raise ServiceError("That call is already marked as done.")
    with transaction.atomic():
        task.done_at, task.done_by = clock.now(), by
        task.save(update_fields=["done_at", "done_by"])
        if task.message_id:
            Message.objects.filter(pk=task.message_id, status=Message.Status.SENT).update(
                status=Message.Status.DELIVERED)
    return task
