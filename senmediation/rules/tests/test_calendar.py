"""Working days and months, with dates worked out by hand from the GOV.UK bank holiday list.

Bank holidays used below (England and Wales):
  2021-22: Sat 25, Sun 26 Dec; substitutes Mon 27, Tue 28 Dec; Sat 1 Jan -> substitute Mon 3 Jan
  2022: state funeral Mon 19 Sep; Sun 25 Dec, Mon 26 Dec, substitute Tue 27 Dec; Sun 1 Jan 2023 -> Mon 2 Jan
  2023: May Day Mon 1 May, coronation Mon 8 May
  2024: Good Friday 29 Mar, Easter Monday 1 Apr, late May 27 May, summer 26 Aug, Wed 25 + Thu 26 Dec
  2025: Good Friday 18 Apr, Easter Monday 21 Apr, late May 26 May, summer 25 Aug, Thu 25 + Fri 26 Dec
  2026: Good Friday 3 Apr, Easter Monday 6 Apr, summer Mon 31 Aug, Fri 25 Dec, Boxing Day sub Mon 28 Dec
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from senmediation.rules.calendar import (
    add_months,
    add_working_days,
    bank_holiday_name,
    days_in_month,
    format_day,
    format_short_day,
    is_working_day,
    next_working_day_on_or_after,
    previous_working_day,
    subtract_working_days,
    working_days_between,
)

D = date
dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2035, 12, 31))


@pytest.mark.parametrize(
    "day",
    [
        D(2024, 3, 29),  # Good Friday
        D(2024, 4, 1),  # Easter Monday
        D(2025, 4, 18),
        D(2025, 4, 21),
        D(2026, 4, 3),
        D(2026, 4, 6),
        D(2021, 12, 27),  # Christmas Day substitute (25th was a Saturday)
        D(2021, 12, 28),  # Boxing Day substitute
        D(2022, 1, 3),  # New Year substitute
        D(2022, 12, 27),  # Christmas Day substitute (25th was a Sunday)
        D(2023, 1, 2),  # New Year substitute
        D(2022, 9, 19),  # state funeral of Queen Elizabeth II
        D(2023, 5, 8),  # coronation of King Charles III
        D(2024, 5, 27),  # late May
        D(2025, 8, 25),  # summer
        D(2026, 8, 31),  # summer, falling on 31 August
        D(2026, 12, 28),  # Boxing Day substitute (26th is a Saturday)
        D(2024, 3, 30),  # Saturday
        D(2024, 3, 31),  # Sunday
    ],
)
def test_not_working_days(day: date) -> None:
    assert not is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        D(2024, 2, 29),  # leap day, a Thursday
        D(2024, 12, 24),  # Christmas Eve is a working day
        D(2024, 12, 27),
        D(2022, 12, 28),
        D(2023, 5, 9),
        D(2022, 9, 20),
        D(2026, 9, 1),
    ],
)
def test_working_days(day: date) -> None:
    assert is_working_day(day)


def test_bank_holiday_names_for_reasons() -> None:
    assert bank_holiday_name(D(2024, 3, 29)) == "Good Friday"
    assert bank_holiday_name(D(2024, 3, 28)) is None


def test_provider_closures_only_when_passed() -> None:
    closed = frozenset({D(2024, 12, 27)})
    assert is_working_day(D(2024, 12, 27))
    assert not is_working_day(D(2024, 12, 27), extra_closures=closed)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Thu 28 Mar 2024: Fri 29 Good Friday, weekend, Mon 1 Apr Easter Monday -> Tue 2 Apr is the 1st.
        (D(2024, 3, 28), 1, D(2024, 4, 2)),
        (D(2024, 3, 28), 3, D(2024, 4, 4)),
        # Wed 16 Apr 2025: Thu 17 (1), Fri 18 GF, weekend, Mon 21 EM, Tue 22 (2), Wed 23 (3).
        (D(2025, 4, 16), 3, D(2025, 4, 23)),
        # Thu 2 Apr 2026: Fri 3 GF, weekend, Mon 6 EM, Tue 7 (1), Wed 8 (2), Thu 9 (3).
        (D(2026, 4, 2), 3, D(2026, 4, 9)),
        # Fri 24 Dec 2021: 25-28 all off (two substitutes), Wed 29 (1), Thu 30 (2), Fri 31 (3).
        (D(2021, 12, 24), 3, D(2021, 12, 31)),
        # ...the 4th: Sat 1, Sun 2, Mon 3 Jan substitute -> Tue 4 Jan 2022.
        (D(2021, 12, 24), 4, D(2022, 1, 4)),
        # Fri 23 Dec 2022: Sat, Sun 25, Mon 26, Tue 27 substitute off; Wed 28 (1), Thu 29 (2), Fri 30 (3).
        (D(2022, 12, 23), 3, D(2022, 12, 30)),
        # Fri 30 Dec 2022: Sat 31, Sun 1 Jan, Mon 2 Jan substitute -> Tue 3 Jan 2023.
        (D(2022, 12, 30), 1, D(2023, 1, 3)),
        # Fri 16 Sep 2022: Mon 19 state funeral -> Tue 20 (1), Wed 21 (2), Thu 22 (3).
        (D(2022, 9, 16), 1, D(2022, 9, 20)),
        (D(2022, 9, 16), 3, D(2022, 9, 22)),
        # Thu 4 May 2023: Fri 5 (1), Mon 8 coronation, Tue 9 (2), Wed 10 (3).
        (D(2023, 5, 4), 3, D(2023, 5, 10)),
        # Fri 28 Apr 2023: Mon 1 May is May Day -> Tue 2 May.
        (D(2023, 4, 28), 1, D(2023, 5, 2)),
        # Late May and summer bank holidays.
        (D(2025, 5, 23), 1, D(2025, 5, 27)),
        (D(2025, 8, 22), 1, D(2025, 8, 26)),
        (D(2026, 8, 28), 1, D(2026, 9, 1)),
        # An ordinary weekend.
        (D(2025, 3, 7), 1, D(2025, 3, 10)),
        # Started on a Saturday: Mon 17 Mar 2025 is the 1st working day after it.
        (D(2025, 3, 15), 1, D(2025, 3, 17)),
    ],
)
def test_add_working_days_worked_examples(start: date, days: int, expected: date) -> None:
    assert add_working_days(start, days) == expected
    assert working_days_between(start, expected) == days


def test_zero_days_is_same_or_next_working_day() -> None:
    assert add_working_days(D(2025, 3, 12), 0) == D(2025, 3, 12)  # a Wednesday
    assert add_working_days(D(2025, 3, 15), 0) == D(2025, 3, 17)  # Saturday -> Monday
    assert add_working_days(D(2024, 12, 25), 0) == D(2024, 12, 27)  # Christmas -> Friday after Boxing Day


def test_negative_days_rejected() -> None:
    with pytest.raises(ValueError, match="subtract_working_days"):
        add_working_days(D(2025, 1, 1), -1)
    with pytest.raises(ValueError, match="add_working_days"):
        subtract_working_days(D(2025, 1, 1), -1)


def test_closures_shift_service_days() -> None:
    # Tue 24 Dec 2024, provider shut 27, 30, 31 Dec: 25, 26 bank holidays, 27 closed, weekend,
    # 30 and 31 closed, Wed 1 Jan bank holiday -> Thu 2 Jan 2025. Without closures: Fri 27 Dec.
    closed = frozenset({D(2024, 12, 27), D(2024, 12, 30), D(2024, 12, 31)})
    assert add_working_days(D(2024, 12, 24), 1) == D(2024, 12, 27)
    assert add_working_days(D(2024, 12, 24), 1, extra_closures=closed) == D(2025, 1, 2)
    assert working_days_between(D(2024, 12, 24), D(2025, 1, 2), extra_closures=closed) == 1
    assert next_working_day_on_or_after(D(2024, 12, 27), extra_closures=closed) == D(2025, 1, 2)


def test_subtract_for_meeting_notice() -> None:
    # Meeting Tue 22 Apr 2025; going back: Mon 21 EM, Fri 18 GF, then Thu 17 (1), Wed 16 (2),
    # Tue 15 (3), Mon 14 (4), Fri 11 (5): notice must go by Fri 11 Apr.
    assert subtract_working_days(D(2025, 4, 22), 5) == D(2025, 4, 11)
    assert working_days_between(D(2025, 4, 11), D(2025, 4, 22)) == 5


def test_previous_working_day_over_new_year() -> None:
    assert previous_working_day(D(2024, 1, 2)) == D(2023, 12, 29)  # Mon 1 Jan 2024 off
    assert previous_working_day(D(2023, 1, 3)) == D(2022, 12, 30)  # Mon 2 Jan 2023 substitute off
    assert subtract_working_days(D(2021, 12, 26), 0) == D(2021, 12, 24)


def test_working_days_in_whole_years() -> None:
    # 2024: 366 days from Monday 1 Jan = 262 weekdays; 8 bank holidays on weekdays -> 254.
    assert working_days_between(D(2023, 12, 31), D(2024, 12, 31)) == 254
    # 2025: 365 days from Wednesday 1 Jan = 261 weekdays; 8 weekday bank holidays -> 253.
    assert working_days_between(D(2024, 12, 31), D(2025, 12, 31)) == 253


def test_working_days_between_signs() -> None:
    assert working_days_between(D(2024, 4, 4), D(2024, 3, 28)) == -3
    assert working_days_between(D(2024, 4, 4), D(2024, 4, 4)) == 0


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2028, 2, 29), 1, D(2028, 3, 29)),
        (D(2025, 11, 30), 1, D(2025, 12, 30)),
        (D(2025, 11, 30), 3, D(2026, 2, 28)),
        (D(2025, 8, 31), 1, D(2025, 9, 30)),
        (D(2025, 10, 31), 2, D(2025, 12, 31)),
        (D(2025, 12, 31), 2, D(2026, 2, 28)),
        (D(2025, 11, 15), 2, D(2026, 1, 15)),  # across the year end
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2024, 5, 10), 0, D(2024, 5, 10)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_days_in_month_and_format() -> None:
    assert [days_in_month(2024, m) for m in (2, 4, 12)] == [29, 30, 31]
    assert days_in_month(2100, 2) == 28  # not a leap year
    assert format_day(D(2026, 3, 14)) == "Saturday 14 March 2026"
    assert format_short_day(D(2026, 3, 4)) == "4 Mar 2026"


# --- Properties ----------------------------------------------------------------------------------


def _brute_between(start: date, end: date, closures: frozenset[date]) -> int:
    days = (start + timedelta(days=i) for i in range(1, (end - start).days + 1))
    return sum(is_working_day(d, extra_closures=closures) for d in days)


@settings(max_examples=150, deadline=None)
@given(start=dates, days=st.integers(min_value=1, max_value=40))
def test_result_is_a_later_working_day(start: date, days: int) -> None:
    due = add_working_days(start, days)
    assert due > start
    assert is_working_day(due)
    assert working_days_between(start, due) == days
    back = subtract_working_days(due, days)
    assert back == (start if is_working_day(start) else previous_working_day(start))


@settings(max_examples=150, deadline=None)
@given(a=dates, b=dates, days=st.integers(min_value=0, max_value=20))
def test_add_working_days_is_monotonic(a: date, b: date, days: int) -> None:
    early, late = sorted((a, b))
    assert add_working_days(early, days) <= add_working_days(late, days)


@settings(max_examples=100, deadline=None)
@given(
    start=dates,
    span=st.integers(min_value=0, max_value=800),
    closures=st.frozensets(st.dates(min_value=D(2015, 1, 1), max_value=D(2038, 1, 1)), max_size=6),
)
def test_between_matches_counting_day_by_day(start: date, span: int, closures: frozenset[date]) -> None:
    end = start + timedelta(days=span)
    assert working_days_between(start, end, extra_closures=closures) == _brute_between(start, end, closures)


@settings(max_examples=150, deadline=None)
@given(a=dates, b=dates, months=st.integers(min_value=0, max_value=24))
def test_add_months_is_monotonic_and_clamped(a: date, b: date, months: int) -> None:
    early, late = sorted((a, b))
    assert add_months(early, months) <= add_months(late, months)
    result = add_months(a, months)
    assert result.day == min(a.day, days_in_month(result.year, result.month))


def test_a_due_date_on_a_non_working_day_has_a_plain_note() -> None:
    from senmediation.rules.calendar import non_working_day_note

    assert non_working_day_note(date(2026, 12, 25)) == "25 December is a bank holiday (Christmas Day)"
    assert non_working_day_note(date(2026, 12, 19)) == "19 December is a Saturday"
    assert non_working_day_note(date(2026, 12, 20)) == "20 December is a Sunday"
    assert non_working_day_note(date(2026, 12, 24)) is None
