"""The deadline engine: starts, meets and stops clocks on transitions; keeps statuses current."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from senmediation.rules.appeal import tribunal_appeal_deadline
from senmediation.rules.calendar import add_working_days
from senmediation.rules.deadlines import CLOCK_RULES, Clock, ClockStatus, clock_status, due_date

from ..models import Case, Deadline

DUE_SOON_WORKING_DAYS = 2
CHASED_STATUSES = frozenset({ClockStatus.overdue, ClockStatus.due_soon, ClockStatus.on_track})


def _status(deadline: Deadline, today: dt.date) -> str:
    if deadline.stopped_on is not None:
        return ""
    return clock_status(
        due=deadline.due_date, met_on=deadline.met_on, today=today, due_soon_working_days=DUE_SOON_WORKING_DAYS
    ).value


def clocks_apply(
    *, case: Case, on: dt.date, today: dt.date, starts: Iterable[tuple[Clock, dt.date]] = (),
    meets: Iterable[Clock] = (), stops: Iterable[Clock] = (),
) -> None:
    """Applies one event's effect on the case's clocks, then refreshes statuses and the case summary."""
    existing = {Clock(d.clock): d for d in case.deadlines.all()}
    for clock, start in starts:
        due = _appeal_due(case) if clock is Clock.tribunal_appeal else due_date(clock, start)
        deadline = existing.get(clock) or Deadline(case=case, clock=clock.value)
        deadline.start_date, deadline.due_date = start, due
        deadline.met_on = deadline.stopped_on = None
        existing[clock] = deadline
    for clock in meets:
        if (met := existing.get(clock)) is not None and met.is_open:
            met.met_on = on
    for clock in stops:
        if (stopped := existing.get(clock)) is not None and stopped.is_open:
            stopped.stopped_on = on
    if Clock.tribunal_appeal in existing and case.decision_notice_date:
        existing[Clock.tribunal_appeal].due_date = _appeal_due(case)
    for deadline in existing.values():
        deadline.status = _status(deadline, today)
        deadline.save()
    case_summary_refresh(case=case, deadlines=existing.values())


def _appeal_due(case: Case) -> dt.date:
    assert case.decision_notice_date is not None
    return tribunal_appeal_deadline(
        decision_notice_sent=case.decision_notice_date, certificate_issued=case.certificate_issued_on
    )


def case_summary_refresh(*, case: Case, deadlines: Iterable[Deadline]) -> None:
    """Copies the most urgent chased clock onto the case, so lists sort and filter with an index."""
    chased = [
        d for d in deadlines
        if d.is_open and not CLOCK_RULES[Clock(d.clock)].informational and d.status in CHASED_STATUSES
    ]
    if chased:
        # Statuses only worsen as due dates get nearer, so the earliest clock is also the worst.
        earliest = min(chased, key=lambda d: d.due_date)
        case.next_due_date = earliest.due_date
        case.clock_status = earliest.status
    else:
        case.next_due_date = None
        case.clock_status = ""
    Case.objects.filter(pk=case.pk).update(next_due_date=case.next_due_date, clock_status=case.clock_status)


def deadlines_sweep(*, today: dt.date) -> int:
    """Nightly: brings every open clock's status up to date in a few set-based updates, then the cases'
    summaries. Returns how many deadline rows changed."""
    soon_until = add_working_days(today, DUE_SOON_WORKING_DAYS)
    open_q = Q(met_on__isnull=True, stopped_on__isnull=True)
    changed = 0
    with transaction.atomic():
        changed += Deadline.objects.filter(open_q, due_date__lt=today).exclude(
            status=ClockStatus.overdue).update(status=ClockStatus.overdue)
        changed += Deadline.objects.filter(open_q, due_date__gte=today, due_date__lte=soon_until).exclude(
            status=ClockStatus.due_soon).update(status=ClockStatus.due_soon)
        changed += Deadline.objects.filter(open_q, due_date__gt=soon_until).exclude(
            status=ClockStatus.on_track).update(status=ClockStatus.on_track)
        # A case's summary is the status of its earliest open chased clock, so it follows from
        # next_due_date alone: three range updates, whatever the number of cases.
        for status, q in (
            (ClockStatus.overdue, Q(next_due_date__lt=today)),
            (ClockStatus.due_soon, Q(next_due_date__gte=today, next_due_date__lte=soon_until)),
            (ClockStatus.on_track, Q(next_due_date__gt=soon_until)),
        ):
            Case.objects.filter(q).exclude(clock_status=status).update(clock_status=status)
    return changed
