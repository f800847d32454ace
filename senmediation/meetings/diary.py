"""Someone's diary: the cases they mediate, or those they look after as coordinator, with what comes next on
each (the next meeting or the next deadline), soonest first, and apart from them the cases that are finished
(closed or withdrawn).

It shows cases with their meetings, so it lives here, above both (cases may not import meetings).
Permission: only cases whose mediator (or coordinator) is the user; anyone else's never appear, whatever their role.
Cost at 1,000,000 cases: each case carries its next meeting (`next_meeting_at`, kept by
meetings.services.case_next_meeting_refresh) beside its next deadline (`next_due_date`, kept by the deadline
engine), and open cases are ordered by the earlier of the two (cases.selectors.case_next_date), the
expression of PostgreSQL's partial index `case_mediator_open` (or `case_coordinator_open`): a page is read in
order from it and the scan stops at the page's end, however many open cases the person has. The finished ones
come from `case_mediator_finished` (`case_coordinator_finished`) in order. Three queries a page (rows, the count up to
MAX_COUNTED, the page's clocks), whatever the sizes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import F, QuerySet

from senmediation.accounts.roles import Role, user_roles
from senmediation.cases.models import CHASED_CLOCKS, FINISHED_STATES, Case, Deadline
from senmediation.cases.selectors import MAX_COUNTED, MAX_PAGES, PAGE_SIZE, Page, case_next_date

SHOWN = ("id", "reference", "child_first_name", "child_last_name", "state", "next_due_date", "clock_status",
         "closed_on", "opened_on", "next_meeting_at")


class DiaryOf(StrEnum):
    """Whose cases: those the user mediates, or those they look after as coordinator (a Case column each)."""

    MEDIATOR = "mediator"
    COORDINATOR = "coordinator"


DIARY_LABELS = {DiaryOf.MEDIATOR: "As mediator", DiaryOf.COORDINATOR: "As coordinator"}


def diaries_for(user: Any) -> list[DiaryOf]:
    """The diaries the user has, in the order shown: mediators have theirs; coordinators theirs, and managers
    too (the cases they look after, if any are theirs)."""
    roles = user_roles(user)
    diaries = [DiaryOf.MEDIATOR] if Role.MEDIATOR in roles else []
    if roles & {Role.COORDINATOR, Role.MANAGER}:
        diaries.append(DiaryOf.COORDINATOR)
    return diaries


def _theirs(user: Any, of: DiaryOf) -> QuerySet[Case]:
    return Case.objects.filter(**{of.value: user})


def diary_cases_for(*, user: Any, of: DiaryOf = DiaryOf.MEDIATOR) -> QuerySet[Case]:
    """The user's open cases as mediator (or coordinator), each with its `next_meeting_at` and `next_date`
    (the earlier of that meeting's day and the next deadline), soonest first, cases with neither last, then
    by id: the order of the index, so a page is read without sorting the rest."""
    return (_theirs(user, of).exclude(state__in=FINISHED_STATES).only(*SHOWN).annotate(next_date=case_next_date())
            .order_by(F("next_date").asc(nulls_last=True), "id"))


def diary_finished_for(*, user: Any, of: DiaryOf = DiaryOf.MEDIATOR) -> QuerySet[Case]:
    """The user's closed and withdrawn cases as mediator (or coordinator), the most recently finished first."""
    # Plain descending order, as the index has it: PostgreSQL would sort every finished case for NULLS LAST
    # (a finished case always has its closed_on: case_transition sets it).
    return _theirs(user, of).filter(state__in=FINISHED_STATES).only(*SHOWN).order_by("-closed_on", "-id")


@dataclass(frozen=True)
class DiaryRow:
    case: Case
    next_meeting_at: dt.datetime | None
    meeting_passed: bool  # its time has gone and it is not yet recorded as held (or cancelled)
    next_deadline: Deadline | None  # the case's earliest open chased clock


def diary_page(*, user: Any, now: dt.datetime, of: DiaryOf = DiaryOf.MEDIATOR, finished: bool = False,
               number: int = 1) -> Page:
    """One page of the diary (or of the finished cases), with a count that stops at MAX_COUNTED."""
    number = max(1, min(number, MAX_PAGES))
    rows_qs = diary_finished_for(user=user, of=of) if finished else diary_cases_for(user=user, of=of)
    offset = (number - 1) * PAGE_SIZE
    cases = list(rows_qs[offset: offset + PAGE_SIZE + 1])
    counted = _theirs(user, of)
    counted = (counted.filter(state__in=FINISHED_STATES) if finished
               else counted.exclude(state__in=FINISHED_STATES))
    total = counted.order_by()[: MAX_COUNTED + 1].count()
    shown = cases[:PAGE_SIZE]
    next_deadlines: dict[int, Deadline] = {}
    if shown and not finished:
        for deadline in (Deadline.objects.filter(case_id__in=[c.pk for c in shown], met_on__isnull=True,
                                                 stopped_on__isnull=True, clock__in=CHASED_CLOCKS)
                         .only("id", "case_id", "clock", "due_date", "status").order_by("-due_date", "-id")):
            next_deadlines[deadline.case_id] = deadline  # the last written is the earliest
    items = [DiaryRow(case=c, next_meeting_at=c.next_meeting_at,
                      meeting_passed=c.next_meeting_at is not None and c.next_meeting_at < now,
                      next_deadline=next_deadlines.get(c.pk)) for c in shown]
    return Page(items=items, number=number, has_next=len(cases) > PAGE_SIZE,
                total=min(total, MAX_COUNTED), total_is_capped=total > MAX_COUNTED)
