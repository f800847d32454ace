"""Complaint clocks: the provider's own promises in its published Feedback and Complaints Policy.

These are SERVICE clocks, not law: no regulation sets how fast a mediation provider answers a
complaint. The provider chooses the lengths (by default 3 working days to acknowledge, 20 to send
a full response) and may count its own closure days out, which statutory clocks never do.

Each stage runs its own pair of clocks from the day that stage starts: a complaint received, or
one taken to stage 2 (a review by a director), starts both again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from senmediation.rules.calendar import NO_CLOSURES, add_working_days
from senmediation.rules.deadlines import ClockStatus, clock_status

__all__ = [
    "DEFAULT_ACKNOWLEDGE_WORKING_DAYS",
    "DEFAULT_RESPOND_WORKING_DAYS",
    "POLICY",
    "ComplaintClocks",
    "complaint_clocks",
    "complaint_clock_statuses",
]

POLICY = "The provider's published Feedback and Complaints Policy (a service standard, not a legal duty)"
DEFAULT_ACKNOWLEDGE_WORKING_DAYS = 3
DEFAULT_RESPOND_WORKING_DAYS = 20


@dataclass(frozen=True)
class ComplaintClocks:
    acknowledge_by: date
    respond_by: date


def complaint_clocks(
    *, stage_started: date, acknowledge_days: int = DEFAULT_ACKNOWLEDGE_WORKING_DAYS,
    respond_days: int = DEFAULT_RESPOND_WORKING_DAYS, extra_closures: frozenset[date] = NO_CLOSURES,
) -> ComplaintClocks:
    """Due dates for a stage that started on `stage_started` ("within N working days of", the start
    day not counted). Lengths of 1 or more; the response never falls before the acknowledgement."""
    if acknowledge_days < 1 or respond_days < 1:
        raise ValueError("Complaint clocks run for at least 1 working day")
    if respond_days < acknowledge_days:
        raise ValueError("The response cannot be due before the acknowledgement")
    return ComplaintClocks(
        acknowledge_by=add_working_days(stage_started, acknowledge_days, extra_closures=extra_closures),
        respond_by=add_working_days(stage_started, respond_days, extra_closures=extra_closures),
    )


def complaint_clock_statuses(
    *, clocks: ComplaintClocks, acknowledged_on: date | None, responded_on: date | None, today: date,
) -> tuple[ClockStatus, ClockStatus]:
    """(acknowledgement, response) statuses on `today`, on the same scale as every case clock."""
    return (
        clock_status(due=clocks.acknowledge_by, met_on=acknowledged_on, today=today),
        clock_status(due=clocks.respond_by, met_on=responded_on, today=today),
    )
