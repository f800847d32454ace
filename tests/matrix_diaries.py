"""The access matrix's rows and objects for the staff diaries (/staff/diaries/) and a mediator's calendar feed
(/calendar/<secret>.ics), and a family's answer about their meeting time with the work-queue action on it:
coordinators and managers see every diary; a mediator only their own (another's is
404, as another mediator's case is); a mediator's own time and feed pages are theirs alone; the feed answers
anyone holding its secret, signed in or not, and nobody without it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from senmediation.cases.models import Party
from senmediation.diaries.services import feed_create
from senmediation.directory.models import Interpreter, MediatorLeave, Room, Venue
from senmediation.portal.models import MeetingReply

from .matrix_roles import MISSING, allowed_as, by_role, everyone

DIARY_LIST = by_role(302, 200, 302, 302, 200, 403, 403, 403)  # a mediator is taken to their own diary
A_MEDIATORS_DIARY = by_role(302, 200, 200, 404, 200, 403, 403, 403)
OFFICE = by_role(302, 200, 403, 403, 200, 403, 403, 403)
OWN_TIME = by_role(302, 403, 200, 200, 403, 403, 403, 403)  # every mediator has their own


def diaries_world(mediator: Any, today: dt.date, scheduled: str) -> dict[str, Any]:
    """A room, an interpreter, the mediator's leave and live feed; a family's ask to change their meeting time
    (the `scheduled` case's parent), waiting in the work queue."""
    parent = Party.objects.get(case__reference=scheduled, role=Party.Role.PARENT)
    reply = MeetingReply.objects.create(party=parent, submitted_at=dt.datetime.combine(today, dt.time(9), tzinfo=dt.UTC),
                                        meeting_starts_at=dt.datetime(2027, 1, 12, 10, tzinfo=dt.UTC), suits=False,
                                        reason="I work on Tuesdays")
    venue = Venue.objects.create(name="Matrix Hall", address="1 Matrix Street", postcode="M1 1AA")
    room = Room.objects.create(venue=venue, name="Room 1")
    interpreter = Interpreter.objects.create(name="Matrix Interpreter", languages=["Urdu"])
    leave = MediatorLeave.objects.create(mediator=mediator, starts_on=today + dt.timedelta(days=30),
                                         ends_on=today + dt.timedelta(days=31))
    return {"time_change": reply.pk, "diary_room": room.pk, "diary_interpreter": interpreter.pk, "diary_leave": leave.pk,
            "diary_feed_token": feed_create(user=mediator)}


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def diaries_rows(get: Any, post: Any, today: dt.date) -> dict[str, list[Any]]:
    posted_only = everyone(405)
    soon = today + dt.timedelta(days=60)
    return {
        "diaries:index": [get(DIARY_LIST)],
        "diaries:mediator": [get(A_MEDIATORS_DIARY, pk="{mediator_id}"),
                             get(allowed_as(A_MEDIATORS_DIARY, 404) | {"mediator": 404}, pk=MISSING)],
        "diaries:room": [get(OFFICE, pk="{diary_room}"), get(allowed_as(OFFICE, 404), pk=MISSING)],
        "diaries:interpreter": [get(OFFICE, pk="{diary_interpreter}"), get(allowed_as(OFFICE, 404), pk=MISSING)],
        "diaries:mine": [get(OWN_TIME)],
        "diaries:availability": [get(OWN_TIME), post(allowed_as(OWN_TIME, 400)),
                                 post(allowed_as(OWN_TIME, 302), {"available": "yes", "weekdays": ["0", "1", "2", "3", "4", "5", "6"],
                                                           **_date("first", soon), **_date("last", soon)})],
        "diaries:leave": [get(OWN_TIME), post(allowed_as(OWN_TIME, 400)),
                          post(allowed_as(OWN_TIME, 302), {**_date("starts_on", soon), **_date("ends_on", soon)})],
        # Someone else's leave is refused with a message on their page, never cancelled.
        "diaries:leave_cancel": [get(posted_only, pk="{diary_leave}"), post(allowed_as(OWN_TIME, 302), pk="{diary_leave}")],
        # The new address is shown once, in the answer to the POST.
        "diaries:feed_new": [get(posted_only), post(OWN_TIME)],
        "diaries:feed_stop": [get(posted_only), post(allowed_as(OWN_TIME, 302))],
        # A family's answer about their meeting time, from their case page (a family link only; no meeting, 404).
        "portal:meeting_reply": [get(everyone(200), token="{scheduled_token}"),
                                 post(everyone(302), {"suits": "yes"}, token="{scheduled_token}"),
                                 get(everyone(404), token="{la_token}"),
                                 get(everyone(404), token="{certified_token}")],
        "workqueue:time_change_done": [get(posted_only, pk="{time_change}"),
                                       post(allowed_as(OFFICE, 302), pk="{time_change}")],
        "diary_feed:feed": [get(everyone(200), token="{diary_feed_token}"),
                            get(everyone(404), token="not-a-feed")],
    }
