"""The hard rules a proposed meeting must meet, in the order they are checked, each with where it comes from.

A day is checked first (the window, a working day, the notice, the parties' dates); then each start time on it
(the mediator, a room or video, the interpreters). A day that fails is put down to the rule that ruled it out;
when every time on a day fails, to the furthest rule any time reached (the nearest miss), so staff see what to
change ("12 days ruled out: the interpreter is booked").

- The 30 days: regs 35(3)-(4) and 36(2) of the SEND Regulations 2014 (SI 2014/1530): the body arranging must
  "arrange for mediation ... within 30 days from the date" it was told (the ICB: notified). Calendar days; the
  case's `mediation_held` clock (rules/deadlines.py) gives the last day.
- The notice: reg 37(2): the parent or young person must be told "the date and place of the mediation at least
  5 working days prior to the mediation unless [they consent] to this period of time being reduced".
- A working day within the provider's hours: a service rule, not the law's (the provider's opening hours and
  closure days, and the working days of rules/calendar.py: weekends and England's bank holidays).
- Everyone who said when they can come can come; the mediator is free, not on leave, within the number of
  open cases they take, with no other meeting at that time; a room that gives the access the adjustments ask
  for, in the family's own area (or a video meeting); and each interpreter, BSL interpreter or advocate the
  adjustments need is free (reasonable adjustments: Equality Act 2010 s.20). Service rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum

from senmediation.rules.calendar import bank_holiday_name, subtract_working_days

from .inputs import HelperIn, MediatorIn, Need, Request, RoomIn

__all__ = ["RULE_LABELS", "Rule", "day_refusal", "helper_serves", "is_free", "mediator_takes_case", "notice_allows",
           "room_suits"]

_SEND = "SEND Regulations 2014"


class Rule(StrEnum):
    """Why a day was ruled out, in the order the rules are checked (later = the day came nearer to working)."""

    WEEKEND = "weekend"
    BANK_HOLIDAY = "bank_holiday"
    CLOSED = "closed"
    NOTICE = "notice"
    PARTY = "party"
    MEDIATOR_FULL = "mediator_full"
    MEDIATOR_LEAVE = "mediator_leave"
    MEDIATOR_NOT_FREE = "mediator_not_free"
    MEDIATOR_BUSY = "mediator_busy"
    NO_ROOM = "no_room"
    ROOM_BOOKED = "room_booked"
    NO_HELPER = "no_helper"
    HELPER_BOOKED = "helper_booked"


DEPTH = {rule: n for n, rule in enumerate(Rule)}

RULE_LABELS = {
    Rule.WEEKEND: "a weekend",
    Rule.BANK_HOLIDAY: "a bank holiday",
    Rule.CLOSED: "the office is closed",
    Rule.NOTICE: "too soon for the notice the family must have",
    Rule.PARTY: "someone who said when they can come cannot come",
    Rule.MEDIATOR_FULL: "no mediator can take another case",
    Rule.MEDIATOR_LEAVE: "the mediator is on leave",
    Rule.MEDIATOR_NOT_FREE: "the mediator has not said they are free",
    Rule.MEDIATOR_BUSY: "the mediator has another meeting",
    Rule.NO_ROOM: "no suitable room near the family",
    Rule.ROOM_BOOKED: "every suitable room is booked",
    Rule.NO_HELPER: "no interpreter or advocate who is needed works that day",
    Rule.HELPER_BOOKED: "the interpreter is booked",
}

RULE_CITATIONS = {
    Rule.NOTICE: f"{_SEND} reg 37(2)",
}

# Days that are never meeting days, whatever else is free: they are not "ruled out" by anything staff can change.
CALENDAR_RULES = frozenset({Rule.WEEKEND, Rule.BANK_HOLIDAY, Rule.CLOSED})


def notice_allows(*, sent_on: date, day: date, working_days: int) -> bool:
    """At least `working_days` working days between the invitations and the meeting (reg 37(2): 5, or fewer
    when the family agreed to less); the day the invitations go is not counted."""
    if day <= sent_on:
        return False
    return working_days == 0 or sent_on <= subtract_working_days(day, working_days)


def day_refusal(req: Request, day: date) -> tuple[Rule, str] | None:
    """The first rule that rules out the whole of `day`, with its words; None when times on it can be tried."""
    if day.weekday() >= 5:
        return Rule.WEEKEND, RULE_LABELS[Rule.WEEKEND]
    holiday = bank_holiday_name(day)
    if holiday is not None:
        return Rule.BANK_HOLIDAY, f"a bank holiday ({holiday})"
    if day in req.closures:
        return Rule.CLOSED, RULE_LABELS[Rule.CLOSED]
    if not notice_allows(sent_on=req.sent_on, day=day, working_days=req.notice_working_days):
        n = req.notice_working_days
        return Rule.NOTICE, f"too soon for {n} working day{'s' if n != 1 else ''}' notice ({RULE_CITATIONS[Rule.NOTICE]})"
    for party in req.party_days:
        if day not in party.days:
            return Rule.PARTY, f"{party.name} said they cannot come"
    return None


def is_free(busy: Sequence[tuple[datetime, datetime]] | None, start: datetime, end: datetime) -> bool:
    """No taken time overlaps [start, end)."""
    return not busy or all(not (taken_start < end and start < taken_end) for taken_start, taken_end in busy)


def room_suits(req: Request, room: RoomIn) -> bool:
    """Near the family (in their local authority's area), big enough, and with the access the adjustments ask for."""
    return ((req.family_local_authority is None or room.local_authority == req.family_local_authority)
            and room.capacity >= req.people
            and (room.step_free or not req.step_free)
            and (room.hearing_loop or not req.hearing_loop)
            and (room.quiet_room or not req.quiet_room))


def room_missing(req: Request) -> str:
    """What no room offers, in words, for the 'no suitable room' reason."""
    wanted = [f"seating {req.people}"] + [words for needed, words in (
        (req.step_free, "step-free"), (req.hearing_loop, "with a hearing loop"),
        (req.quiet_room, "with a quiet room for breaks")) if needed]
    return f"no room near the family ({', '.join(wanted)})"


def helper_serves(helper: HelperIn, need: Need) -> bool:
    """Of the kind needed, and for a spoken language, interpreting that language (whatever the day)."""
    return helper.kind is need.kind and (not need.language or need.language.lower() in helper.languages)


def helper_suits(helper: HelperIn, need: Need, *, day: date, in_person: bool, family_la: int | None) -> bool:
    """Of the kind (and language) needed, working that weekday, and able to come: to the family's area for a
    meeting in person, online for a video meeting."""
    if not helper_serves(helper, need) or day.weekday() not in helper.weekdays:
        return False
    if in_person:
        return family_la is None or family_la in helper.local_authorities
    return helper.works_online


def mediator_takes_case(mediator: MediatorIn) -> bool:
    """Within the number of open cases they take (their own case is already counted)."""
    return mediator.already_this_case or mediator.open_cases < mediator.capacity


def on_leave(mediator: MediatorIn, day: date) -> bool:
    return any(first <= day <= last for first, last in mediator.leave)
