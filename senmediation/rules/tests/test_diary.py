"""The diaries' calendar arithmetic: weeks run Monday to Sunday, months hold their own days, and a clash is any
overlap (ending as the next starts is not one)."""

from __future__ import annotations

import datetime as dt

from senmediation.rules.diary import PeriodKind, clashing, day_within_reach, diary_period, weekly_days

UTC = dt.UTC


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=UTC)


def test_a_week_runs_monday_to_sunday_across_a_month_and_a_year() -> None:
    week = diary_period(PeriodKind.WEEK, dt.date(2027, 1, 1))  # a Friday
    assert (week.first, week.last) == (dt.date(2026, 12, 28), dt.date(2027, 1, 3))
    assert (week.previous, week.next) == (dt.date(2026, 12, 21), dt.date(2027, 1, 4))
    assert len(week.days) == 7
    assert week.title == "Week of 28 December 2026"


def test_a_month_holds_its_own_days_february_in_a_leap_year_too() -> None:
    month = diary_period(PeriodKind.MONTH, dt.date(2028, 2, 14))
    assert (month.first, month.last, len(month.days)) == (dt.date(2028, 2, 1), dt.date(2028, 2, 29), 29)
    assert (month.previous, month.next) == (dt.date(2028, 1, 1), dt.date(2028, 3, 1))
    assert month.title == "February 2028"


def test_every_booking_that_overlaps_another_is_found_and_no_other() -> None:
    bookings = [
        ("long", at(1, 9), at(1, 17)),
        ("inside", at(1, 10), at(1, 11)),
        ("also inside", at(1, 15), at(1, 16)),
        ("next morning", at(2, 9), at(2, 12)),
        ("starts as it ends", at(2, 12), at(2, 15)),
        ("alone", at(3, 9), at(3, 10)),
        ("same start a", at(4, 9), at(4, 10)),
        ("same start b", at(4, 9), at(4, 9, 30)),
    ]
    assert clashing(bookings) == {"long", "inside", "also inside", "same start a", "same start b"}
    assert clashing([]) == frozenset()


def test_weekly_days_and_reach() -> None:
    assert weekly_days(first=dt.date(2026, 12, 1), last=dt.date(2026, 12, 10), weekdays=[0, 4]) == [
        dt.date(2026, 12, 4), dt.date(2026, 12, 7)]
    assert day_within_reach(dt.date(2036, 1, 1), today=dt.date(2026, 12, 1))
    assert not day_within_reach(dt.date(2037, 1, 1), today=dt.date(2026, 12, 1))
