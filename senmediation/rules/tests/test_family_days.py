"""The days a family is asked about: from the first working day with 5 working days' notice (reg 37(2)) to the
end of the 30 days (regs 35-36), working days only, without the mediator's days off; after the window, the next
three weeks, said plainly."""

from __future__ import annotations

from datetime import date

from senmediation.rules.family_days import AFTER_WINDOW, family_days


def test_the_days_run_from_five_working_days_notice_to_the_end_of_the_thirty_days_over_christmas() -> None:
    # Asked on Thursday 17 December 2026: 5 working days' notice (18, 21, 22, 23, 24) makes Thursday 24th the
    # first day; Christmas Day and Boxing Day (observed on Monday 28th) and the weekends are not working days,
    # and the mediator is away on Tuesday 5 January; the 30 days end on Friday 8 January.
    offered = family_days(today=date(2026, 12, 17), window_end=date(2027, 1, 8),
                          unavailable=frozenset({date(2027, 1, 5)}))
    assert offered.earliest_with_notice == date(2026, 12, 24)
    assert offered.within_window
    assert offered.days == (date(2026, 12, 24), date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 4),
                            date(2027, 1, 6), date(2027, 1, 7), date(2027, 1, 8))


def test_when_the_thirty_days_cannot_be_met_the_next_three_weeks_are_offered() -> None:
    offered = family_days(today=date(2026, 12, 1), window_end=date(2026, 12, 4))
    assert not offered.within_window
    assert len(offered.days) == AFTER_WINDOW
    assert offered.days[0] == date(2026, 12, 8)


def test_without_a_thirty_day_clock_four_weeks_are_offered() -> None:
    offered = family_days(today=date(2026, 12, 1), window_end=None)
    assert not offered.within_window and offered.window_end is None
    assert len(offered.days) == 20 and offered.days[0] == date(2026, 12, 8)
