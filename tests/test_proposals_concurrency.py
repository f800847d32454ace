"""A clash cannot be booked even when several coordinators press "Book" for the same room at the same moment:
the booking locks the mediator, room and interpreters before it checks the time again (PostgreSQL row locks;
SQLite serialises writers with BEGIN IMMEDIATE). Exactly one wins; the others are told the room is booked."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.db import connection

from senmediation.casepages.booking import Choice, proposal_book
from senmediation.casepages.proposals_data import Options
from senmediation.cases.services.details import case_mediator_assign
from senmediation.cases.services.transitions import case_transition
from senmediation.cases.tests.factories import case_make
from senmediation.core.errors import ServiceError
from senmediation.directory.models import MediatorAvailability, Room
from senmediation.meetings.models import Booking, Meeting
from testsupport.fixtures import mediator_make

pytestmark = pytest.mark.django_db(transaction=True)
D = dt.date


def test_concurrent_bookings_of_one_room_book_it_once(reference_data, coordinator) -> None:
    workers = 6 if connection.vendor == "postgresql" else 3
    cases = []
    for n in range(workers):
        mediator = mediator_make(f"racer{n}", first_name="Racing", last_name=f"Mediator {n}")
        MediatorAvailability.objects.create(mediator=mediator, day=D(2026, 3, 23))
        case = case_make(by=coordinator, today=D(2026, 2, 23), decision_notice_date=D(2026, 2, 16),
                         child_first_name=f"Child{n}")
        for action, day in (("give_information", D(2026, 2, 23)), ("request_mediation", D(2026, 2, 23)),
                            ("notify_la", D(2026, 3, 4))):
            case_transition(case=case, action=action, by=coordinator, today=day)
        case_mediator_assign(case=case, mediator=mediator, by=coordinator, today=D(2026, 3, 4))
        cases.append(case)
    room = Room.objects.get(name="Small meeting room")

    def book(n: int) -> str:
        try:
            proposal_book(case=cases[n], choice=Choice(starts_at=dt.datetime(2026, 3, 23, 9),
                                                       mediator_id=cases[n].mediator_id, room_id=room.pk),
                          options=Options(), by=coordinator)
            return "booked"
        except ServiceError as refusal:
            return refusal.message
        finally:
            connection.close()  # this thread's own connection

    with time_machine.travel(dt.datetime(2026, 3, 14, 12, tzinfo=dt.UTC), tick=False), \
            ThreadPoolExecutor(max_workers=workers) as pool:
        results = sorted(pool.map(book, range(workers)))
    assert results == ["That time can no longer be booked: every suitable room is booked. Choose another time."] * (
        workers - 1) + ["booked"]
    assert Booking.objects.filter(room=room, released_at__isnull=True).count() == 1
    assert Meeting.objects.filter(status="scheduled").count() == 1
