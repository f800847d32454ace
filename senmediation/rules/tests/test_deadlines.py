"""Every clock, worked by hand. Bank holidays as listed in test_calendar.py."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from senmediation.rules.agreement_actions import LaAction, la_action_due
from senmediation.rules.deadlines import (
    CLOCK_RULES,
    Clock,
    ClockStatus,
    ClockUnit,
    clock_status,
    due_date,
    latest_notice_date,
    notice_is_enough,
)

D = date


def test_every_clock_has_a_rule_with_a_citation() -> None:
    assert set(CLOCK_RULES) == set(Clock)
    for clock, rule in CLOCK_RULES.items():
        assert rule.clock is clock
        assert rule.citation and rule.label and rule.starts_when and rule.met_when
        assert rule.amount > 0
    assert not CLOCK_RULES[Clock.first_call_back].statutory
    statutory = [c for c, r in CLOCK_RULES.items() if r.statutory]
    assert all(
        "SEND Regulations" in CLOCK_RULES[c].citation or "Tribunal" in CLOCK_RULES[c].citation
        for c in statutory
    )


@pytest.mark.parametrize(
    ("clock", "start", "expected"),
    [
        # reg 33: 2 calendar months, corresponding date, clamped: 31 Dec 2025 -> 28 Feb 2026.
        (Clock.contact_adviser, D(2025, 12, 31), D(2026, 2, 28)),
        # Not moved off a weekend: reg 33 has no rule like the Tribunal's r.12 (Sat 14 Mar 2026).
        (Clock.contact_adviser, D(2026, 1, 14), D(2026, 3, 14)),
        (Clock.contact_adviser, D(2023, 12, 29), D(2024, 2, 29)),  # leap year
        # reg 34: Tue 23 Dec 2025 -> Wed 24 (1), 25/26 off, weekend, Mon 29 (2), Tue 30 (3).
        (Clock.certificate_no_mediation, D(2025, 12, 23), D(2025, 12, 30)),
        # regs 35-36: Thu 17 Apr 2025 -> GF, weekend, EM, Tue 22 (1), Wed 23 (2), Thu 24 (3).
        (Clock.health_issues_to_icb, D(2025, 4, 17), D(2025, 4, 24)),
        # regs 36-37: 30 calendar days. 1 Feb 2024 + 30 = 2 Mar (29-day February).
        (Clock.mediation_held, D(2024, 2, 1), D(2024, 3, 2)),
        (Clock.mediation_held, D(2025, 2, 1), D(2025, 3, 3)),
        # Calendar days land on a bank holiday without moving: 2 Dec 2025 + 30 = Thu 1 Jan 2026.
        (Clock.mediation_held, D(2025, 12, 2), D(2026, 1, 1)),
        # Not arranged: Fri 22 Aug 2025 -> Mon 25 summer holiday, Tue 26 (1), Wed 27 (2), Thu 28 (3).
        (Clock.certificate_not_arranged, D(2025, 8, 22), D(2025, 8, 28)),
        # reg 39: Fri 5 May 2023 -> Mon 8 coronation, Tue 9 (1), Wed 10 (2), Thu 11 (3).
        (Clock.certificate_after_mediation, D(2023, 5, 5), D(2023, 5, 11)),
        # reg 39 over Easter 2024: Thu 28 Mar -> GF, weekend, EM, Tue 2 (1), Wed 3 (2), Thu 4 Apr (3).
        (Clock.certificate_after_mediation, D(2024, 3, 28), D(2024, 4, 4)),
        # reg 42(3): 2 weeks; Wed 18 Dec 2024 + 14 = Wed 1 Jan 2025 (weeks are not moved).
        (Clock.agreement_other_actions, D(2024, 12, 18), D(2025, 1, 1)),
        # reg 42(4): 1 week across a leap day: 25 Feb 2024 + 7 = 3 Mar.
        (Clock.icb_tells_la, D(2024, 2, 25), D(2024, 3, 3)),
        # Service: 1 working day; Tue 24 Dec 2024 -> 25, 26 off -> Fri 27 Dec.
        (Clock.first_call_back, D(2024, 12, 24), D(2024, 12, 27)),
        # Tribunal: notice Wed 14 Jan 2026 -> Sat 14 Mar -> Mon 16 Mar 2026.
        (Clock.tribunal_appeal, D(2026, 1, 14), D(2026, 3, 16)),
    ],
)
def test_due_dates(clock: Clock, start: date, expected: date) -> None:
    assert due_date(clock, start) == expected
    assert due_date(clock.value, start) == expected


def test_unknown_clock_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="Unknown clock 'tea_break'.*contact_adviser"):
        due_date("tea_break", D(2025, 1, 1))


def test_closures_move_service_clocks_only() -> None:
    closed = frozenset({D(2024, 12, 27), D(2024, 12, 30), D(2024, 12, 31)})
    # Service clock skips the closures: Thu 2 Jan 2025.
    assert due_date(Clock.first_call_back, D(2024, 12, 24), extra_closures=closed) == D(2025, 1, 2)
    # Statutory clock ignores them: Tue 24 Dec -> Fri 27 (1), Mon 30 (2), Tue 31 (3).
    assert due_date(Clock.certificate_no_mediation, D(2024, 12, 24), extra_closures=closed) == D(2024, 12, 31)


def test_service_clock_length_is_configurable_but_statutory_is_not() -> None:
    # 2 working days from Tue 24 Dec 2024: Fri 27 (1), Mon 30 (2).
    assert due_date(Clock.first_call_back, D(2024, 12, 24), amount=2) == D(2024, 12, 30)
    with pytest.raises(ValueError, match="set by law"):
        due_date(Clock.certificate_after_mediation, D(2024, 12, 24), amount=5)
    with pytest.raises(ValueError, match="negative"):
        due_date(Clock.first_call_back, D(2024, 12, 24), amount=-1)


class TestClockStatus:
    due = D(2025, 4, 24)  # Thu 24 Apr 2025, after Easter

    def test_met_and_met_late(self) -> None:
        assert clock_status(due=self.due, met_on=D(2025, 4, 24), today=D(2025, 5, 30)) is ClockStatus.met
        assert clock_status(due=self.due, met_on=D(2025, 4, 25), today=D(2025, 5, 30)) is ClockStatus.met_late

    def test_overdue_the_day_after(self) -> None:
        assert clock_status(due=self.due, met_on=None, today=D(2025, 4, 25)) is ClockStatus.overdue

    def test_due_soon_counts_working_days(self) -> None:
        assert clock_status(due=self.due, met_on=None, today=self.due) is ClockStatus.due_soon
        # Tue 22 -> Wed 23, Thu 24: 2 working days.
        assert clock_status(due=self.due, met_on=None, today=D(2025, 4, 22)) is ClockStatus.due_soon
        # Thu 17 -> GF and EM do not count: Tue 22, Wed 23, Thu 24 = 3 working days.
        assert clock_status(due=self.due, met_on=None, today=D(2025, 4, 17)) is ClockStatus.on_track
        status = clock_status(due=self.due, met_on=None, today=D(2025, 4, 17), due_soon_working_days=3)
        assert status is ClockStatus.due_soon


def test_meeting_notice() -> None:
    # Meeting Tue 22 Apr 2025: notice by Fri 11 Apr (see test_calendar).
    assert latest_notice_date(D(2025, 4, 22)) == D(2025, 4, 11)
    assert notice_is_enough(sent_on=D(2025, 4, 11), meeting_day=D(2025, 4, 22))
    assert not notice_is_enough(sent_on=D(2025, 4, 14), meeting_day=D(2025, 4, 22))
    assert notice_is_enough(sent_on=D(2025, 4, 14), meeting_day=D(2025, 4, 22), family_agreed_shorter=True)


def test_units_cover_every_rule() -> None:
    assert {r.unit for r in CLOCK_RULES.values()} <= set(ClockUnit)


@settings(max_examples=60, deadline=None)
@given(
    a=st.dates(min_value=D(2018, 1, 1), max_value=D(2032, 12, 31)),
    b=st.dates(min_value=D(2018, 1, 1), max_value=D(2032, 12, 31)),
)
def test_every_clock_is_monotonic(a: date, b: date) -> None:
    early, late = sorted((a, b))
    for clock in Clock:
        assert due_date(clock, early) <= due_date(clock, late), clock
        assert due_date(clock, early) >= early, clock
    for action in LaAction:
        assert la_action_due(action, early) <= la_action_due(action, late)
