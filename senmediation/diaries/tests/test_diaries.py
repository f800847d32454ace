"""The staff diaries: a mediator's week and month with availability, leave and clashes; a room's and an
interpreter's bookings; who sees which; a fixed number of queries whatever the period holds."""

from __future__ import annotations

import datetime as dt
import html
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from senmediation.cases.models import Case
from senmediation.cases.tests.factories import case_make
from senmediation.directory.models import Interpreter, MediatorAvailability, MediatorLeave, Room, Venue
from senmediation.meetings.models import Booking, Meeting
from testsupport.queries import page_queries

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)  # Tuesday 1 December 2026


def at(day: int, hour: int, month: int = 12) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=LONDON)


def _case(by: object, mediator: object) -> Case:
    case = case_make(by=by)
    Case.objects.filter(pk=case.pk).update(mediator=mediator)
    case.refresh_from_db()
    return case


def _meeting(case: Case, starts_at: dt.datetime, hours: int = 3, status: str = Meeting.Status.SCHEDULED,
             venue: Venue | None = None) -> Meeting:
    return Meeting.objects.create(case=case, starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=hours),
                                  status=status, venue=venue)


def _text(response: object) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))  # type: ignore[attr-defined]


@pytest.fixture
def week(coordinator, mediator, other_mediator) -> dict[str, Meeting]:  # type: ignore[no-untyped-def]
    venue = Venue.objects.create(name="Altrincham Centre", address="1 High Street\nAltrincham", postcode="WA14 1AA")
    first, second, third = _case(coordinator, mediator), _case(coordinator, mediator), _case(coordinator, mediator)
    later = _case(coordinator, mediator)
    theirs = _case(coordinator, other_mediator)
    MediatorAvailability.objects.create(mediator=mediator, day=dt.date(2026, 12, 1), available=True,
                                        from_time=dt.time(9, 30), to_time=dt.time(13, 0))
    MediatorAvailability.objects.create(mediator=mediator, day=dt.date(2026, 12, 2), available=False)
    MediatorLeave.objects.create(mediator=mediator, starts_on=dt.date(2026, 12, 3), ends_on=dt.date(2026, 12, 4),
                                 reason="Dentist and a family wedding")
    return {
        "fits": _meeting(first, at(1, 10), venue=venue),
        "clash a": _meeting(second, at(7, 10)),
        "clash b": _meeting(third, at(7, 12)),
        "on leave": _meeting(first, at(3, 10), status=Meeting.Status.HELD),
        "cancelled": _meeting(second, at(2, 10), status=Meeting.Status.CANCELLED),
        "next month": _meeting(later, at(5, 10, month=1).replace(year=2027)),
        "theirs": _meeting(theirs, at(1, 10)),
    }


@time_machine.travel(NOW, tick=False)
def test_a_mediators_week_shows_their_meetings_availability_leave_and_clashes(week, mediator) -> None:  # type: ignore[no-untyped-def]
    from testsupport.fixtures import client_for

    response = client_for(mediator).get(f"/staff/diaries/mediators/{mediator.pk}/")
    assert response.status_code == 200
    text = _text(response)
    assert "<title>Your diary: Week of 30 November 2026" in response.content.decode()
    assert "2 meetings in this week; 1 clash" in text
    fits, on_leave = week["fits"], week["on leave"]
    assert (f"Tuesday 1 December Today Available 09:30 to 13:00 10:00 to 13:00: Meeting for {fits.case.reference} "
            "Altrincham Centre, 1 High Street, Altrincham, WA14 1AA") in text
    assert "Wednesday 2 December Not available" in text  # the cancelled meeting gave its time back
    assert (f"Thursday 3 December On leave 10:00 to 13:00: Meeting for {on_leave.case.reference} Held "
            "Place not set yet Booked while the mediator is on leave") in text
    assert "Dentist" not in text  # the reason for leave is the mediator's own
    assert "Saturday 5 December Saturday Not recorded" in text
    # Monday 7 December is the next week: not here.
    assert week["clash a"].case.reference not in text


@time_machine.travel(NOW, tick=False)
def test_the_next_week_marks_both_meetings_that_overlap(week, mediator) -> None:  # type: ignore[no-untyped-def]
    from testsupport.fixtures import client_for

    text = _text(client_for(mediator).get(f"/staff/diaries/mediators/{mediator.pk}/?period=week&day=2026-12-07"))
    assert "2 meetings in this week; 2 clashes" in text
    assert (f"10:00 to 13:00: Meeting for {week['clash a'].case.reference} Clash Place not set yet "
            f"12:00 to 15:00: Meeting for {week['clash b'].case.reference} Clash") in text


@time_machine.travel(NOW, tick=False)
def test_a_month_holds_every_day_of_the_month_and_no_other(week, coordinator_client: Client, mediator) -> None:  # type: ignore[no-untyped-def]
    response = coordinator_client.get(f"/staff/diaries/mediators/{mediator.pk}/?period=month&day=2026-12-17")
    text = _text(response)
    assert f"Mediator {mediator} Week Month December 2026 " in text
    assert "4 meetings in this month; 3 clashes" in text
    assert "Tuesday 1 December" in text and "Thursday 31 December" in text and "Monday 30 November" not in text
    assert "Friday 25 December Christmas Day" in text
    assert week["next month"].case.reference not in text
    assert 'href="?period=month&amp;day=2027-01-01" rel="next"' in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_an_address_typed_by_hand_gets_this_week(week, mediator) -> None:  # type: ignore[no-untyped-def]
    from testsupport.fixtures import client_for

    client = client_for(mediator)
    for query, shown in (("?day=not-a-date", "Week of 30 November 2026"), ("?period=year", "Week of 30 November 2026"),
                         ("?day=9999-01-01&period=month", "December 2026")):
        response = client.get(f"/staff/diaries/mediators/{mediator.pk}/{query}")
        assert response.status_code == 200
        assert f"your calendar feed Week Month {shown} " in _text(response)


@time_machine.travel(NOW, tick=False)
def test_who_sees_which_diary(week, mediator, other_mediator, coordinator_client: Client) -> None:  # type: ignore[no-untyped-def]
    from testsupport.fixtures import client_for

    # A mediator's own diary only: another's is not found, the list of diaries takes them to theirs.
    assert client_for(other_mediator).get(f"/staff/diaries/mediators/{mediator.pk}/").status_code == 404
    response = client_for(mediator).get("/staff/diaries/")
    assert response.status_code == 302 and response["Location"] == f"/staff/diaries/mediators/{mediator.pk}/"
    assert week["theirs"].case.reference not in _text(client_for(mediator).get(
        f"/staff/diaries/mediators/{mediator.pk}/"))
    # The office sees everyone's.
    listed = _text(coordinator_client.get("/staff/diaries/"))
    assert f"leave. {other_mediator} {mediator} Rooms" in listed  # by surname: Fielding, Okafor
    assert coordinator_client.get(f"/staff/diaries/mediators/{other_mediator.pk}/").status_code == 200


@pytest.fixture
def resources(week) -> dict[str, object]:  # type: ignore[no-untyped-def]
    venue = Venue.objects.get(name="Altrincham Centre")
    room = Room.objects.create(venue=venue, name="Room 2", capacity=8, step_free_access=True, hearing_loop=True)
    interpreter = Interpreter.objects.create(name="Amira Khan", kind=Interpreter.Kind.SPOKEN,
                                             languages=["Urdu", "Punjabi"], weekdays=[0, 1, 2])
    fits = week["fits"]
    Booking.objects.create(meeting=fits, room=room, starts_at=fits.starts_at, ends_at=fits.ends_at)
    Booking.objects.create(room=room, starts_at=at(1, 12), ends_at=at(1, 14), note="The venue's own training")
    Booking.objects.create(room=room, starts_at=at(2, 10), ends_at=at(2, 12), released_at=NOW)
    Booking.objects.create(meeting=fits, interpreter=interpreter, starts_at=fits.starts_at, ends_at=fits.ends_at)
    return {"room": room, "interpreter": interpreter}


@time_machine.travel(NOW, tick=False)
def test_a_rooms_week_shows_held_bookings_and_their_clash(resources, week, coordinator_client: Client, mediator) -> None:  # type: ignore[no-untyped-def]
    room = resources["room"]
    text = _text(coordinator_client.get(f"/staff/diaries/rooms/{room.pk}/"))  # type: ignore[attr-defined]
    assert "Room Room 2, Altrincham Centre Seats 8. Step-free access, Hearing loop. Week Month Week of 30 November 2026" in text
    assert "2 meetings in this week; 2 clashes" in text  # the released booking is not there
    assert (f"10:00 to 13:00: Meeting for {week['fits'].case.reference} Clash Altrincham Centre, 1 High Street, "
            f"Altrincham, WA14 1AA. Mediator: {mediator} 12:00 to 14:00: Booked by someone else Clash "
            "The venue's own training") in text


@time_machine.travel(NOW, tick=False)
def test_an_interpreters_week_marks_the_days_they_do_not_work(resources, week, coordinator_client: Client) -> None:  # type: ignore[no-untyped-def]
    interpreter = resources["interpreter"]
    text = _text(coordinator_client.get(f"/staff/diaries/interpreters/{interpreter.pk}/"))  # type: ignore[attr-defined]
    assert "Amira Khan Interpreter (spoken language): Urdu, Punjabi. Week Month Week of 30 November 2026" in text
    assert "1 meeting in this week." in text
    assert f"Tuesday 1 December Today 10:00 to 13:00: Meeting for {week['fits'].case.reference}" in text
    assert "Thursday 3 December Does not usually work this day" in text


@time_machine.travel(NOW, tick=False)
def test_a_diary_costs_the_same_queries_however_full_the_month(week, coordinator, mediator, coordinator_client: Client) -> None:  # type: ignore[no-untyped-def]
    url = f"/staff/diaries/mediators/{mediator.pk}/?period=month&day=2026-12-01"
    coordinator_client.get(url)  # the provider and the session are cached by the first page of all
    _, before = page_queries(coordinator_client, url)
    for day in range(8, 31):
        _meeting(_case(coordinator, mediator), at(day, 10))
    response, after = page_queries(coordinator_client, url)
    assert "27 meetings in this month" in _text(response)
    assert len(after) == len(before), "\n".join(after)
    assert len(after) <= 15
