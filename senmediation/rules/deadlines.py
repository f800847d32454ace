"""Every clock a case can run, as data, and the functions that turn a start date into a due date.

Statutory clocks come from the SEND Regulations 2014 (SI 2014/1530) regs 32-44; service clocks are
the provider's own promises (configurable, never statutory, and the only ones that may skip
provider closure days). Statuses (on track, due soon, overdue, met, met late) are computed from
the due date, the date met and `today`, which always comes in as an argument.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

from senmediation.rules.appeal import tribunal_appeal_deadline
from senmediation.rules.calendar import (
    NO_CLOSURES,
    add_months,
    add_working_days,
    subtract_working_days,
    working_days_between,
)

__all__ = [
    "ACTOR_LABELS",
    "CLOCK_RULES",
    "PROVIDER_CLOCKS",
    "Actor",
    "MEETING_NOTICE_CITATION",
    "MEETING_NOTICE_WORKING_DAYS",
    "Clock",
    "ClockRule",
    "ClockStatus",
    "ClockUnit",
    "clock_status",
    "contact_meets_first_call_back",
    "due_date",
    "due_soon_or_overdue_before",
    "latest_notice_date",
    "notice_is_enough",
    "parse_clock",
]


class Clock(StrEnum):
    contact_adviser = "contact_adviser"
    certificate_no_mediation = "certificate_no_mediation"
    health_issues_to_icb = "health_issues_to_icb"
    mediation_held = "mediation_held"
    certificate_not_arranged = "certificate_not_arranged"
    certificate_after_mediation = "certificate_after_mediation"
    agreement_other_actions = "agreement_other_actions"
    icb_tells_la = "icb_tells_la"
    first_call_back = "first_call_back"
    tribunal_appeal = "tribunal_appeal"


class Actor(StrEnum):
    """Who must act for a clock to be met: only the provider's own clocks are staff work."""

    provider = "provider"
    local_authority = "local_authority"
    la_or_icb = "la_or_icb"
    icb = "icb"
    family = "family"


ACTOR_LABELS: Mapping[Actor, str] = MappingProxyType({
    Actor.provider: "Us (the mediation service)",
    Actor.local_authority: "The local authority",
    Actor.la_or_icb: "The local authority or the ICB",
    Actor.icb: "The ICB (integrated care board)",
    Actor.family: "The family",
})


class ClockUnit(StrEnum):
    calendar_months = "calendar_months"
    calendar_days = "calendar_days"
    working_days = "working_days"
    weeks = "weeks"


@dataclass(frozen=True)
class ClockRule:
    clock: Clock
    label: str
    unit: ClockUnit
    amount: int
    citation: str
    statutory: bool
    starts_when: str
    met_when: str
    acts: Actor
    # Shown to families, never chased as a provider task (the tribunal appeal deadline).
    informational: bool = False


SEND_REGULATIONS = "SEND Regulations 2014 (SI 2014/1530)"
_SEND = SEND_REGULATIONS
# Each clock cites the regulation read in the published text (docs/law.md), never the whole part.

CLOCK_RULES: Mapping[Clock, ClockRule] = MappingProxyType(
    {
        rule.clock: rule
        for rule in (
            ClockRule(
                clock=Clock.contact_adviser,
                label="Family to contact the mediation adviser",
                unit=ClockUnit.calendar_months,
                amount=2,
                citation=f"{_SEND} reg 33",
                statutory=True,
                starts_when="The local authority sends its written decision notice",
                met_when="The parent or young person tells the adviser whether they want mediation",
                acts=Actor.family,  # reg 33: the parent or young person contacts the adviser
            ),
            ClockRule(
                clock=Clock.certificate_no_mediation,
                label="Certificate for a family who do not want mediation",
                unit=ClockUnit.working_days,
                amount=3,
                citation=f"{_SEND} reg 34",
                statutory=True,
                starts_when="The parent or young person tells the adviser they do not want mediation",
                met_when="The mediation adviser issues the certificate",
                acts=Actor.provider,  # reg 34: the mediation adviser issues it
            ),
            ClockRule(
                clock=Clock.health_issues_to_icb,
                label="Local authority tells the ICB about the health issues",
                unit=ClockUnit.working_days,
                amount=3,
                citation=f"{_SEND} reg 35(2)",
                statutory=True,
                starts_when="The parent or young person tells the local authority they want mediation "
                "that includes health care",
                met_when="The local authority tells each integrated care board the mediation issues",
                acts=Actor.local_authority,  # reg 35(2)
            ),
            ClockRule(
                clock=Clock.mediation_held,
                label="Mediation takes place",
                unit=ClockUnit.calendar_days,
                amount=30,
                # reg 35(3): health care alone, the ICB arranges within 30 days of the LA's notice;
                # reg 35(4) (health care with other issues) and reg 36(2) (no health care): the LA
                # arranges within 30 days of being told the family wish to pursue mediation.
                citation=f"{_SEND} regs 35(3)-(4), 36(2)",
                statutory=True,
                starts_when="The local authority is told the family want mediation "
                "(health care only: the ICB is told by the local authority)",
                met_when="The mediation meeting is held",
                acts=Actor.provider,  # the LA or ICB must arrange it (regs 35(3)-(4), 36(2)); we do so for them
            ),
            ClockRule(
                clock=Clock.certificate_not_arranged,
                label="Certificate when mediation cannot be arranged in time",
                unit=ClockUnit.working_days,
                amount=3,
                # reg 39(2): the LA tells the adviser as soon as possible after it realises it cannot
                # arrange mediation within reg 35(4) or 36(2)'s 30 days; reg 39(3): the family are then
                # "deemed" to have taken part, and the adviser issues the certificate "within 3 working
                # days of being notified of this by the local authority".
                citation=f"{_SEND} reg 39(2)-(3)",
                statutory=True,
                starts_when="The LA tells the adviser it cannot arrange mediation within 30 days",
                met_when="The mediation adviser issues the certificate",
                acts=Actor.provider,  # reg 39(3): the mediation adviser issues it
            ),
            ClockRule(
                clock=Clock.certificate_after_mediation,
                label="Certificate after mediation",
                unit=ClockUnit.working_days,
                amount=3,
                # reg 39(1): "within 3 working days of the conclusion of the mediation".
                citation=f"{_SEND} reg 39(1)",
                statutory=True,
                starts_when="The mediation ends",
                met_when="The mediation certificate is issued",
                acts=Actor.provider,  # reg 39(1): the mediation adviser issues it
            ),
            ClockRule(
                clock=Clock.agreement_other_actions,
                label="Local authority or ICB does what was agreed",
                unit=ClockUnit.weeks,
                amount=2,
                citation=f"{_SEND} reg 42(3); other timescales may be agreed in writing, reg 42(5)",
                statutory=True,
                starts_when="The mediation agreement is made",
                met_when="Every agreed action with no right of appeal is done",
                acts=Actor.la_or_icb,  # reg 42(3)
            ),
            ClockRule(
                clock=Clock.icb_tells_la,
                label="ICB tells the local authority about the agreement",
                unit=ClockUnit.weeks,
                amount=1,
                citation=f"{_SEND} reg 42(4)",
                statutory=True,
                starts_when="A mediation agreement is made without the local authority as a party",
                met_when="The ICB tells the local authority what was agreed",
                acts=Actor.icb,  # reg 42(4)
            ),
            ClockRule(
                clock=Clock.first_call_back,
                label="First call back to the family",
                unit=ClockUnit.working_days,
                amount=1,
                citation="Service standard set by the provider (not statutory; configurable)",
                statutory=False,
                starts_when="The enquiry arrives",
                met_when="Someone from the service speaks to the family",
                acts=Actor.provider,
            ),
            ClockRule(
                clock=Clock.tribunal_appeal,
                label="Last day to appeal to the SEND Tribunal",
                unit=ClockUnit.calendar_months,
                amount=2,
                citation="Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r.20(1)(c) and r.12",
                statutory=True,
                starts_when="The decision notice is sent (or, if later, 1 month after the certificate)",
                met_when="The family registers an appeal (outside this service)",
                acts=Actor.family,  # the family appeal to the Tribunal, outside this service
                informational=True,
            ),
        )
    }
)


# The clocks our own staff must meet: the work queue chases these and no others.
PROVIDER_CLOCKS: tuple[Clock, ...] = tuple(c for c, rule in CLOCK_RULES.items() if rule.acts == Actor.provider)


def parse_clock(clock: Clock | str) -> Clock:
    """The Clock for an enum member or its string value; ValueError naming the valid ones."""
    try:
        return Clock(clock)
    except ValueError:
        known = ", ".join(c.value for c in Clock)
        raise ValueError(f"Unknown clock {clock!r}; expected one of: {known}") from None


def due_date(
    clock: Clock | str,
    start: date,
    *,
    extra_closures: frozenset[date] = NO_CLOSURES,
    amount: int | None = None,
) -> date:
    """The due date of `clock` started on `start`.

    `amount` overrides the length of a service clock (the provider configures its own first
    call back); statutory clocks refuse it. `extra_closures` only ever affects service clocks:
    for statutory ones it is ignored, so callers may pass the provider's closures everywhere.
    For tribunal_appeal `start` is the decision notice date (HESC Rules r.20, r.12).
    """
    rule = CLOCK_RULES[parse_clock(clock)]
    if amount is not None and rule.statutory:
        raise ValueError(f"The {rule.label.lower()} clock is set by law ({rule.citation}) and cannot change")
    length = rule.amount if amount is None else amount
    if length < 0:
        raise ValueError(f"A clock cannot run for a negative amount ({length})")
    if rule.clock is Clock.tribunal_appeal:
        return tribunal_appeal_deadline(decision_notice_sent=start)
    closures = NO_CLOSURES if rule.statutory else extra_closures
    match rule.unit:
        case ClockUnit.calendar_months:
            return add_months(start, length)
        case ClockUnit.calendar_days:
            return start + timedelta(days=length)
        case ClockUnit.weeks:
            return start + timedelta(weeks=length)
        case ClockUnit.working_days:
            return add_working_days(start, length, extra_closures=closures)
    raise AssertionError(f"unhandled unit {rule.unit}")  # pragma: no cover


class ClockStatus(StrEnum):
    on_track = "on_track"
    due_soon = "due_soon"
    overdue = "overdue"
    met = "met"
    met_late = "met_late"


def due_soon_or_overdue_before(today: date, *, due_soon_working_days: int = 2) -> date:
    """The first due date that is on track on `today`: an unmet clock due before it is due soon or overdue
    (clock_status), so a list can ask `due < this day` of an index instead of asking the rule row by row."""
    return add_working_days(today, due_soon_working_days + 1)


def clock_status(
    *, due: date, met_on: date | None, today: date, due_soon_working_days: int = 2
) -> ClockStatus:
    """Where a clock stands on `today`.

    Met on or before the due date is met; after it, met late. Unmet: overdue once today is past the
    due date; due soon when the due date is today or within `due_soon_working_days` working days.
    """
    if met_on is not None:
        return ClockStatus.met if met_on <= due else ClockStatus.met_late
    if today > due:
        return ClockStatus.overdue
    if working_days_between(today, due) <= due_soon_working_days:
        return ClockStatus.due_soon
    return ClockStatus.on_track


# --- Notice of the meeting (SEND Regulations 2014 reg 37(2)) ------------------------------------
# reg 37(2): the arranging body "must inform the child's parent or the young person of the date and place
# of the mediation at least 5 working days prior to the mediation unless the child's parent or the young
# person consents to this period of time being reduced".

MEETING_NOTICE_WORKING_DAYS = 5
MEETING_NOTICE_CITATION = f"{_SEND} reg 37(2)"


def latest_notice_date(meeting_day: date) -> date:
    """The last day the date and place can be sent and still give 5 working days' notice."""
    return subtract_working_days(meeting_day, MEETING_NOTICE_WORKING_DAYS)


def notice_is_enough(*, sent_on: date, meeting_day: date, family_agreed_shorter: bool = False) -> bool:
    """At least 5 working days between sending the notice and the meeting, unless the family agreed less
    (SEND Regulations 2014 reg 37(2))."""
    return family_agreed_shorter or sent_on <= latest_notice_date(meeting_day)


def contact_meets_first_call_back(*, spoken: bool, with_family: bool) -> bool:
    """The first call back (a service standard the provider sets, not statutory) is met when someone
    from the service speaks to the family: a call or a meeting with them, whoever rang whom. An e-mail,
    a letter or a call with the LA does not meet it."""
    return spoken and with_family
