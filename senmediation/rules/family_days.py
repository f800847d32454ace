"""Which days a family is asked about on the availability page: the days a meeting could still be held.

Read in the SEND Regulations 2014 (legalize-dev/legalize-uk uk/uksi-2014-1530.md):
- reg 35(3)-(4) and reg 36(2): the mediation is to be arranged "within 30 days" of the LA being told that the
  parent or young person wishes to pursue mediation (for health care issues alone, of the commissioning body
  being notified). The day that ends is the case's `mediation_held` clock (rules/deadlines.py); it is passed in.
- reg 37(2): the parent or young person must be told the date and place "at least 5 working days prior to the
  mediation" unless they consent to less. Asking today, the invitation cannot go before today, so the first day
  offered is the first working day with that notice from today (rules/deadlines.py notice_is_enough).
Meetings are held on working days (rules/calendar.py says what one is). Days the mediator said they cannot work,
or is on leave, are left out: there is no point asking about them.

When the 30 days end before the first day with notice, or have already ended, the family are still asked (the
mediation can still happen; reg 39(2)-(3) gives them their certificate meanwhile), about the next AFTER_WINDOW
working days, and told plainly that the 30 days have passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from senmediation.rules.calendar import is_working_day
from senmediation.rules.deadlines import notice_is_enough

__all__ = ["AFTER_WINDOW", "NO_WINDOW", "FamilyDays", "family_days"]

AFTER_WINDOW = 15  # working days offered when the 30 days cannot be met (three weeks)
NO_WINDOW = 20  # working days offered when no 30-day clock runs (a disagreement resolution case)
_LOOK_AHEAD = 120  # calendar days searched at most, so a long run of days off cannot loop for ever


@dataclass(frozen=True)
class FamilyDays:
    days: tuple[date, ...]
    window_end: date | None  # the last of the 30 days, when that clock runs
    within_window: bool  # the days offered fall within the 30 days (False: they have passed or cannot be met)
    earliest_with_notice: date


def _first_with_notice(today: date) -> date:
    day = today + timedelta(days=1)
    while not (is_working_day(day) and notice_is_enough(sent_on=today, meeting_day=day)):
        day += timedelta(days=1)
    return day


def family_days(*, today: date, window_end: date | None, unavailable: frozenset[date] = frozenset()) -> FamilyDays:
    """The days to ask the family about, earliest first."""
    first = _first_with_notice(today)
    within = window_end is not None and window_end >= first
    wanted = None if within else (AFTER_WINDOW if window_end is not None else NO_WINDOW)
    days: list[date] = []
    day = first
    while day <= first + timedelta(days=_LOOK_AHEAD):
        if within and window_end is not None and day > window_end:
            break
        if wanted is not None and len(days) >= wanted:
            break
        if is_working_day(day) and day not in unavailable:
            days.append(day)
        day += timedelta(days=1)
    return FamilyDays(days=tuple(days), window_end=window_end, within_window=within, earliest_with_notice=first)
