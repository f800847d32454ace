"""When the issues change after a case opens: the route, the certificate and the clocks follow them.

A family may add or drop issues at any time: a family who disputed only the school named in the plan
may now dispute the special educational provision too, or drop it. Nothing decided at the start binds
the case: the route is worked out again from the issues disputed now (rules/eligibility.py), and so
are the certificate owed and the clocks.

The law, as read in the Children and Families Act 2014 (legislation text: docs/law.md):
- s.55(1) and (3): a parent or young person who intends to appeal about a decision of the local
  authority or the content of an EHC plan "may make the appeal only if a mediation adviser has issued
  a certificate" under s.55(4) or (5).
- s.55(2): that "does not apply in respect of an appeal concerning only" the school or other
  institution named in the plan, its type, or "the fact that an EHC plan does not name a school or
  other institution". So once anything else is disputed, a certificate is needed.
- s.21(5): "Health care provision or social care provision which educates or trains a child or young
  person is to be treated as special educational provision (instead of health care provision or social
  care provision)." So a disputed health or social care provision that educates or trains counts as
  education (section F) when the route is worked out.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from senmediation.rules.appeal import tribunal_appeal_deadline
from senmediation.rules.calendar import format_day
from senmediation.rules.deadlines import CLOCK_RULES, Clock, due_date
from senmediation.rules.eligibility import ROUTE_RULES, Element, Route
from senmediation.rules.workflow import TRANSITIONS, Action, CaseType, State

__all__ = [
    "CERTIFICATE_CLOCKS",
    "EDUCATES_OR_TRAINS",
    "ROUTE_NAMES",
    "ClockChange",
    "ClockMove",
    "IssuesChange",
    "certificate_clock_at",
    "elements_in_law",
    "issues_change_plan",
]

# A choice staff can tick beside the plan's parts; it is not a part of its own (CFA 2014 s.21(5)).
EDUCATES_OR_TRAINS = "educates_or_trains"

ROUTE_NAMES: Mapping[Route, str] = MappingProxyType(
    {
        Route.statutory_mediation: "SEN mediation, certificate needed",
        Route.placement_only: "school or college only, no certificate needed",
        Route.health_only: "health care only, arranged by the ICB",
        Route.social_care_only: "social care only, no certificate needed",
        Route.health_and_social_care: "health and social care only, no certificate needed",
        Route.signpost_drs: "outside SEN mediation",
        Route.disagreement_resolution: "disagreement resolution",
    }
)


def elements_in_law(chosen: Collection[str]) -> tuple[Element, ...]:
    """The parts of the plan as the law counts them, in a fixed order.

    Health or social care provision that educates or trains the child or young person is special
    educational provision "instead of" health or social care provision (CFA 2014 s.21(5)), so that
    choice counts as education. ValueError for anything that is not a part of the plan.
    """
    parts = {Element.education if c == EDUCATES_OR_TRAINS else Element(c) for c in chosen}
    return tuple(e for e in Element if e in parts)


# The certificate clocks are the ones the workflow's "issue the certificate" steps meet.
CERTIFICATE_CLOCKS: frozenset[Clock] = frozenset(
    c for t in TRANSITIONS if t.action is Action.issue_certificate for c in t.meets
)

# The adviser clock (reg 33) is met when the family tell the adviser what they want; it can only start
# while they have not yet done so: at the start, or in a state whose "want mediation" step meets it.
_ADVISER_NOT_YET_TOLD: frozenset[State] = frozenset(
    {State.enquiry}
    | {t.from_state for t in TRANSITIONS if t.action is Action.request_mediation and Clock.contact_adviser in t.meets}
)


def certificate_clock_at(state: State | str) -> Clock | None:
    """The certificate clock that the workflow's issue step from `state` meets (guards aside): the
    certificate a case in this state is waiting for, if one is owed. None before any is due."""
    for t in TRANSITIONS:
        if t.from_state is State(state) and t.action is Action.issue_certificate and CaseType.sen_mediation in t.case_types:
            return t.meets[0]
    return None


class ClockMove(StrEnum):
    start = "start"
    stop = "stop"


@dataclass(frozen=True)
class ClockChange:
    clock: Clock
    move: ClockMove
    start: date | None = None
    due: date | None = None

    @property
    def sentence(self) -> str:
        rule = CLOCK_RULES[self.clock]
        if self.move is ClockMove.stop:
            return f"{rule.label}: stops, as it no longer applies."
        assert self.start is not None and self.due is not None
        return f"{rule.label}: starts from {format_day(self.start)}, due {format_day(self.due)} ({rule.citation})."


@dataclass(frozen=True)
class IssuesChange:
    route_before: Route
    route_after: Route
    owed_before: bool  # a certificate is owed and not yet issued
    owed_after: bool
    certificate_issued_on: date | None
    clocks: tuple[ClockChange, ...]

    @property
    def starts(self) -> tuple[tuple[Clock, date], ...]:
        return tuple((c.clock, c.start) for c in self.clocks if c.move is ClockMove.start and c.start is not None)

    @property
    def stops(self) -> tuple[Clock, ...]:
        return tuple(c.clock for c in self.clocks if c.move is ClockMove.stop)

    def route_sentence(self) -> str:
        if self.route_before is self.route_after:
            return f"The route stays the same: {ROUTE_NAMES[self.route_after]}."
        return f"The route changes from {ROUTE_NAMES[self.route_before]} to {ROUTE_NAMES[self.route_after]}."

    def certificate_sentence(self) -> str:
        if self.certificate_issued_on is not None:
            return (f"The certificate issued on {format_day(self.certificate_issued_on)} stands, "
                    "whatever the issues are now.")
        if self.owed_after and not self.owed_before:
            return (
                "A mediation certificate is now owed: the family need one before they can appeal "
                "(Children and Families Act 2014 s.55(3)), because the disagreement is no longer only about "
                + ("the school or college named in the plan (s.55(2))." if self.route_before is Route.placement_only
                   else "the health or social care parts of the plan.")
            )
        if self.owed_before and not self.owed_after:
            if self.route_after is Route.placement_only:
                why = ("an appeal only about the school or college named in the plan, its type, or that none "
                       "is named needs no certificate (Children and Families Act 2014 s.55(2))")
            else:
                why = "there is no appeal to the Tribunal about the health or social care parts of a plan alone"
            return f"A mediation certificate is no longer owed: {why}. Mediation is still available if the family want it."
        if self.owed_after:
            return "A mediation certificate is still owed."
        return "No mediation certificate is needed, before or after the change."

    def lines(self) -> tuple[str, ...]:
        """The effect, in plain words, in the order staff read it: route, certificate, clocks."""
        clocks = tuple(c.sentence for c in self.clocks) or ("No clock changes.",)
        return (self.route_sentence(), self.certificate_sentence(), *clocks)


def issues_change_plan(
    *, state: State | str, route_before: Route, route_after: Route, certificate_issued_on: date | None,
    decision_notice: date | None, open_clocks: Collection[Clock], triggers: Mapping[Clock, date], today: date,
) -> IssuesChange:
    """What changing the route from `route_before` to `route_after` does to an SEN mediation case.

    `open_clocks`: the case's clocks still running. `triggers`: for a certificate clock, the day its
    trigger happened (the mediation held, the LA saying it cannot arrange it in time), when on record;
    a certificate clock that becomes owed runs from that day, or from `today` when none is recorded.
    """
    after = ROUTE_RULES[route_after]
    issued = certificate_issued_on is not None
    owed_after = after.certificate_owed and not issued
    running = frozenset(open_clocks)
    changes: list[ClockChange] = []
    # Family to contact the adviser: only where a certificate is needed (SEND Regulations 2014 reg 33).
    if after.adviser_clock and Clock.contact_adviser not in running:
        if decision_notice is not None and State(state) in _ADVISER_NOT_YET_TOLD:
            changes.append(ClockChange(Clock.contact_adviser, ClockMove.start, decision_notice,
                                       due_date(Clock.contact_adviser, decision_notice)))
    elif not after.adviser_clock and Clock.contact_adviser in running:
        changes.append(ClockChange(Clock.contact_adviser, ClockMove.stop))
    # The appeal deadline runs wherever an appeal is possible.
    if after.appeal_deadline_runs and Clock.tribunal_appeal not in running and decision_notice is not None:
        due = tribunal_appeal_deadline(decision_notice_sent=decision_notice, certificate_issued=certificate_issued_on)
        changes.append(ClockChange(Clock.tribunal_appeal, ClockMove.start, decision_notice, due))
    elif not after.appeal_deadline_runs and Clock.tribunal_appeal in running:
        changes.append(ClockChange(Clock.tribunal_appeal, ClockMove.stop))
    # The certificate the case is waiting for, where one is owed now.
    waiting = certificate_clock_at(state)
    if owed_after and waiting is not None and waiting not in running:
        start = triggers.get(waiting, today)
        changes.append(ClockChange(waiting, ClockMove.start, start, due_date(waiting, start)))
    if not owed_after:
        changes += [ClockChange(c, ClockMove.stop) for c in sorted(running & CERTIFICATE_CLOCKS)]
    return IssuesChange(
        route_before=route_before, route_after=route_after,
        owed_before=ROUTE_RULES[route_before].certificate_owed and not issued, owed_after=owed_after,
        certificate_issued_on=certificate_issued_on, clocks=tuple(changes),
    )
