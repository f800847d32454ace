"""A mediator's calendar feed (`/calendar/<secret>.ics`): their own meetings, read by their calendar program
without signing in, so the secret in the address is the only key (services.feed_open).

Bounded: the meetings of the last 90 days and the next 400 (the `meeting_starts_at` index), at most FEED_MOST,
in two queries (the meetings with their case reference and venue, then the rooms booked for them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from senmediation.core import clock
from senmediation.meetings.ics import diary_feed_ics
from senmediation.meetings.models import Booking, Meeting

from .selectors import IN_DIARY
from .services import feed_open

FEED_PAST = dt.timedelta(days=90)
FEED_AHEAD = dt.timedelta(days=400)
FEED_MOST = 1000


def feed_meetings(user: Any, *, now: dt.datetime) -> tuple[list[Meeting], dict[int, str]]:
    meetings = list(Meeting.objects.filter(case__mediator=user, status__in=IN_DIARY,
                                           starts_at__gte=now - FEED_PAST, starts_at__lt=now + FEED_AHEAD)
                    .select_related("case", "venue")
                    .only("id", "starts_at", "ends_at", "is_online", "updated_at", "case__id", "case__reference",
                          "venue__id", "venue__name", "venue__address", "venue__postcode", "venue__is_online")
                    .order_by("starts_at", "id")[:FEED_MOST])
    rooms = {int(booking.meeting_id or 0): booking.room.name for booking in Booking.objects.filter(
        meeting_id__in=[m.pk for m in meetings], room__isnull=False, released_at__isnull=True,
    ).select_related("room").only("id", "meeting_id", "room__id", "room__name") if booking.room is not None
    } if meetings else {}
    return meetings, rooms


@never_cache
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = feed_open(token)
    if feed is None:
        raise Http404("No such calendar feed")
    request.audit_username = f"{feed.user.get_username()} (calendar feed)"  # type: ignore[attr-defined]
    meetings, rooms = feed_meetings(feed.user, now=clock.now())
    body = diary_feed_ics(meetings=meetings, rooms=rooms, whose=str(feed.user))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mediation-meetings.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
