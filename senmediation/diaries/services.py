"""What a mediator records of their own time (availability and leave), and their private calendar feed.

Each is the mediator's own: the views pass the signed-in user, never an id from the request. A clash is not
prevented here (a mediator may record leave over a meeting already booked: they are told, and the diary marks
it); booking a meeting refuses a mediator who is away or double-booked (the booking service's check).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q

from senmediation.accounts.roles import Role
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.directory.models import MediatorAvailability, MediatorLeave
from senmediation.meetings.models import Meeting
from senmediation.rules.diary import weekly_days

from .models import DiaryFeed

LONGEST_PATTERN_DAYS = 183  # about six months of weekly availability at once
LONGEST_LEAVE_DAYS = 366


@dataclass(frozen=True)
class Recorded:
    days: int  # days written
    meetings_affected: int  # meetings already booked on days now marked as not available or on leave


def _meetings_on(mediator: Any, first: dt.date, last: dt.date, days: set[dt.date] | None = None) -> int:
    start = dt.datetime.combine(first, dt.time.min, tzinfo=clock.LONDON)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=clock.LONDON)
    starts = Meeting.objects.filter(case__mediator=mediator, status=Meeting.Status.SCHEDULED,
                                    starts_at__gte=start, starts_at__lt=end).values_list("starts_at", flat=True)
    if days is None:
        return len(starts)
    return sum(1 for moment in starts if moment.astimezone(clock.LONDON).date() in days)


def availability_record(*, mediator: Any, first: dt.date, last: dt.date, weekdays: list[int], available: bool,
                        from_time: dt.time | None, to_time: dt.time | None) -> Recorded:
    """Writes the same availability on each chosen weekday from `first` to `last`, replacing what was there."""
    today = clock.today()
    if first < today:
        raise ServiceError("The first day must be today or in the future", field="first")
    if last < first:
        raise ServiceError("The last day must be the same as or after the first day", field="last")
    if (last - first).days >= LONGEST_PATTERN_DAYS:
        raise ServiceError("Record up to 6 months at a time: choose a last day closer to the first", field="last")
    if not weekdays:
        raise ServiceError("Select the days of the week this applies to", field="weekdays")
    if available and from_time and to_time and to_time <= from_time:
        raise ServiceError("The time you finish must be after the time you start", field="to_time")
    days = weekly_days(first=first, last=last, weekdays=weekdays)
    if not days:
        raise ServiceError("None of the days you selected falls between the first and last day", field="weekdays")
    with transaction.atomic():
        MediatorAvailability.objects.filter(mediator=mediator, day__in=days).delete()
        MediatorAvailability.objects.bulk_create([MediatorAvailability(
            mediator=mediator, day=day, available=available, from_time=from_time if available else None,
            to_time=to_time if available else None) for day in days])
    affected = 0 if available else _meetings_on(mediator, days[0], days[-1], set(days))
    return Recorded(days=len(days), meetings_affected=affected)


def leave_record(*, mediator: Any, starts_on: dt.date, ends_on: dt.date, reason: str) -> Recorded:
    """Records days away; refuses leave that overlaps leave already recorded (change that instead)."""
    if ends_on < starts_on:
        raise ServiceError("The last day of leave must be the same as or after the first day", field="ends_on")
    if starts_on < clock.today():
        raise ServiceError("The first day of leave must be today or in the future", field="starts_on")
    if (ends_on - starts_on).days >= LONGEST_LEAVE_DAYS:
        raise ServiceError("Leave can be up to a year at a time", field="ends_on")
    with transaction.atomic():
        overlap = (MediatorLeave.objects.select_for_update().filter(mediator=mediator)
                   .filter(Q(starts_on__lte=ends_on) & Q(ends_on__gte=starts_on)).order_by("starts_on").first())
        if overlap is not None:
            raise ServiceError(f"You already have leave from {overlap.starts_on:%-d %B %Y} to "
                               f"{overlap.ends_on:%-d %B %Y}. Cancel it first to change it", field="starts_on")
        MediatorLeave.objects.create(mediator=mediator, starts_on=starts_on, ends_on=ends_on, reason=reason,
                                     recorded_by=mediator)
    return Recorded(days=(ends_on - starts_on).days + 1, meetings_affected=_meetings_on(mediator, starts_on, ends_on))


def leave_cancel(*, mediator: Any, leave_id: int) -> None:
    """Takes back leave that has not ended; past leave stays as it was."""
    deleted, _ = MediatorLeave.objects.filter(mediator=mediator, pk=leave_id, ends_on__gte=clock.today()).delete()
    if not deleted:
        raise ServiceError("That leave is not yours, has ended, or was already cancelled")


def feed_token_hash(raw: str) -> str:
    # A 256-bit random secret cannot be guessed, so a plain hash is enough (as for party links: portal tokens).
    return hashlib.sha256(raw.encode()).hexdigest()


def feed_create(*, user: Any) -> str:
    """A new private feed address for the user's diary, replacing (and revoking) any they had. Returns the
    secret, which is shown once and stored only as its hash."""
    raw = secrets.token_urlsafe(32)
    now = clock.now()
    with transaction.atomic():
        DiaryFeed.objects.select_for_update().filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
        DiaryFeed.objects.create(user=user, token_hash=feed_token_hash(raw), created_at=now)
    return raw


def feed_revoke(*, user: Any) -> bool:
    """Stops the user's feed; True if there was one."""
    return bool(DiaryFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=clock.now()))


def feed_open(raw: str) -> DiaryFeed | None:
    """The live feed this secret opens, noting when it was last read; None for anything else (unknown,
    revoked, or its person switched off or no longer a mediator)."""
    if not raw or len(raw) > 100:
        return None
    feed = (DiaryFeed.objects.select_related("user").filter(token_hash=feed_token_hash(raw), revoked_at__isnull=True,
                                                            user__is_active=True).first())
    if feed is None or not feed.user.groups.filter(name=Role.MEDIATOR.value).exists():
        return None
    DiaryFeed.objects.filter(pk=feed.pk).update(last_used_at=clock.now())
    return feed
