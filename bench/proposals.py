"""`python -m bench.proposals`: how long the proposals for one case take with 50 mediators, 30 rooms and a year of
bookings (issue 27: under 300 ms).

Builds that world in a throwaway SQLite file (or in the database DATABASE_URL names: give it a database made for
the bench, as it writes a year of meetings and bookings there), then times what the "Find a time" page does for a
case with no mediator yet (so all 50 are weighed), a mother who needs an Urdu interpreter and a step-free room:
gathering the inputs (casepages/proposals_data.py), the search (rules/proposals) and the deemed-certificate
check, `--runs` times after one warm-up. Prints the median, p95 and the queries made; and the whole page, signed in.

    python -m bench.proposals --runs 30
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/benchdb python -m bench.proposals
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import random
import statistics
import tempfile
import time
from typing import Any

MEDIATORS, ROOMS, INTERPRETERS = 50, 30, 12
TODAY = dt.date(2026, 3, 2)  # a Monday; the LA is told the same day, so the 30 days end on 1 April


def _setup(keep: str) -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_PATH"] = keep or os.path.join(tempfile.mkdtemp(prefix="bench-proposals-"), "bench.sqlite3")
    from bench.inprocess import django_ready

    django_ready()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _world(rng: random.Random) -> Any:  # noqa: PLR0915 - one straight build of the world
    from django.utils import timezone

    from senmediation.accounts.roles import Role, roles_ensure
    from senmediation.cases.models import Case, Party
    from senmediation.cases.services.opening import PartyInput
    from senmediation.cases.services.transitions import case_transition
    from senmediation.cases.tests.factories import case_make
    from senmediation.core import clock
    from senmediation.demodata.reference import demo_reference_data_load
    from senmediation.directory.models import (
        Interpreter,
        LocalAuthority,
        MediatorAvailability,
        MediatorLeave,
        MediatorProfile,
        Room,
        Venue,
    )
    from senmediation.meetings.models import Booking, Meeting
    from testsupport.fixtures import user_make

    roles_ensure()
    demo_reference_data_load()
    trafford = LocalAuthority.objects.get(gss_code="E08000009")
    coordinator = user_make("bench-coordinator", Role.COORDINATOR, first_name="Bea", last_name="Coordinator")
    first_day, last_day = TODAY - dt.timedelta(days=182), TODAY + dt.timedelta(days=183)  # a year around today
    days = [first_day + dt.timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    weekdays = [d for d in days if d.weekday() < 5]
    mediators = []
    for n in range(MEDIATORS):
        user = user_make(f"bench-mediator-{n}", Role.MEDIATOR, first_name="Mediator", last_name=f"{n:02d}")
        profile = MediatorProfile.objects.create(
            user=user, accreditation_body=MediatorProfile.AccreditationBody.CMC, send_standards=True,
            accreditation_expires=TODAY + dt.timedelta(days=365), capacity=rng.choice([15, 20, 30]))
        if n % 2 == 0:
            profile.local_authorities.set([trafford])
        mediators.append(user)
        free = rng.sample(range(5), 3)
        MediatorAvailability.objects.bulk_create(
            [MediatorAvailability(mediator=user, day=d) for d in weekdays if d.weekday() in free])
        start = TODAY + dt.timedelta(days=rng.randrange(0, 40))
        MediatorLeave.objects.create(mediator=user, starts_on=start, ends_on=start + dt.timedelta(days=rng.randrange(2, 10)))
    venues = [Venue.objects.create(name=f"Bench venue {n}", local_authority=trafford, step_free_access=True)
              for n in range(6)]
    rooms = [Room.objects.create(venue=venues[n % 6], name=f"Room {n}", capacity=rng.choice([4, 6, 8, 12]),
                                 step_free_access=n % 3 != 0, hearing_loop=n % 4 == 0, quiet_room=n % 2 == 0)
             for n in range(ROOMS)]
    helpers = []
    for n in range(INTERPRETERS):
        helper = Interpreter.objects.create(name=f"Interpreter {n}", kind=Interpreter.Kind.SPOKEN,
                                            languages=[["Urdu"], ["Polish"], ["Arabic"]][n % 3])
        helper.local_authorities.set([trafford])
        helpers.append(helper)
    # A year of meetings: three a week for each mediator, each on a case of theirs, holding a room and, for
    # one in three, an interpreter; and other hirers' bookings of the rooms.
    cases = Case.objects.bulk_create([
        Case(reference=f"BENCH-{n:06d}", reference_year=2026, reference_number=900000 + n, local_authority=trafford,
             mediator=mediators[n % MEDIATORS], child_first_name="Child", child_last_name=f"{n}", opened_on=first_day,
             state="preparing")
        for n in range(MEDIATORS * 6)])
    meetings, bookings = [], []
    for n in range(len(mediators)):
        theirs = cases[n::MEDIATORS]
        for week in range(len(weekdays) // 5):
            for slot in rng.sample(range(10), 3):
                day = weekdays[week * 5 + slot // 2]
                starts = timezone.make_aware(dt.datetime.combine(day, dt.time(9 if slot % 2 == 0 else 13)), clock.LONDON)
                meetings.append(Meeting(case=rng.choice(theirs), starts_at=starts, ends_at=starts + dt.timedelta(hours=3),
                                        status="scheduled" if day >= TODAY else "held"))
    Meeting.objects.bulk_create(meetings, batch_size=2000)
    for meeting in meetings:
        bookings.append(Booking(meeting=meeting, room=rng.choice(rooms), starts_at=meeting.starts_at, ends_at=meeting.ends_at))
        if rng.random() < 1 / 3:
            bookings.append(Booking(meeting=meeting, interpreter=rng.choice(helpers), starts_at=meeting.starts_at,
                                    ends_at=meeting.ends_at))
    for room in rooms:
        for day in rng.sample(weekdays, 120):
            starts = timezone.make_aware(dt.datetime.combine(day, dt.time(rng.choice([9, 10, 13, 14]))), clock.LONDON)
            bookings.append(Booking(room=room, starts_at=starts, ends_at=starts + dt.timedelta(hours=2), note="Hired"))
    Booking.objects.bulk_create(bookings, batch_size=2000)
    parties = [PartyInput(role=Party.Role.PARENT, name="Amira Khan", email="amira@example.com", language="Urdu",
                          interpreter_needed=True, adjustments=["accessible_venue"], preferred_contact=["email"],
                          is_main_contact=True, issues=["Therapy hours"]),
               PartyInput(role=Party.Role.LA_OFFICER, name="Jo Officer", email="jo@example.org", preferred_contact=["email"])]
    case = case_make(by=coordinator, today=TODAY - dt.timedelta(days=7), decision_notice_date=TODAY - dt.timedelta(days=14),
                     parties=parties)
    for action in ("give_information", "request_mediation", "notify_la"):
        case_transition(case=case, action=action, by=coordinator, today=TODAY)
    print(f"{len(mediators)} mediators, {len(rooms)} rooms, {len(helpers)} interpreters, {len(meetings)} meetings and "
          f"{len(bookings)} bookings over a year")
    return case, coordinator


def _time(fn: Any, runs: int) -> tuple[float, float, float]:
    """Median and p95 wall-clock milliseconds, and the median CPU milliseconds of this process (on a machine
    shared with other work the wall clock waits for the CPU; the CPU time does not)."""
    fn()
    timings, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(int(len(timings) * 0.95) - 1, 0)], statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--sqlite", default="", help="an SQLite file to build in (and reuse when it has the world)")
    parser.add_argument("--profile", action="store_true", help="print where the proposals' time goes (cProfile)")
    args = parser.parse_args()
    _setup(args.sqlite)
    import time_machine
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from senmediation.casepages.proposals_data import Options, proposals_for

    logging.getLogger("senmediation.access").setLevel(logging.WARNING)
    from senmediation.accounts.models import User
    from senmediation.cases.models import Case

    built = Case.objects.filter(child_first_name="Sam", mediator__isnull=True).first()
    case, coordinator = ((built, User.objects.get(username="bench-coordinator")) if built is not None
                         else _world(random.Random(27)))
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC), tick=False):
        def proposals() -> Any:
            return proposals_for(case=case, today=TODAY, options=Options())[0]

        queries: list[str] = []

        def counted(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            outcome = proposals()
        median, p95, cpu = _time(proposals, args.runs)
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(proposals)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        client = Client()
        client.force_login(coordinator)
        url = reverse("cases:find_a_time", args=[case.reference])
        assert client.get(url).status_code == 200
        page_median, page_p95, page_cpu = _time(lambda: client.get(url), args.runs)
    print(f"{connection.vendor}; {args.runs} runs; proposals: {[p.starts.strftime('%a %d %b %H:%M') for p in outcome.proposals]}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'what':40} {'median ms':>10} {'p95 ms':>8} {'CPU ms':>8}")
    print(f"{'proposals (gather + search), ' + str(len(queries)) + ' queries':40} {median:10.1f} {p95:8.1f} {cpu:8.1f}")
    print(f"{'the Find a time page, signed in':40} {page_median:10.1f} {page_p95:8.1f} {page_cpu:8.1f}")


if __name__ == "__main__":
    main()
