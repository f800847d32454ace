"""Fixed periods: whole months only, their labels, the query that asks for them again, and clear errors."""

from __future__ import annotations

import datetime as dt

import pytest

from senmediation.reporting.forms import PeriodForm, default_period_query
from senmediation.reporting.periods import (
    Period,
    PeriodError,
    adjacent_periods,
    last_complete_quarter,
    period_month,
    period_quarter,
    period_rolling_12,
    period_year,
)

D = dt.date


def test_each_kind_of_period() -> None:
    assert period_month(2024, 2) == Period(D(2024, 2, 1), D(2024, 2, 29), "February 2024", "month",
                                           "period=month&year=2024&month=2")
    assert period_quarter(2026, 4) == Period(D(2026, 10, 1), D(2026, 12, 31), "October to December 2026 (quarter 4)",
                                             "quarter", "period=quarter&year=2026&quarter=4")
    assert period_year(2026) == Period(D(2026, 1, 1), D(2026, 12, 31), "2026 (January to December)", "year",
                                       "period=year&year=2026")
    assert period_rolling_12(2026, 3) == Period(D(2025, 4, 1), D(2026, 3, 31), "the 12 months to the end of March 2026",
                                                "rolling", "period=rolling&year=2026&month=3")
    assert period_rolling_12(2026, 12).start == D(2026, 1, 1)
    assert len(period_rolling_12(2026, 3).months()) == 12


@pytest.mark.parametrize(("make", "error"), [
    (lambda: period_month(2026, 13), "Choose a month from January to December"),
    (lambda: period_month(1999, 12), "Enter a year from 2000 to 2100"),
    (lambda: period_quarter(2026, 5), "Choose a quarter from 1 to 4"),
    (lambda: period_year(2101), "Enter a year from 2000 to 2100"),
    (lambda: period_rolling_12(2000, 6), "Enter a year from 2000 to 2100"),  # would start in July 1999
])
def test_a_period_out_of_range_says_what_to_enter(make: object, error: str) -> None:
    with pytest.raises(PeriodError, match=f"^{error}$"):
        make()  # type: ignore[operator]


def test_the_default_is_the_last_complete_quarter() -> None:
    assert last_complete_quarter(D(2026, 2, 14)) == period_quarter(2025, 4)
    assert last_complete_quarter(D(2026, 7, 1)) == period_quarter(2026, 2)
    assert default_period_query(D(2026, 12, 3)) == "period=quarter&year=2026&quarter=3"


def test_adjacent_periods_are_the_ones_a_reader_sets_beside_it() -> None:
    assert adjacent_periods(period_quarter(2026, 1)) == [period_month(2026, m) for m in (1, 2, 3)]
    assert adjacent_periods(period_year(2026)) == [period_quarter(2026, q) for q in (1, 2, 3, 4)]
    # The 12 months to March 2026 beside those to February: March 2025 left, March 2026 arrived
    assert adjacent_periods(period_rolling_12(2026, 3)) == [period_rolling_12(2026, 2), period_month(2025, 3),
                                                           period_month(2026, 3)]
    assert adjacent_periods(period_month(2026, 3)) == []


def test_the_form_offers_no_dates() -> None:
    form = PeriodForm({"period": "dates", "start": "2026-09-14", "end": "2026-09-15"})
    assert not form.is_valid()
    assert form.errors == {"period": ["Choose a month, a quarter, a year or 12 months"]}
    assert set(PeriodForm().fields) == {"period", "year", "quarter", "month"}
    form = PeriodForm({"period": "rolling", "year": "2026", "month": "3", "quarter": "1"})
    assert form.is_valid() and form.report_period == period_rolling_12(2026, 3)
