"""The periods a report covers: always whole calendar months (pure Python).

Only fixed periods are offered, to everyone: a month, a calendar quarter, a calendar year, and the 12
months to the end of a month. Two reports for arbitrary dates could differ by one day, so their difference
would show a count of one or two families: fixed periods make that impossible, and every period is a
whole number of months, which the monthly summary tables add up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# The years a report may cover: the service's records start after 2000, and well inside the dates Python
# can count past.
FIRST_YEAR, LAST_YEAR = 2000, 2100
YEAR_RANGE = f"Enter a year from {FIRST_YEAR} to {LAST_YEAR}"


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    label: str
    kind: str = ""  # month, quarter, year or rolling (made by the functions below)
    # The query string that asks for this period again (the report URLs carry nothing else)
    query: str = ""

    def months(self) -> list[dt.date]:
        """The first day of every month the period touches, in order."""
        out, day = [], self.start.replace(day=1)
        while day <= self.end:
            out.append(day)
            day = _next_month(day)
        return out


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _last_day(year: int, month: int) -> dt.date:
    return _next_month(dt.date(year, month, 1)) - dt.timedelta(days=1)


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(YEAR_RANGE)


def _check_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise PeriodError("Choose a month from January to December")


def period_month(year: int, month: int) -> Period:
    _check_year(year)
    _check_month(month)
    start = dt.date(year, month, 1)
    return Period(start, _last_day(year, month), f"{start:%B %Y}", "month",
                  f"period=month&year={year}&month={month}")


def period_quarter(year: int, quarter: int) -> Period:
    if quarter not in (1, 2, 3, 4):
        raise PeriodError("Choose a quarter from 1 to 4")
    _check_year(year)
    start = dt.date(year, 3 * quarter - 2, 1)
    end = _last_day(year, 3 * quarter)
    return Period(start, end, f"{start:%B} to {end:%B %Y} (quarter {quarter})", "quarter",
                  f"period=quarter&year={year}&quarter={quarter}")


def period_year(year: int) -> Period:
    _check_year(year)
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year} (January to December)", "year",
                  f"period=year&year={year}")


def period_rolling_12(year: int, month: int) -> Period:
    """The 12 months to the end of `month` of `year`: a year's worth of figures that moves on each month."""
    _check_year(year)
    _check_month(month)
    end = _last_day(year, month)
    start = _next_month(dt.date(year - 1, month, 1))
    if start.year < FIRST_YEAR:
        raise PeriodError(YEAR_RANGE)
    return Period(start, end, f"the 12 months to the end of {end:%B %Y}", "rolling",
                  f"period=rolling&year={year}&month={month}")


def last_complete_quarter(today: dt.date) -> Period:
    """What a contract report usually covers, and the default everywhere."""
    quarter = (today.month - 1) // 3  # 0 means last year's fourth quarter
    return period_quarter(today.year if quarter else today.year - 1, quarter or 4)


def month_period_of(day: dt.date) -> Period:
    return period_month(day.year, day.month)


def adjacent_periods(period: Period) -> list[Period]:
    """The shorter or neighbouring fixed periods an attacker could set beside this one: a quarter's months,
    a year's quarters, and for 12 months to a month, the 12 months to the month before (with the two months
    that differ between them). Used to protect the figures across periods (suppression.py)."""
    if period.kind == "quarter":
        return [month_period_of(m) for m in period.months()]
    if period.kind == "year":
        return [period_quarter(period.start.year, q) for q in (1, 2, 3, 4)]
    if period.kind == "rolling":
        before = period.start.replace(day=1)
        previous_end = period.end.replace(day=1) - dt.timedelta(days=1)
        if before.year - 1 < FIRST_YEAR:
            return []
        first_before = (before - dt.timedelta(days=1)).replace(day=1)  # the month leaving the window
        return [period_rolling_12(previous_end.year, previous_end.month), month_period_of(first_before),
                month_period_of(period.end)]
    return []
