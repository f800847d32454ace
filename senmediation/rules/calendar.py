"""Working days and calendar months for statutory and service clocks.

Where "working day" comes from: the SEND Regulations 2014 use it (regs 34(1), 35(2), 37(2), 39(1)
and (3)) but do not define it; reg 2, their interpretation regulation, has no entry for it (read in
legalize-dev/legalize-uk uk/uksi-2014-1530.md; docs/law.md). The HESC Rules' own definition was not
read, so it is not cited. The service therefore uses the ordinary meaning: any day except a Saturday,
a Sunday, Christmas Day, Good Friday or a bank holiday in England and Wales (the bank holidays of the
Banking and Financial Dealings Act 1971, as published on GOV.UK). The `holidays` package supplies
the England list, including substitute days and one-offs (19 Sep 2022, 8 May 2023); a bank
holiday proclaimed after the installed release is only known once the package is upgraded.

Provider closure days (`extra_closures`) are for SERVICE clocks only; statutory clocks never
take them, because a provider cannot shorten or lengthen a period set by law.

"Within N working days of X" means the N-th working day after X, X itself not counted.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache, lru_cache

import holidays

__all__ = [
    "NO_CLOSURES",
    "add_months",
    "add_working_days",
    "bank_holiday_name",
    "bank_holidays",
    "days_in_month",
    "format_day",
    "is_working_day",
    "next_working_day_on_or_after",
    "non_working_day_note",
    "previous_working_day",
    "subtract_working_days",
    "working_days_between",
]

NO_CLOSURES: frozenset[date] = frozenset()
_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


@cache
def _holiday_names(year: int) -> dict[date, str]:
    # Built once per year: the working-day test runs millions of times in the deadline engine.
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year).items())


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays (with Christmas Day and Good Friday) in `year`."""
    return frozenset(_holiday_names(year))


@cache
def _weekday_holidays(year: int) -> tuple[date, ...]:
    # Holidays that fall on a weekend are already excluded by the weekday count.
    return tuple(sorted(d for d in bank_holidays(year) if d.weekday() < _SATURDAY))


def bank_holiday_name(day: date) -> str | None:
    """The name of the bank holiday on `day` ("Good Friday"), or None; for plain-English reasons."""
    return _holiday_names(day.year).get(day)


def is_working_day(day: date, *, extra_closures: frozenset[date] = NO_CLOSURES) -> bool:
    """True unless `day` is a weekend, an England bank holiday or a provider closure day.

    Pass `extra_closures` for service clocks only.
    """
    if day.weekday() >= _SATURDAY:
        return False
    if day in bank_holidays(day.year):
        return False
    return not extra_closures or day not in extra_closures


def non_working_day_note(day: date) -> str | None:
    """A plain note when `day` is not a working day ("25 December is a bank holiday (Christmas Day)",
    "19 December is a Saturday"), else None. Shown beside a due date so that staff see that it falls
    when nobody works (a calendar-day clock such as reg 36(2)'s 30 days does not move to a working day)."""
    name = bank_holiday_name(day)
    if name is not None:
        return f"{day.day} {day:%B} is a bank holiday ({name})"
    if day.weekday() >= _SATURDAY:
        return f"{day.day} {day:%B} is a {day:%A}"
    return None


def next_working_day_on_or_after(day: date, *, extra_closures: frozenset[date] = NO_CLOSURES) -> date:
    """`day` itself if it is a working day, otherwise the first working day after it."""
    while not is_working_day(day, extra_closures=extra_closures):
        day += _ONE_DAY
    return day


@lru_cache(maxsize=65536)
def _add_working_days(start: date, days: int, extra_closures: frozenset[date]) -> date:
    day = start
    remaining = days
    while remaining:
        day += _ONE_DAY
        if is_working_day(day, extra_closures=extra_closures):
            remaining -= 1
    return day


def add_working_days(start: date, days: int, *, extra_closures: frozenset[date] = NO_CLOSURES) -> date:
    """The `days`-th working day after `start`, `start` not counted ("within N working days of").

    days == 0 returns `start` if it is a working day, else the next working day: a thing due
    "the same working day" as a Saturday event is due on the Monday. Negative days raise
    ValueError; use `subtract_working_days` to count backwards.
    """
    if days < 0:
        raise ValueError(f"days must be 0 or more, not {days}; use subtract_working_days() to go back")
    if days == 0:
        return next_working_day_on_or_after(start, extra_closures=extra_closures)
    return _add_working_days(start, days, extra_closures)


def subtract_working_days(day: date, days: int, *, extra_closures: frozenset[date] = NO_CLOSURES) -> date:
    """The `days`-th working day before `day`, `day` not counted.

    Used for "at least 5 working days prior to the mediation" (SEND Regulations 2014 reg 37(2)): notice must be sent on or before subtract_working_days(meeting, 5). days == 0 returns
    `day` if it is a working day, else the last working day before it.
    """
    if days < 0:
        raise ValueError(f"days must be 0 or more, not {days}; use add_working_days() to go forward")
    if days == 0:
        while not is_working_day(day, extra_closures=extra_closures):
            day -= _ONE_DAY
        return day
    remaining = days
    while remaining:
        day -= _ONE_DAY
        if is_working_day(day, extra_closures=extra_closures):
            remaining -= 1
    return day


def previous_working_day(day: date, *, extra_closures: frozenset[date] = NO_CLOSURES) -> date:
    """The last working day strictly before `day`."""
    return subtract_working_days(day, 1, extra_closures=extra_closures)


def _weekdays_up_to(day: date) -> int:
    # Mon-Fri days from 1 Jan year 1 (a Monday, ordinal 1) to `day` inclusive, by arithmetic.
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def working_days_between(start: date, end: date, *, extra_closures: frozenset[date] = NO_CLOSURES) -> int:
    """Working days d with start < d <= end; negative when end is before start.

    Consistent with add_working_days: working_days_between(s, add_working_days(s, n)) == n for
    n >= 1. Computed arithmetically (weekdays minus weekday holidays), so long spans stay cheap.
    """
    if end < start:
        return -working_days_between(end, start, extra_closures=extra_closures)
    count = _weekdays_up_to(end) - _weekdays_up_to(start)
    for year in range(start.year, end.year + 1):
        count -= sum(1 for h in _weekday_holidays(year) if start < h <= end)
    count -= sum(
        1
        for c in extra_closures
        if start < c <= end and c.weekday() < _SATURDAY and c not in bank_holidays(c.year)
    )
    return count


def format_day(day: date) -> str:
    """'Saturday 14 March 2026': the long form families read most easily."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def format_short_day(day: date) -> str:
    """'14 Mar 2026': the short form of tables (the same text as Django's "j M Y")."""
    return f"{day.day} {day:%b %Y}"


def days_in_month(year: int, month: int) -> int:
    """Number of days in the month (28-31)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - _ONE_DAY).day


def add_months(start: date, months: int) -> date:
    """The corresponding date `months` calendar months later (earlier if negative).

    Where the later month is too short, the last day of that month: 31 Jan + 1 month = 28 Feb
    (29 Feb in a leap year). This is the usual reading of "within N months" in English statutes
    and the one the Tribunal applies to r.20 appeal periods.
    """
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return date(year, month, min(start.day, days_in_month(year, month)))
