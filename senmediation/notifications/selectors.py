"""What staff see of messages. Pages that show one case's messages load the case through case_get_for first.

A message to a complainant belongs to its complaint (never to a case) and is seen by exactly those who may see
the complaint: the complaint selector decides, so whoever a complaint is about never meets its messages here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from senmediation.accounts.roles import Role, user_roles
from senmediation.feedback.selectors import complaint_queryset_for

from .models import CallTask, Message, MessageAttachment, MessageTemplate

OFFICE = frozenset({Role.COORDINATOR, Role.MANAGER})


def messages_visible_to(user: Any) -> QuerySet[Message]:
    """Every message for the office, less those of complaints `user` may not see; nothing for anyone else."""
    if not user_roles(user) & OFFICE:
        return Message.objects.none()
    return Message.objects.filter(Q(complaint__isnull=True) | Q(complaint__in=complaint_queryset_for(user)))


def messages_for_case(*, case: Any, limit: int = 20) -> list[Message]:
    return list(Message.objects.filter(case=case, complaint__isnull=True).select_related("party")
                .order_by("-created_at", "-id")[:limit])


# Messages a statutory clock runs from: the family's certificate (CFA 2014 s.55; the appeal clock) and the
# letters to the local authority (SEND Regs 2014 regs 35-36).
CLOCK_TEMPLATES = ("certificate_issued", "la_mediation_requested", "la_can_arrange_check")


def _held_on_clocks(message: Message) -> bool:
    return message.template_key in CLOCK_TEMPLATES and message.status == Message.Status.CANNOT_SEND


def messages_for_case_page(*, case: Any, limit: int = 20) -> tuple[list[Message], list[Message]]:
    """In one query (the case page keeps to its query budget): the case's most recent messages, and every one
    a time limit depends on that waits in 'cannot send' (oldest first), however old."""
    own = Message.objects.filter(case=case, complaint__isnull=True)
    recent_ids = own.order_by("-created_at", "-id").values("pk")[:limit]
    rows = list(own.filter(Q(pk__in=recent_ids) | Q(template_key__in=CLOCK_TEMPLATES,
                                                    status=Message.Status.CANNOT_SEND))
                .select_related("party").order_by("-created_at", "-id"))
    # The held ones outside the most recent are older than all of those, so the first `limit` rows are they.
    return rows[:limit], [m for m in reversed(rows) if _held_on_clocks(m)]


def messages_for_complaint(*, complaint: Any) -> list[Message]:
    """A complaint's messages, for its page (which has loaded the complaint through complaint_get_for)."""
    return list(Message.objects.filter(complaint=complaint).prefetch_related("attachments")
                .order_by("-created_at", "-id"))


def message_get_for(*, user: Any, message_id: int) -> Message:
    message = messages_visible_to(user).select_related("case").filter(pk=message_id).first()
    if message is None:
        raise Http404("No such message")
    return message


def attachment_get_for(*, user: Any, message_id: int, attachment_id: int) -> MessageAttachment:
    """404 unless `user` may see the message: for a complaint's message, exactly as its complaint's page."""
    attachment = (MessageAttachment.objects.select_related("message__case")
                  .filter(pk=attachment_id, message__in=messages_visible_to(user)).filter(message_id=message_id)
                  .first())
    if attachment is None:
        raise Http404("No such attachment")
    return attachment


def messages_recent(*, user: Any, status: str = "", limit: int = 100) -> list[Message]:
    messages = messages_visible_to(user).select_related("case", "party").order_by("-created_at", "-id")
    if status in Message.Status.values:
        messages = messages.filter(status=status)
    return list(messages[:limit])


def print_queue(*, user: Any) -> QuerySet[Message]:
    return (messages_visible_to(user).filter(channel=Message.Channel.LETTER,
                                   status__in=[Message.Status.SENT, Message.Status.PRINTED])
            .select_related("case", "party").prefetch_related("attachments").order_by("created_at", "id"))


def letter_get(*, user: Any, message_id: int) -> Message | None:
    return messages_visible_to(user).filter(pk=message_id, channel=Message.Channel.LETTER).select_related("case").first()


def call_tasks_visible_to(user: Any) -> QuerySet[CallTask]:
    """Calls with no message, and calls whose message `user` may see (as messages_visible_to decides), asked
    through the call's own message row: an IN over every message would read them all (4 million at 1,000,000
    cases)."""
    if not user_roles(user) & OFFICE:
        return CallTask.objects.filter(message__isnull=True)
    return CallTask.objects.filter(Q(message__isnull=True) | Q(message__complaint__isnull=True)
                                   | Q(message__complaint__in=complaint_queryset_for(user)))


def call_tasks_open(*, user: Any) -> QuerySet[CallTask]:
    # The message's link with its party and case: the call script checks the link can still be used.
    return (call_tasks_visible_to(user).filter(done_at__isnull=True)
            .select_related("case", "party", "message__party_link__party__case").order_by("due", "id"))


def call_task_get_for(*, user: Any, task_id: int) -> CallTask:
    """A call `user` may see, with what making its code needs; 404 otherwise."""
    task = (call_tasks_visible_to(user).select_related("case", "message__party_link__party__case")
            .filter(pk=task_id).first())
    if task is None:
        raise Http404("No such call")
    return task


def templates_all() -> QuerySet[MessageTemplate]:
    return MessageTemplate.objects.order_by("name")
