"""What the proposals engine (rules/proposals) needs for one case, read from the database in a fixed number of
queries whatever the numbers of mediators, rooms, interpreters and bookings: the case's window and needs, the
provider's hours and closures, the mediators who may take it (their free days, leave and other meetings), the
rooms near the family and the interpreters needed (with what they are booked for), and each party's latest
dates. Every booking and meeting is read only for the days searched, from indexes on their start.

It reads the case domain, the directory, meetings and the parties' answers (portal), so it lives here, above them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Q

from senmediation.cases.models import Case, Deadline, Party
from senmediation.cases.services.mediators import ENDED_STATES, mediators_eligible_for
from senmediation.core import clock
from senmediation.directory.models import (
    ClosureDay,
    Interpreter,
    MediatorAvailability,
    MediatorLeave,
    MediatorProfile,
    Room,
    Venue,
)
from senmediation.directory.selectors import provider_current
from senmediation.meetings.models import Booking, Meeting
from senmediation.portal.models import Availability
from senmediation.rules.eligibility import Route
from senmediation.rules.not_arranged import la_must_tell_adviser
from senmediation.rules.proposals import (
    HelperIn,
    HelperKind,
    MediatorIn,
    Mode,
    Need,
    Outcome,
    PartOfDay,
    PartyDays,
    Request,
    RoomIn,
    busy_by_day,
    deemed_certificate_warning,
    helper_serves,
    mediator_takes_case,
    propose,
    room_suits,
)
from senmediation.rules.workflow import CaseType

FAMILY_ROLES = (Party.Role.PARENT, Party.Role.YOUNG_PERSON, Party.Role.REPRESENTATIVE)
DEFAULT_OPENS, DEFAULT_CLOSES = dt.time(9), dt.time(18)
HORIZON_DAYS = 42
KIND_OF = {Interpreter.Kind.SPOKEN: HelperKind.SPOKEN, Interpreter.Kind.BSL: HelperKind.BSL,
           Interpreter.Kind.ADVOCATE: HelperKind.ADVOCATE}


@dataclass(frozen=True)
class Options:
    """What the coordinator chose on the page: how to meet, the notice (5 working days unless the family agreed
    to less: reg 37(2)) and how long the meeting lasts."""

    mode: Mode = Mode.EITHER
    notice_working_days: int = 5
    length_minutes: int = 180


@dataclass
class Gathered:
    request: Request
    la_must_tell_adviser: bool
    mediators: dict[int, Any] = field(default_factory=dict)
    rooms: dict[int, Room] = field(default_factory=dict)
    helpers: dict[int, Interpreter] = field(default_factory=dict)


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(clock.LONDON).replace(tzinfo=None)


def aware(local: dt.datetime) -> dt.datetime:
    """A local wall-clock time from the engine as an aware datetime (Europe/London)."""
    return local.replace(tzinfo=clock.LONDON)


def _needs(parties: list[Party]) -> tuple[tuple[Need, ...], bool, bool]:
    """The helpers the adjustments ask for, once each, and whether a step-free room and a quiet room are needed."""
    needs: list[Need] = []
    step_free = quiet = False
    for party in parties:
        wanted = set(party.adjustments or [])
        if party.interpreter_needed or "interpreter" in wanted:
            needs.append(Need(HelperKind.SPOKEN, (party.language or "").strip()))
        if "bsl" in wanted:
            needs.append(Need(HelperKind.BSL))
        if "advocate" in wanted:
            needs.append(Need(HelperKind.ADVOCATE))
        step_free |= "accessible_venue" in wanted
        quiet |= "breaks" in wanted
    unique = tuple(dict.fromkeys(needs))
    return unique, step_free, quiet


def _answers(case: Case, parties: list[Party]) -> tuple[tuple[PartyDays, ...], frozenset[PartOfDay]]:
    """Each party's latest dates (those who gave any) and the times of day the family said suit them
    (their words "morning" or "afternoon" in what they can do, unless they also said they cannot)."""
    names = {p.pk: p.name for p in parties}
    family = {p.pk for p in parties if p.role in FAMILY_ROLES}
    latest: dict[int, Availability] = {}
    for answer in Availability.objects.filter(party__case=case).order_by("party_id", "-submitted_at", "-id"):
        latest.setdefault(answer.party_id, answer)
    days: list[PartyDays] = []
    preferred: set[PartOfDay] = set()
    for party_id, answer in latest.items():
        given = set()
        for text in answer.dates or []:
            try:
                given.add(dt.date.fromisoformat(str(text)))
            except ValueError:
                continue
        if given and party_id in names:
            days.append(PartyDays(name=names[party_id], days=frozenset(given)))
        if party_id in family:
            can, cannot = answer.can_do.lower(), answer.cannot_do.lower()
            preferred |= {part for part in PartOfDay if part.value in can and part.value not in cannot}
    return tuple(sorted(days, key=lambda d: d.name)), frozenset(preferred)


def _mediators(case: Case, today: dt.date, start: dt.datetime, end: dt.datetime
               ) -> tuple[tuple[MediatorIn, ...], dict[int, Any]]:
    if case.mediator_id is not None:
        users: dict[int, Any] = {case.mediator_id: case.mediator}
        profile = MediatorProfile.objects.filter(user_id=case.mediator_id).first()
        open_counts = {case.mediator_id: Case.objects.filter(mediator_id=case.mediator_id)
                       .exclude(state__in=ENDED_STATES).count()}
        capacity = {case.mediator_id: profile.capacity if profile else 0}
    else:
        # Anyone who may mediate this case at all (impartiality, accreditation: cases/services/mediators.py);
        # whether they have room for it is the engine's rule.
        eligible = mediators_eligible_for(case=case, today=today)
        users = {user.pk: user for user, _ in eligible}
        open_counts = {user.pk: count for user, count in eligible}
        capacity = {user.pk: user.mediator_profile.capacity for user, _ in eligible}
    # Only those with room for the case need their diaries read (the rest are ruled out whatever the day).
    ids = [pk for pk in users if mediator_takes_case(MediatorIn(
        key=pk, name="", open_cases=open_counts.get(pk, 0), capacity=capacity.get(pk, 0),
        already_this_case=case.mediator_id == pk))]
    areas: dict[int, set[int]] = defaultdict(set)
    for user_id, la_id in MediatorProfile.local_authorities.through.objects.filter(
            mediatorprofile__user_id__in=ids).values_list("mediatorprofile__user_id", "localauthority_id"):
        areas[user_id].add(la_id)
    free: dict[int, dict[dt.date, tuple[dt.time | None, dt.time | None]]] = defaultdict(dict)
    for user_id, day, frm, to in MediatorAvailability.objects.filter(
            mediator_id__in=ids, day__gte=start.date(), day__lte=end.date(), available=True).values_list(
            "mediator_id", "day", "from_time", "to_time"):
        free[user_id][day] = (frm, to)
    leave: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for user_id, first, last in MediatorLeave.objects.filter(
            mediator_id__in=ids, ends_on__gte=start.date(), starts_on__lte=end.date()).values_list(
            "mediator_id", "starts_on", "ends_on"):
        leave[user_id].append((first, last))
    busy: dict[int, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    for user_id, starts, ends in (Meeting.objects.filter(status=Meeting.Status.SCHEDULED, case__mediator_id__in=ids,
                                                         starts_at__gte=start - dt.timedelta(days=1), starts_at__lt=end)
                                  .exclude(case_id=case.pk).values_list("case__mediator_id", "starts_at", "ends_at")):
        busy[user_id].append((_local(starts), _local(ends) if ends else _local(starts) + dt.timedelta(hours=3)))
    mediators = tuple(
        MediatorIn(key=pk, name=user.get_full_name() or user.get_username(), open_cases=open_counts.get(pk, 0),
                   capacity=capacity.get(pk, 0), already_this_case=case.mediator_id == pk, free_days=free[pk],
                   leave=tuple(leave[pk]), busy=busy_by_day(busy[pk]), local_authorities=frozenset(areas[pk]))
        for pk, user in users.items())
    return mediators, users


def _booked(field_name: str, ids: list[int], case: Case, start: dt.datetime, end: dt.datetime
            ) -> dict[int, list[tuple[dt.datetime, dt.datetime]]]:
    """The held bookings of these rooms (or interpreters) over the days searched, other than this case's own."""
    taken: dict[int, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    if not ids:
        return taken
    rows = (Booking.objects.filter(**{f"{field_name}_id__in": ids}, released_at__isnull=True, starts_at__lt=end,
                                   starts_at__gte=start - dt.timedelta(days=1), ends_at__gt=start)
            .filter(Q(meeting__isnull=True) | ~Q(meeting__case_id=case.pk))
            .values_list(f"{field_name}_id", "starts_at", "ends_at"))
    for key, starts, ends in rows:
        taken[key].append((_local(starts), _local(ends)))
    return taken


def proposals_gather(*, case: Case, today: dt.date, options: Options, beyond_window: bool = False) -> Gathered:
    """The engine's request for this case, with the objects behind each key (for the page and for booking).

    Only the days up to the end of the 30 days are read (HORIZON_DAYS ahead where no window runs), unless
    `beyond_window`: then HORIZON_DAYS past its end too, for the first times after it (proposals_for asks again
    only when nothing fits inside)."""
    parties = list(case.parties.all())
    window_end = (Deadline.objects.filter(case=case, clock="mediation_held", met_on__isnull=True,
                                          stopped_on__isnull=True).values_list("due_date", flat=True).first())
    horizon = HORIZON_DAYS
    if window_end is None:
        last = today + dt.timedelta(days=horizon)
    else:
        last = max(today, window_end) + dt.timedelta(days=horizon if beyond_window else 0)
    start = aware(dt.datetime.combine(today, dt.time.min))
    end = aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min))
    provider = provider_current()
    needs, step_free, quiet = _needs(parties)
    party_days, preferred = _answers(case, parties)
    mediators, users = _mediators(case, today, start, end)
    base = Request(
        today=today, window_end=window_end,
        opens_at=provider.opens_at if provider else DEFAULT_OPENS,
        closes_at=provider.closes_at if provider else DEFAULT_CLOSES,
        length=dt.timedelta(minutes=options.length_minutes), notice_working_days=options.notice_working_days,
        family_local_authority=case.local_authority_id, people=len(parties) + 1 + len(needs), needs=needs,
        step_free=step_free, quiet_room=quiet, party_days=party_days, preferred=preferred, mode=options.mode,
        closures=frozenset(ClosureDay.objects.filter(day__gte=today, day__lte=last).values_list("day", flat=True)),
        mediators=mediators, horizon_days=horizon)
    # Rooms near the family that suit the meeting, and the interpreters who could serve a need: only their
    # bookings are read.
    rooms = {r.pk: r for r in Room.objects.filter(
        is_active=True, venue__is_active=True, venue__is_online=False,
        venue__local_authority_id=case.local_authority_id).select_related("venue")} if options.mode is not Mode.VIDEO else {}
    room_ins = [room for room in (RoomIn(
        key=r.pk, name=r.name, venue=r.venue.name, local_authority=r.venue.local_authority_id, capacity=r.capacity,
        step_free=r.step_free_access, hearing_loop=r.hearing_loop, quiet_room=r.quiet_room) for r in rooms.values())
        if room_suits(base, room)]
    room_busy = _booked("room", [r.key for r in room_ins], case, start, end)
    kinds = [kind for kind, helper_kind in KIND_OF.items() if any(n.kind is helper_kind for n in needs)]
    helpers = {h.pk: h for h in Interpreter.objects.filter(is_active=True, kind__in=kinds)
               .prefetch_related("local_authorities")} if kinds else {}
    helper_ins = [helper for helper in (HelperIn(
        key=h.pk, name=h.name, kind=KIND_OF[Interpreter.Kind(h.kind)],
        languages=frozenset(str(x).strip().lower() for x in h.languages), weekdays=frozenset(int(x) for x in h.weekdays),
        local_authorities=frozenset(la.pk for la in h.local_authorities.all()), works_online=h.works_online)
        for h in helpers.values()) if any(helper_serves(helper, need) for need in needs)]
    helper_busy = _booked("interpreter", [h.key for h in helper_ins], case, start, end)
    request = replace(base, rooms=tuple(replace(r, busy=busy_by_day(room_busy[r.key])) for r in room_ins),
                      helpers=tuple(replace(h, busy=busy_by_day(helper_busy[h.key])) for h in helper_ins))
    owes = case.case_type == CaseType.sen_mediation and la_must_tell_adviser(Route(case.route))
    return Gathered(request=request, la_must_tell_adviser=owes, mediators=users, rooms=rooms, helpers=helpers)


def proposals_for(*, case: Case, today: dt.date, options: Options) -> tuple[Outcome, str | None]:
    """The proposals for the case and the deemed-certificate warning, if any. The days after the 30 days are read
    and searched only when nothing fits inside them."""
    gathered = proposals_gather(case=case, today=today, options=options)
    outcome = propose(gathered.request)
    if not outcome.proposals and gathered.request.window_end is not None:
        wider = proposals_gather(case=case, today=today, options=options, beyond_window=True)
        outcome = replace(outcome, later=propose(wider.request).later)
    return outcome, deemed_certificate_warning(outcome, la_must_tell_adviser=gathered.la_must_tell_adviser)


def online_venue() -> Venue | None:
    """The provider's online meeting room, if one is set up (a video meeting is held there)."""
    return Venue.objects.filter(is_online=True, is_active=True).order_by("pk").first()


__all__ = ["HORIZON_DAYS", "Gathered", "Options", "aware", "online_venue", "proposals_for", "proposals_gather"]
