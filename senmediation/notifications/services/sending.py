"""notification_send: the one door every outgoing message goes through."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from senmediation.cases.correspondence import party_correspondent
from senmediation.core.errors import ServiceError
from senmediation.directory.selectors import provider_current

from ..models import Message, MessageAttachment
from .routing import Route, route_for_party, route_gap_for_party
from .secure_links import LINK_PLACEHOLDER
from .templates import template_for, template_render
from .worker import message_deliver_later

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


def _base_context(*, case: Any, party: Any) -> dict[str, Any]:
    provider = provider_current()
    return {
        "party_name": getattr(party, "name", "") or "",
        "case_reference": getattr(case, "reference", "") or "",
        "child_first_name": getattr(case, "child_first_name", "") or "",
        "provider_name": getattr(provider, "name", "") or "SEN Mediation",
        "provider_phone": getattr(provider, "phone", "") or "",
        "provider_email": getattr(provider, "email", "") or "",
    }


def _staff_note(party: Any) -> str:
    if party is None:
        return ""
    adjustments = list(party.adjustments or [])
    notes = []
    if party.interpreter_needed or "interpreter" in adjustments:
        notes.append(f"Needs an interpreter ({party.language or 'language not recorded'}): "
                     "arrange one for calls, or send a translated copy")
    if "bsl" in adjustments:
        notes.append("Uses British Sign Language")
    if "easy_read" in adjustments:
        notes.append("Asked for easy read")
    return "; ".join(notes)[:300]


def _enqueue(message_id: int) -> None:
    try:
        message_deliver_later(message_id)
    except Exception:  # the due-message sweep picks it up; a queue hiccup must not lose the message
        logger.exception("Could not enqueue delivery of message %s", message_id)


def notification_send(
    *, template_key: str, context: dict[str, Any], party: Any = None, to_email: str = "", case: Any = None,
    attachments: Sequence[Attachment] = (), idempotency_key: str, by: Any = None, route: Route | None = None,
    party_link: Any = None, link_site: str = "", complaint: Any = None,
) -> Message:
    """Logs one message, routed by the person's preferences, and hands it to the worker once the
    transaction commits. Calling again with the same idempotency_key returns the first message unchanged.
    With `party_link`, {{ link_url }} is stored as a placeholder and the link made as it is sent.
    With `complaint`, the message belongs to the complaint and to no case (whatever `case` says)."""
    if not idempotency_key:
        raise ServiceError("A message needs an idempotency key so it is never sent twice.")
    existing = Message.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    if party is None and not to_email and route is None:
        raise ServiceError("Say who the message is to: a party, an e-mail address or a route.")
    case = None if complaint is not None else case if case is not None else getattr(party, "case", None)
    if party is not None:
        # Someone who lacks capacity is written to through the person acting for them (SEND Regs 2014
        # regs 63-64); the young person's own views link stays theirs (reg 38(3)). cases/correspondence.py.
        party = party_correspondent(party, link_purpose=str(getattr(party_link, "purpose", "") or ""))
    # `route`: someone who is not a party (a complainant) and chose how to hear from us.
    route = route or (Route("email", to_email) if to_email else route_for_party(party))
    template = template_for(template_key)
    if party_link is not None:
        context = {**context, "link_url": LINK_PLACEHOLDER}
    subject, body = template_render(
        subject=template.subject, body=template.body, context={**_base_context(case=case, party=party), **context}
    )
    # A channel that cannot reach the person (a letter with no address) is not "sent": it waits, with the
    # reason, until the detail is added to the party (messages_release_for_party).
    gap = "" if to_email else route_gap_for_party(route, party)
    try:
        with transaction.atomic():
            message = Message.objects.create(
                case=case, complaint=complaint, party=party, template_key=template_key, channel=route.channel, to=route.to,
                subject=subject, body=body, note=_staff_note(party), idempotency_key=idempotency_key,
                large_print="large_print" in list(getattr(party, "adjustments", None) or []),
                created_by=by if getattr(by, "pk", None) else None, party_link=party_link, link_site=link_site,
                status=Message.Status.CANNOT_SEND if gap else Message.Status.QUEUED, last_error=gap,
            )
            for item in attachments:
                attachment = MessageAttachment(message=message, filename=item.filename, mimetype=item.mimetype)
                attachment.file.save(item.filename, ContentFile(item.content), save=True)
            if not gap:
                transaction.on_commit(lambda: _enqueue(message.pk))
    except IntegrityError:
        # Another request made the same message a moment ago: that one is the message.
        existing = Message.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return existing
    return message


def messages_release_for_party(*, party: Any) -> list[Message]:
    """Re-checks the messages waiting for `party`'s missing details (status 'cannot send') after the party was
    changed: each that can now reach them is routed afresh and queued, and goes out once the transaction
    commits; the others keep waiting with the reason brought up to date. Returns the released messages."""
    released: list[Message] = []
    with transaction.atomic():
        waiting = list(Message.objects.select_for_update().filter(party=party, status=Message.Status.CANNOT_SEND)
                       .order_by("created_at", "id"))
        if not waiting:
            return released
        route = route_for_party(party)
        gap = route_gap_for_party(route, party)
        for message in waiting:
            if gap:
                Message.objects.filter(pk=message.pk).update(last_error=gap)
                continue
            Message.objects.filter(pk=message.pk).update(
                channel=route.channel, to=route.to, status=Message.Status.QUEUED, last_error="", next_attempt_at=None,
            )
            released.append(message)
            transaction.on_commit(lambda pk=message.pk: _enqueue(pk))  # type: ignore[misc]
    return released
