"""A mediation meeting cannot take place before the day it is booked for.

The family were given notice of that date and place (at least 5 working days: SEND Regulations 2014
reg 37(2) and the SEND Code of Practice 2015 ch. 11), and the 30-day clock (regs 35-36) is met on the
day the meeting is held. Recording a meeting as held, or starting its first sitting, before its day
would meet the clock with a meeting that has not happened. Where everyone really does agree to meet
early, a manager may start it, giving the reason (it goes on the case's timeline).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from senmediation.rules.calendar import format_day

if TYPE_CHECKING:
    from senmediation.rules.workflow.facts import CaseFacts

__all__ = ["meeting_day_reached", "meeting_day_refusal"]


def meeting_day_refusal(*, meeting_day: date | None, on: date | None, manager_reason_given: bool) -> str | None:
    """Why a meeting booked for `meeting_day` cannot start (or be recorded as held) `on` that date;
    None on or after its day, when no date is known, or when a manager gives a reason."""
    if meeting_day is None or on is None or on >= meeting_day or manager_reason_given:
        return None
    return (
        f"The meeting is booked for {format_day(meeting_day)}, so it cannot start (or be recorded as held) "
        "before that day. If everyone really is meeting early, a manager can start it, giving the reason."
    )


def meeting_day_reached(facts: CaseFacts) -> str | None:
    """The workflow's guard on "the meeting took place" (rules/workflow/table.py)."""
    return meeting_day_refusal(
        meeting_day=facts.meeting_date, on=facts.step_on, manager_reason_given=facts.manager_overrides_with_reason
    )
