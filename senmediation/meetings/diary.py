"""A mediator's diary: their own cases with what comes next on each (the next meeting or the next
deadline), soonest first, and apart from them the cases that are finished (closed or withdrawn).

It reads cases and meetings together, so it lives here, above both (cases may not import meetings).
Permission: only cases whose mediator is the user; anyone else's cases never appear, whatever their role.
Cost at 1,000,000 cases: the open cases come from the partial index `case_mediator_open`, each with one
lookup in `meeting_case_status` for its next meeting; the finished ones from `case_mediator_finished` in
order. Three queries a page (rows, the count up to MAX_COUNTED, the page's clocks), whatever the sizes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import DateField, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Least, TruncDate

from senmediation.cases.models import CHASED_CLOCKS, FINISHED_STATES, Case, Deadline
from senmediation.cases.selectors import MAX_COUNTED, MAX_PAGES, PAGE_SIZE, Page
from senmediation.core.clock import LONDON

from .models import Meeting

SHOWN = ("id", "reference", "child_first_name", "child_last_name", "state", "next_due_date", "clock_status",
         "closed_on", "opened_on")


def diary_cases_for(*, user: Any, now: dt.datetime) -> QuerySet[Case]:
    """The user's open cases as a mediator, each with `next_meeting_at` (the next scheduled meeting from
    now) and `next_date` (the earlier of that meeting's day and the next deadline), soonest first, cases
    with neither last, then by id."""
    next_meeting = (Meeting.objects.filter(case=OuterRef("pk"), status=Meeting.Status.SCHEDULED, starts_at__gte=now)
                    .order_by("starts_at", "id").values("starts_at")[:1])
    meeting_day = TruncDate("next_meeting_at", tzinfo=LONDON)
    return (
        Case.objects.filter(mediator=user).exclude(state__in=FINISHED_STATES).only(*SHOWN)
        .annotate(next_meeting_at=Subquery(next_meeting))
        # Least of two non-null values: each Coalesce falls back to the other (SQLite's MIN() of a null is null).
        .annotate(next_date=Least(Coalesce(meeting_day, "next_due_date", output_field=DateField()),
                                  Coalesce("next_due_date", meeting_day, output_field=DateField())))
        .order_by(F("next_date").asc(nulls_last=True), "id")
    )


def diary_finished_for(*, user: Any) -> QuerySet[Case]:
    """The user's closed and withdrawn cases as a mediator, the most recently finished first."""
    return (Case.objects.filter(mediator=user, state__in=FINISHED_STATES).only(*SHOWN)
            .order_by(F("closed_on").desc(nulls_last=True), "-id"))


@dataclass(frozen=True)
class DiaryRow:
    case: Case
    next_meeting_at: dt.datetime | None
    next_deadline: Deadline | None  # the case's earliest open chased clock


def diary_page(*, user: Any, now: dt.datetime, finished: bool = False, number: int = 1) -> Page:
    """One page of the diary (or of the finished cases), with a count that stops at MAX_COUNTED."""
    number = max(1, min(number, MAX_PAGES))
    rows_qs = diary_finished_for(user=user) if finished else diary_cases_for(user=user, now=now)
    offset = (number - 1) * PAGE_SIZE
    cases = list(rows_qs[offset: offset + PAGE_SIZE + 1])
    counted = Case.objects.filter(mediator=user)
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
    items = [DiaryRow(case=c, next_meeting_at=getattr(c, "next_meeting_at", None),
                      next_deadline=next_deadlines.get(c.pk)) for c in shown]
    return Page(items=items, number=number, has_next=len(cases) > PAGE_SIZE,
                total=min(total, MAX_COUNTED), total_is_capped=total > MAX_COUNTED)
