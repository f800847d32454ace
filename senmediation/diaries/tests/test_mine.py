"""What a mediator records of their own time, with errors beside the fields, and their private calendar feed:
stored hashed, shown once, replaced or stopped from their page, read back as valid iCalendar holding only their
own meetings with the case reference and the place."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from icalendar import Calendar

from senmediation.cases.models import Case
from senmediation.cases.tests.factories import case_make
from senmediation.diaries.models import DiaryFeed
from senmediation.diaries.services import feed_token_hash
from senmediation.directory.models import MediatorAvailability, MediatorLeave, Room, Venue
from senmediation.meetings.models import Booking, Meeting
from testsupport.fixtures import client_for

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)  # Tuesday 1 December 2026


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


@time_machine.travel(NOW, tick=False)
def test_availability_is_written_on_the_chosen_weekdays_replacing_what_was_there(mediator) -> None:  # type: ignore[no-untyped-def]
    MediatorAvailability.objects.create(mediator=mediator, day=dt.date(2026, 12, 8), available=False)
    client = client_for(mediator)
    response = client.post("/staff/diaries/mine/availability/", {
        "available": "yes", "weekdays": ["1", "3"], **_date("first", dt.date(2026, 12, 7)),
        **_date("last", dt.date(2026, 12, 20)), "from_time": "09:30", "to_time": "13:00"})
    assert response.status_code == 302 and response["Location"] == "/staff/diaries/mine/"
    rows = list(MediatorAvailability.objects.filter(mediator=mediator).order_by("day")
                .values_list("day", "available", "from_time", "to_time"))
    assert rows == [(dt.date(2026, 12, d), True, dt.time(9, 30), dt.time(13, 0)) for d in (8, 10, 15, 17)]
    page = client.get("/staff/diaries/mine/").content.decode()
    assert "Recorded for 4 days." in page
    assert "You have told us when you can work up to Thursday 17 December 2026." in page


@time_machine.travel(NOW, tick=False)
def test_availability_errors_are_beside_their_fields(mediator) -> None:  # type: ignore[no-untyped-def]
    client = client_for(mediator)
    response = client.post("/staff/diaries/mine/availability/", {
        "available": "yes", "weekdays": ["0"], **_date("first", dt.date(2026, 12, 7)),
        **_date("last", dt.date(2026, 12, 20)), "from_time": "14:00", "to_time": "13:00"})
    assert response.status_code == 400
    page = response.content.decode()
    assert '<a href="#id_to_time">The time you finish must be after the time you start</a>' in page
    assert re.search(r'id="id_to_time-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> '
                     r'The time you finish must be after the time you start', page)
    response = client.post("/staff/diaries/mine/availability/", {"available": "no", **_date("first", dt.date(2026, 12, 7)),
                                                                   **_date("last", dt.date(2026, 6, 1))})
    page = response.content.decode()
    assert '<a href="#id_weekdays_0">Select the days of the week this applies to</a>' in page
    assert not MediatorAvailability.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_leave_is_recorded_tells_of_meetings_booked_then_and_can_be_cancelled(mediator, coordinator) -> None:  # type: ignore[no-untyped-def]
    case = case_make(by=coordinator)
    Case.objects.filter(pk=case.pk).update(mediator=mediator)
    Meeting.objects.create(case=case, starts_at=dt.datetime(2026, 12, 22, 10, tzinfo=LONDON))
    client = client_for(mediator)
    response = client.post("/staff/diaries/mine/leave/", {**_date("starts_on", dt.date(2026, 12, 21)),
                                                           **_date("ends_on", dt.date(2027, 1, 1)), "reason": "Holiday"})
    assert response.status_code == 302
    page = client.get("/staff/diaries/mine/").content.decode()
    assert ("Your leave is recorded (12 days). You have 1 meeting booked on one of them: tell your coordinator so "
            "it can be moved.") in page
    assert "21 December 2026 to 1 January 2027" in page
    # Overlapping leave is refused beside the first day.
    response = client.post("/staff/diaries/mine/leave/", {**_date("starts_on", dt.date(2026, 12, 31)),
                                                           **_date("ends_on", dt.date(2026, 12, 31))})
    assert response.status_code == 400
    assert ('<a href="#id_starts_on_0">You already have leave from 21 December 2026 to 1 January 2027. Cancel it '
            'first to change it</a>') in response.content.decode()
    away = MediatorLeave.objects.get(mediator=mediator)
    assert client.post(f"/staff/diaries/mine/leave/{away.pk}/cancel/").status_code == 302
    assert not MediatorLeave.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_someone_elses_leave_cannot_be_cancelled(mediator, other_mediator) -> None:  # type: ignore[no-untyped-def]
    away = MediatorLeave.objects.create(mediator=other_mediator, starts_on=dt.date(2026, 12, 21),
                                        ends_on=dt.date(2026, 12, 22))
    client = client_for(mediator)
    client.post(f"/staff/diaries/mine/leave/{away.pk}/cancel/")
    assert MediatorLeave.objects.filter(pk=away.pk).exists()
    assert "That leave is not yours, has ended, or was already cancelled" in client.get(
        "/staff/diaries/mine/").content.decode()


def _feed_url(response: object) -> str:
    found = re.search(r'id="feed-url">(http://testserver/calendar/[^<]+\.ics)<', response.content.decode())  # type: ignore[attr-defined]
    assert found is not None
    return found.group(1).removeprefix("http://testserver")


@pytest.fixture
def booked(coordinator, mediator, other_mediator) -> dict[str, Meeting]:  # type: ignore[no-untyped-def]
    venue = Venue.objects.create(name="Altrincham Centre", address="1 High Street\nAltrincham", postcode="WA14 1AA")
    room = Room.objects.create(venue=venue, name="Room 2")
    mine, theirs = case_make(by=coordinator), case_make(by=coordinator)
    Case.objects.filter(pk=mine.pk).update(mediator=mediator, child_first_name="Zebedee", child_last_name="Quint")
    Case.objects.filter(pk=theirs.pk).update(mediator=other_mediator)
    start = dt.datetime(2026, 12, 10, 10, tzinfo=LONDON)
    meeting = Meeting.objects.create(case=mine, starts_at=start, ends_at=start + dt.timedelta(hours=3), venue=venue)
    Booking.objects.create(meeting=meeting, room=room, starts_at=meeting.starts_at, ends_at=meeting.ends_at)
    return {
        "mine": meeting,
        "cancelled": Meeting.objects.create(case=mine, starts_at=start - dt.timedelta(days=2),
                                            status=Meeting.Status.CANCELLED),
        "theirs": Meeting.objects.create(case=theirs, starts_at=start),
    }


@time_machine.travel(NOW, tick=False)
def test_the_calendar_feed_holds_only_their_meetings_with_the_reference_and_place(booked, mediator) -> None:  # type: ignore[no-untyped-def]
    client = client_for(mediator)
    response = client.post("/staff/diaries/mine/calendar-feed/new/")
    assert response.status_code == 200
    url = _feed_url(response)
    secret = url.removeprefix("/calendar/").removesuffix(".ics")
    assert DiaryFeed.objects.get(user=mediator).token_hash == feed_token_hash(secret)  # only the hash is kept
    assert not DiaryFeed.objects.filter(token_hash__contains=secret).exists()

    feed = Client().get(url)  # a calendar program: not signed in
    assert feed.status_code == 200
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(feed.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    mine = booked["mine"]
    assert str(event["summary"]) == f"Mediation meeting ({mine.case.reference})"
    assert str(event["location"]) == "Room 2, Altrincham Centre, 1 High Street, Altrincham, WA14 1AA"
    assert event.decoded("dtstart") == mine.starts_at
    assert event.decoded("dtend") == mine.ends_at
    assert str(event["uid"]) == f"diary-meeting-{mine.pk}@senmediation"
    assert b"Zebedee" not in feed.content and b"Quint" not in feed.content
    assert set(event.keys()) == {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "STATUS"}
    assert DiaryFeed.objects.get(user=mediator).last_used_at == NOW


@time_machine.travel(NOW, tick=False)
def test_a_new_address_stops_the_old_one_and_stopping_stops_it(booked, mediator) -> None:  # type: ignore[no-untyped-def]
    client = client_for(mediator)
    first = _feed_url(client.post("/staff/diaries/mine/calendar-feed/new/"))
    second = _feed_url(client.post("/staff/diaries/mine/calendar-feed/new/"))
    assert first != second
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    assert "Your feed was made on 1 December 2026 and your calendar last read it" in client.get(
        "/staff/diaries/mine/").content.decode()
    client.post("/staff/diaries/mine/calendar-feed/stop/")
    assert Client().get(second).status_code == 404
    assert Client().get("/calendar/made-up.ics").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_a_feed_stops_working_when_its_person_is_switched_off(booked, mediator) -> None:  # type: ignore[no-untyped-def]
    url = _feed_url(client_for(mediator).post("/staff/diaries/mine/calendar-feed/new/"))
    type(mediator).objects.filter(pk=mediator.pk).update(is_active=False)
    assert Client().get(url).status_code == 404
