"""The period a report covers: a calendar quarter, a calendar year or any two dates (pure Python)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MAX_DAYS = 366 * 5  # a longer span is not a report anyone reads, and costs the database more
# The days a report may cover: the service's records start after 2000, and well inside the dates Python can
# count past (a period ending on 31 December 9999 cannot step to its next day or month).
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
OUT_OF_RANGE = "Enter a date from 1 January 2000 to 31 December 2100"


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    label: str

    def months(self) -> list[dt.date]:
        """The first day of every month the period touches, in order."""
        out, day = [], self.start.replace(day=1)
        while day <= self.end:
            out.append(day)
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return out


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def period_quarter(year: int, quarter: int) -> Period:
    if quarter not in (1, 2, 3, 4):
        raise PeriodError("Choose a quarter from 1 to 4.")
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise PeriodError(f"Enter a year from {FIRST_DAY.year} to {LAST_DAY.year}")
    start = dt.date(year, 3 * quarter - 2, 1)
    end = (dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)) - dt.timedelta(days=1)
    return Period(start, end, f"{start:%B} to {end:%B %Y} (quarter {quarter})")


def period_year(year: int) -> Period:
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise PeriodError(f"Enter a year from {FIRST_DAY.year} to {LAST_DAY.year}")
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year} (January to December)")


def period_dates(start: dt.date, end: dt.date) -> Period:
    if not (FIRST_DAY <= start <= LAST_DAY and FIRST_DAY <= end <= LAST_DAY):
        raise PeriodError(OUT_OF_RANGE)
    if end < start:
        raise PeriodError("The end date must be the same as or after the start date.")
    if (end - start).days > MAX_DAYS:
        raise PeriodError("Choose a period of 5 years or less.")
    return Period(start, end, f"{_day(start)} to {_day(end)}")
