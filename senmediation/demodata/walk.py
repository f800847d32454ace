"""One case walked through the workflow table in memory, from opening to wherever it has got to by yesterday:
each step chosen by weight from what the table allows (remembered per process), the work it needs done first
(a mediator, everyone's agreement, a meeting), its clocks started, met and stopped, and notes between the
steps; then chunk_rows, all the rows of one chunk of cases. Pure: reads nothing from the database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from bisect import bisect

from senmediation.cases.models import CaseEvent, MeetingOutcome
from senmediation.cases.services.references import PREFIXES
from senmediation.documents.models import Document
from senmediation.documents.services.certificates import KIND_FOR_CLOCK
from senmediation.meetings.models import Meeting
from senmediation.rules.calendar import add_working_days
from senmediation.rules.deadlines import Clock
from senmediation.rules.eligibility import Decision, Element, Route, route_for
from senmediation.rules.workflow import (
    ACTION_LABELS,
    STATE_LABELS,
    Action,
    CaseFacts,
    CaseType,
    State,
    Transition,
    TransitionNotAllowed,
    allowed_transitions,
    check_transition,
    clocks_on_open,
    is_open,
)

from . import writer
from .phrases import FIRST, LAST, NOTES, PLACE_SURNAMES
from .walk_base import STRIDE, _between, _one
from .walk_documents import _WalkDocuments
from .walk_feedback import _WalkFeedback
from .walk_rows import _WalkRows
from .world import Chunk, World, _opened_on, _types

MAX_STEPS = 18
# How likely each step is when the workflow allows it (the table decides what is allowed).
ACTION_WEIGHTS: dict[Action, float] = {
    Action.give_information: 12, Action.request_certificate: 4, Action.request_mediation: 7,
    Action.notify_la: 12, Action.notify_icb: 6, Action.start_preparation: 12, Action.schedule_meeting: 12,
    Action.reschedule_meeting: 0.6, Action.hold_meeting: 12, Action.record_agreement: 7,
    Action.record_no_agreement: 3, Action.issue_certificate: 12, Action.mark_not_arranged: 0.5,
    Action.start_follow_up: 5, Action.close: 2.5, Action.withdraw: 0.4, Action.arrange_mediation_later: 1.5,
}
STALL = 0.03  # a case left waiting at a step: how open cases end up with overdue clocks
# Some states wait longer: a certificate sent is often left open a while before the case is closed.
STALL_AT: dict[State, float] = {State.certificate_issued: 0.25}
GAPS = (1, 1, 2, 2, 3, 3, 4, 5, 7, 10)  # working days between steps


# The walk asks the workflow the same questions many times over: remember the answers (per process).
_ALLOWED: dict[tuple[CaseType, State, CaseFacts], tuple[list[Transition], list[float]]] = {}
_CHECKED: dict[tuple[CaseType, State, Action, CaseFacts], Transition | None] = {}
_OPTIMISTIC: dict[CaseFacts, CaseFacts] = {}


def _allowed(case_type: CaseType, state: State, facts: CaseFacts) -> tuple[list[Transition], list[float]]:
    """What the table allows once the preparatory work (mediator, agreement, meeting) is done."""
    optimistic = _OPTIMISTIC.get(facts)
    if optimistic is None:
        optimistic = _OPTIMISTIC[facts] = dataclasses.replace(
            facts, mediator_assigned=True, all_parties_agree=True, meeting_scheduled=True)
    key = (case_type, state, optimistic)
    if key not in _ALLOWED:
        options = allowed_transitions(case_type=case_type, state=state, facts=optimistic)
        weights, total = [], 0.0
        for option in options:
            total += ACTION_WEIGHTS[option.action]
            weights.append(total)
        _ALLOWED[key] = (options, weights)
    return _ALLOWED[key]


def _checked(case_type: CaseType, state: State, action: Action, facts: CaseFacts) -> Transition | None:
    key = (case_type, state, action, facts)
    if key not in _CHECKED:
        try:
            _CHECKED[key] = check_transition(case_type=case_type, state=state, action=action, facts=facts)
        except TransitionNotAllowed:
            _CHECKED[key] = None
    return _CHECKED[key]


class _CaseWalk(_WalkDocuments, _WalkFeedback, _WalkRows):
    """One case from opening to wherever it has got to by yesterday."""

    # --- the walk -------------------------------------------------------------------------------

    def run(self) -> None:
        rng, world = self.rng, self.world
        sen = self.case_type is CaseType.sen_mediation
        decisions = rng.sample([d.value for d in Decision if d not in (Decision.legacy_statement,
                                                                    Decision.school_action)],
                               k=_one(rng, (1, 1, 2)))
        self.health = rng.random() < 0.15
        self.elements = [Element.education] + ([Element.health] if self.health else [])
        if sen and rng.random() < 0.06:
            # Disagreements about the health or social care parts alone: their own routes (CFA s.53(3)-(4), s.54).
            self.elements = _one(rng, ([Element.health], [Element.social_care], [Element.health, Element.social_care]))
            self.health = Element.health in self.elements
            decisions = [Decision.plan_provision.value]
        self.route = (route_for(decisions=[Decision(d) for d in decisions], elements=self.elements) if sen
                      else Route.disagreement_resolution)
        if self.route is Route.placement_only:
            self.elements = []
        self.notice = self.opened - dt.timedelta(days=_between(rng, 3, 50))
        self.decisions = decisions
        self.facts = CaseFacts(case_type=self.case_type, route=self.route, has_health_elements=self.health)
        self.first, self.last = _one(rng, FIRST), _one(rng, LAST if rng.random() < 0.5 else PLACE_SURNAMES)
        self.parent = f"{_one(rng, FIRST)} {self.last}"
        self.la_id, self.la_name = _one(rng, world.la if sen else world.drs_la)
        self._event(self.opened, 9 * 60 + _between(rng, 0, 59), CaseEvent.Kind.OPENED, "", "", State.enquiry.value,
                    f"Case opened from {_one(rng, ['online form', 'phone', 'phone', 'email'])}", self.coordinator)
        for clock_ in clocks_on_open(case_type=self.case_type, route=self.route):
            from_notice = clock_ in (Clock.contact_adviser, Clock.tribunal_appeal)
            self._start(clock_, self.notice if from_notice else self.opened)
        self.last_day = self.opened
        yesterday = world.today - dt.timedelta(days=1)
        day = self.opened
        steps = 0
        while is_open(self.state) and steps < MAX_STEPS and len(self.letters) < STRIDE[Document]:
            steps += 1
            options, weights = _allowed(self.case_type, self.state, self.facts)
            if not options or rng.random() < STALL_AT.get(self.state, STALL):
                break
            chosen = options[bisect(weights, rng.random() * weights[-1])]
            on = add_working_days(day, _one(rng, GAPS))
            if chosen.action is Action.hold_meeting:
                on = self.facts.meeting_date or on
            if on > yesterday:
                break
            if not self._prepare(chosen.action, on):
                break
            transition = _checked(self.case_type, self.state, chosen.action, self.facts)
            if transition is None:
                break
            self._apply(transition, on)
            day = on
        self._notes(yesterday)
        self._feedback(yesterday)
        self._write()

    def _prepare(self, action: Action, on: dt.date) -> bool:
        """The work a step needs first (a mediator, everyone's agreement, a meeting), done on the day."""
        rng, facts = self.rng, self.facts
        if action is Action.start_preparation and not facts.mediator_assigned:
            self.fields["mediator_id"] = _one(rng, self.world.mediators)
            self.facts = dataclasses.replace(self.facts, mediator_assigned=True)
            self._event(on, 9 * 60 + _between(rng, 0, 90), CaseEvent.Kind.UPDATED, "", "", "",
                        "Mediator assigned", self.coordinator)
            if self.case_type is CaseType.disagreement_resolution and not facts.all_parties_agree:
                self.fields["all_parties_agreed"] = True
                self.facts = dataclasses.replace(self.facts, all_parties_agree=True)
                self._event(on, 9 * 60 + _between(rng, 0, 90), CaseEvent.Kind.UPDATED, "", "", "",
                            "Every party agreed to take part", self.coordinator)
        if action in (Action.schedule_meeting, Action.reschedule_meeting):
            if self.meetings:
                self.meetings[-1][2] = Meeting.Status.MOVED.value
            meeting_day = add_working_days(on, _between(rng, 6, 20))
            venue_id, online = _one(rng, self.world.venues)
            self.meetings.append([meeting_day, on, Meeting.Status.SCHEDULED.value, venue_id, online])
            self.facts = dataclasses.replace(self.facts, meeting_scheduled=True, meeting_date=meeting_day,
                                             notice_sent_on=on)
        if action is Action.hold_meeting:
            self.meetings[-1][2] = Meeting.Status.HELD.value
        return True

    def _apply(self, transition: Transition, on: dt.date) -> None:
        before = self.facts
        from_state = self.state
        self.state = transition.to_state
        action = transition.action
        if action is Action.notify_la:
            self.fields["la_notified_on"] = on
        if action is Action.record_agreement:
            self.fields["meeting_outcome"] = MeetingOutcome.AGREEMENT.value
            self.facts = dataclasses.replace(self.facts, outcome_recorded=True, agreement_reached=True)
        if action is Action.record_no_agreement:
            self.fields["meeting_outcome"] = MeetingOutcome.NO_AGREEMENT.value
            self.facts = dataclasses.replace(self.facts, outcome_recorded=True)
        if action is Action.hold_meeting:
            self.facts = dataclasses.replace(self.facts, meeting_scheduled=False)
            self.held_on = on
        if transition.to_state in (State.closed, State.withdrawn):
            self.fields["closed_on"] = on
            self.fields["closure_reason"] = "Withdrawn by the family" if action is Action.withdraw else ""
        minute = 11 * 60 + _between(self.rng, 0, 300)
        by = self.fields["mediator_id"] if action in (Action.hold_meeting, Action.record_agreement,
                                                      Action.record_no_agreement) else self.coordinator
        self._event(on, minute, CaseEvent.Kind.TRANSITION, action.value, from_state.value, self.state.value,
                    f"{ACTION_LABELS[action]}: {STATE_LABELS[from_state]} to {STATE_LABELS[self.state]}", by)
        if action is Action.issue_certificate:
            self.fields["certificate_issued_on"] = on
            self.facts = dataclasses.replace(self.facts, certificate_issued=True,
                                             certificate_was_not_arranged=from_state is State.not_arranged)
            self._certificate(KIND_FOR_CLOCK[transition.meets[0]], on, minute + 1)
        if action is Action.notify_la:
            self._letter(on, minute + 1)
        if action in (Action.record_agreement, Action.record_no_agreement):
            self._agreement(on, action is Action.record_agreement, minute + 1)
        for clock_ in transition.clocks_started(before):
            self._start(clock_, on)
        for clock_ in transition.meets:
            if (c := self.clocks.get(clock_)) and c[2] is None and c[3] is None:
                c[2] = on
        for clock_ in transition.stops:
            if clock_ is not Clock.tribunal_appeal and (c := self.clocks.get(clock_)) and c[2] is None and c[3] is None:
                c[3] = on
        self.last_day = on

    def _notes(self, yesterday: dt.date) -> None:
        """Calls, e-mails and letters between the steps: 5 to 30 timeline entries in all."""
        rng = self.rng
        wanted = min(30, max(5, len(self.events) + _one(rng, (0, 0, 1, 1, 2, 3, 5, 10))))
        closed_on = self.fields["closed_on"]
        end = min(yesterday, closed_on - dt.timedelta(days=1) if closed_on else add_working_days(self.last_day, 5))
        span = max((end - self.opened).days, 0)
        while len(self.events) < wanted:
            # After the opening entry (9am) and, on a closed case, before the day it closed.
            day = self.opened + dt.timedelta(days=_between(rng, 0, span))
            self._event(day, 10 * 60 + _between(rng, 0, 7 * 60), CaseEvent.Kind.NOTE, "", "", "", _one(rng, NOTES),
                        self.coordinator)


def chunk_rows(world: World, chunk: Chunk) -> writer.Rows:
    """All the rows of one chunk of cases (pure: reads nothing from the database)."""
    rng = random.Random(f"{world.seed}:cases:{chunk.number}")
    rows = writer.rows_empty()
    counters = dict(chunk.ref_start)
    for offset, case_type in enumerate(_types(world.seed, chunk.number, chunk.size)):
        index = chunk.start + offset
        prefix, year = PREFIXES[case_type], _opened_on(world, index).year
        counters[(prefix, year)] = number = counters.get((prefix, year), 0) + 1
        _CaseWalk(world, rng, index, case_type, f"{prefix}-{year}-{number:05d}", number, rows).run()
    return rows
