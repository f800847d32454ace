"""A family's answer to the meeting time we booked, sent from their case page: it suits them, or they ask for
another time and say why. Staff see an ask to change in the work queue and mark it dealt with.

Any of the family's own links that opens their case page may answer (the page is where the question is); the
time answered about comes from the caller (the case's next scheduled meeting, read by yourcase), so a reply
names the time the family saw, even if staff move the meeting afterwards."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from senmediation.core import clock
from senmediation.core.errors import ServiceError

from ..family import opens_case_page
from ..models import MeetingReply, PartyLink
from .submissions import _record_use

REASON_MOST = 2000


def meeting_reply_submit(*, link: PartyLink, meeting_starts_at: dt.datetime, suits: bool, reason: str) -> MeetingReply:
    if not opens_case_page(link) or link.revoked_at or link.expires_at <= clock.now() or not link.party.case.is_open:
        raise ServiceError("This link cannot be used for that.")
    reason = reason.strip()
    if not suits and not reason:
        raise ServiceError("Tell us why this time does not suit you and which days or times would be better", field="reason")
    if len(reason) > REASON_MOST:
        raise ServiceError("Your reason must be 2,000 characters or fewer", field="reason")
    with transaction.atomic():
        reply = MeetingReply.objects.create(party=link.party, link=link, submitted_at=clock.now(),
                                            meeting_starts_at=meeting_starts_at, suits=suits,
                                            reason="" if suits else reason)
        local = meeting_starts_at.astimezone(clock.LONDON)
        _record_use(link, f"say the meeting on {local:%-d %B %Y at %H:%M} "
                          + ("suits them" if suits else "does not suit them and ask for another time"))
    return reply


def meeting_reply_latest(*, party_id: int, meeting_starts_at: dt.datetime) -> MeetingReply | None:
    """The party's latest answer about this meeting time, if any."""
    return (MeetingReply.objects.filter(party_id=party_id, meeting_starts_at=meeting_starts_at)
            .order_by("-submitted_at", "-id").first())


def meeting_reply_dealt_with(*, reply_id: int, by: Any) -> None:
    """Staff have dealt with an ask to change (moved the meeting, or called the family and kept it)."""
    done = MeetingReply.objects.filter(pk=reply_id, suits=False, dealt_with_at__isnull=True).update(
        dealt_with_at=clock.now(), dealt_with_by=by)
    if not done:
        raise ServiceError("That request has already been dealt with")
