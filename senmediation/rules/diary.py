"""The staff diaries' calendar arithmetic: which days a week or month view covers, and which bookings clash.

No regulation is applied here: a diary is how the provider keeps its own arrangements, and a clash (a mediator,
room or interpreter booked twice at once) is a practical impossibility rather than a legal rule. The statutory
rules about when a meeting may be held (the 30-day window of regs 35(3)-(4) and 36(2), the notice of reg 37(2))
are the proposals' and the scheduling service's, not the diary's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from senmediation.rules.calendar import add_months, days_in_month

__all__ = ["DiaryPeriod", "PeriodKind", "clashing", "diary_period", "weekly_days"]

_ONE_DAY = dt.timedelta(days=1)
# The furthest a diary may be moved from today, so that an address typed by hand cannot ask for year 9999.
FURTHEST_YEARS = 10


class PeriodKind(StrEnum):
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True)
class DiaryPeriod:
    kind: PeriodKind
    first: dt.date
    last: dt.date  # included
    previous: dt.date  # a day in the period before
    next: dt.date  # a day in the period after

    @property
    def days(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    @property
    def title(self) -> str:
        """'Week of 7 December 2026' or 'December 2026'."""
        if self.kind is PeriodKind.MONTH:
            return f"{self.first:%B %Y}"
        return f"Week of {self.first.day} {self.first:%B %Y}"


def diary_period(kind: PeriodKind, around: dt.date) -> DiaryPeriod:
    """The week (Monday to Sunday) or the calendar month that holds `around`."""
    if kind is PeriodKind.MONTH:
        first = around.replace(day=1)
        last = first.replace(day=days_in_month(first.year, first.month))
        return DiaryPeriod(kind, first, last, add_months(first, -1), add_months(first, 1))
    first = around - dt.timedelta(days=around.weekday())
    return DiaryPeriod(kind, first, first + 6 * _ONE_DAY, first - 7 * _ONE_DAY, first + 7 * _ONE_DAY)


def day_within_reach(day: dt.date, *, today: dt.date) -> bool:
    """Whether a diary may show the period around `day`: within FURTHEST_YEARS of today either way."""
    return abs(day.year - today.year) <= FURTHEST_YEARS


def clashing(bookings: Iterable[tuple[Hashable, dt.datetime, dt.datetime]]) -> frozenset[Hashable]:
    """The keys of every booking (key, start, end) that overlaps another. One ending as the next starts does
    not clash. A sweep in start order: a booking clashes if it starts before the latest end seen so far, and
    then so does the booking that end belongs to (any other it overlaps is found when that one is reached)."""
    found: set[Hashable] = set()
    latest_end: dt.datetime | None = None
    latest_key: Hashable = None
    for key, start, end in sorted(bookings, key=lambda booking: (booking[1], booking[2])):
        if latest_end is not None and start < latest_end:
            found.update((key, latest_key))
        if latest_end is None or end > latest_end:
            latest_end, latest_key = end, key
    return frozenset(found)


def weekly_days(*, first: dt.date, last: dt.date, weekdays: Iterable[int]) -> list[dt.date]:
    """Every day from `first` to `last` (both included) that falls on one of `weekdays` (Monday is 0)."""
    wanted = frozenset(weekdays)
    return [first + n * _ONE_DAY for n in range((last - first).days + 1) if (first + n * _ONE_DAY).weekday() in wanted]
