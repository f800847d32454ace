"""What staff see of messages. Pages that show one case's messages load the case through case_get_for first."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import CallTask, Message, MessageTemplate


def messages_for_case(*, case: Any, limit: int = 20) -> list[Message]:
    return list(Message.objects.filter(case=case).select_related("party").order_by("-created_at", "-id")[:limit])


def messages_recent(*, status: str = "", limit: int = 100) -> list[Message]:
    messages = Message.objects.select_related("case", "party").order_by("-created_at", "-id")
    if status in Message.Status.values:
        messages = messages.filter(status=status)
    return list(messages[:limit])


def print_queue() -> QuerySet[Message]:
    return (Message.objects.filter(channel=Message.Channel.LETTER,
                                   status__in=[Message.Status.SENT, Message.Status.PRINTED])
            .select_related("case", "party").prefetch_related("attachments").order_by("created_at", "id"))


def letter_get(message_id: int) -> Message | None:
    return Message.objects.filter(pk=message_id, channel=Message.Channel.LETTER).select_related("case").first()


def call_tasks_open() -> QuerySet[CallTask]:
    return CallTask.objects.filter(done_at__isnull=True).select_related("case", "party", "message").order_by("due", "id")


def templates_all() -> QuerySet[MessageTemplate]:
    return MessageTemplate.objects.order_by("name")
