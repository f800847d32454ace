from datetime import date

import pytest

from senmediation.rules.complaints import ComplaintClocks, complaint_clock_statuses, complaint_clocks
from senmediation.rules.deadlines import ClockStatus


def test_default_clocks_count_working_days_from_the_day_after() -> None:
    # Friday 27 November 2026: 3 working days is Wednesday 2 December; the 20th skips Christmas Day
    # (Friday) and the substitute Boxing Day (Monday 28th), so it is Tuesday 29 December.
    clocks = complaint_clocks(stage_started=date(2026, 11, 27))
    assert clocks == ComplaintClocks(acknowledge_by=date(2026, 12, 2), respond_by=date(2026, 12, 29))


def test_provider_closure_days_move_a_service_clock() -> None:
    clocks = complaint_clocks(stage_started=date(2026, 11, 27), acknowledge_days=3,
                              extra_closures=frozenset({date(2026, 12, 1)}))
    assert clocks.acknowledge_by == date(2026, 12, 3)


def test_lengths_come_from_the_provider() -> None:
    clocks = complaint_clocks(stage_started=date(2026, 11, 2), acknowledge_days=1, respond_days=10)
    assert clocks == ComplaintClocks(date(2026, 11, 3), date(2026, 11, 16))


@pytest.mark.parametrize(("ack", "respond"), [(0, 20), (3, 0), (5, 2)])
def test_impossible_lengths_are_refused(ack: int, respond: int) -> None:
    with pytest.raises(ValueError):
        complaint_clocks(stage_started=date(2026, 11, 2), acknowledge_days=ack, respond_days=respond)


def test_statuses() -> None:
    clocks = ComplaintClocks(date(2026, 11, 5), date(2026, 11, 30))
    assert complaint_clock_statuses(clocks=clocks, acknowledged_on=date(2026, 11, 4), responded_on=None,
                                    today=date(2026, 12, 1)) == (ClockStatus.met, ClockStatus.overdue)
    assert complaint_clock_statuses(clocks=clocks, acknowledged_on=date(2026, 11, 6), responded_on=None,
                                    today=date(2026, 11, 27)) == (ClockStatus.met_late, ClockStatus.due_soon)
    assert complaint_clock_statuses(clocks=clocks, acknowledged_on=None, responded_on=None,
                                    today=date(2026, 11, 2)) == (ClockStatus.on_track, ClockStatus.on_track)
