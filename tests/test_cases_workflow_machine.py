"""A property-based state machine over `case_transition`: random cases of every type and route, driven
through random allowed steps, with the workflow's invariants checked after every step.

Invariants:
- every open case has the clocks its state requires, and no open clock its state does not allow;
- no certificate, and no certificate clock, without a right of appeal that needs one (CFA 2014 s.55);
- the adviser and appeal clocks exist exactly where the route says;
- terminal states stay terminal; an open case can always be withdrawn (mediation is voluntary);
- the timeline records every move, in order, ending in the case's state.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from senmediation.accounts.roles import Role
from senmediation.cases.models import Case, CaseEvent, Deadline
from senmediation.cases.services.opening import PartyInput, case_open
from senmediation.cases.services.transitions import case_transition, case_transitions_allowed
from senmediation.core import clock
from senmediation.directory.models import LocalAuthority
from senmediation.meetings.services import meeting_schedule
from senmediation.rules.deadlines import Clock
from senmediation.rules.eligibility import ROUTE_RULES, Element, Route
from senmediation.rules.workflow import TERMINAL_STATES, Action, CaseType, State, meeting_refusal, meeting_step
from testsupport.fixtures import mediator_make, user_make

SEN_ROUTES = [r for r in Route if ROUTE_RULES[r].mediation]
CERTIFICATE_CLOCKS = {
    Clock.certificate_no_mediation, Clock.certificate_not_arranged, Clock.certificate_after_mediation,
}
# Statutory clocks that may be open in each state (health_issues_to_icb may stay open, overdue, until
# the case ends: the LA's duty does not lapse because the meeting happened).
MAY_BE_OPEN: dict[State, set[Clock]] = {
    State.enquiry: {Clock.contact_adviser},
    State.information_given: {Clock.contact_adviser},
    State.certificate_requested: {Clock.certificate_no_mediation},
    State.mediation_requested: set(),
    State.la_notified: {Clock.mediation_held},
    State.preparing: {Clock.mediation_held},
    State.scheduled: {Clock.mediation_held},
    State.held: {Clock.certificate_after_mediation},
    State.agreement_recorded: {Clock.certificate_after_mediation, Clock.agreement_other_actions, Clock.icb_tells_la},
    State.certificate_issued: {Clock.agreement_other_actions, Clock.icb_tells_la},
    State.follow_up: {Clock.agreement_other_actions, Clock.icb_tells_la},
    State.not_arranged: {Clock.certificate_not_arranged},
    State.closed: set(),
    State.withdrawn: set(),
}
ANYWHERE_OPEN = {Clock.first_call_back, Clock.health_issues_to_icb, Clock.tribunal_appeal}


def _elements_for(route: Route, draw_health: bool) -> list[Element]:
    if route is Route.health_only:
        return [Element.health]
    if route is Route.social_care_only:
        return [Element.social_care]
    if route is Route.health_and_social_care:
        return [Element.health, Element.social_care]
    return [Element.education] + ([Element.health] if draw_health else [])


class CaseWorkflowMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.case: Case | None = None
        self.moves: list[tuple[str, str]] = []

    @initialize(
        drs=st.booleans(), route=st.sampled_from(SEN_ROUTES), health=st.booleans(),
        notice_days_ago=st.none() | st.integers(min_value=1, max_value=50), ready=st.integers(0, 9),
    )
    def open_case(self, drs: bool, route: Route, health: bool, notice_days_ago: int | None, ready: int) -> None:
        today = clock.today()
        self.case = case_open(
            by=MACHINE["coordinator"], case_type=CaseType.disagreement_resolution if drs else CaseType.sen_mediation,
            local_authority=MACHINE["la"], child_first_name="Sam", child_last_name="Jones",
            elements=_elements_for(route, health), route=route,
            decision_notice_date=today - dt.timedelta(days=notice_days_ago) if notice_days_ago else None,
            parties=[PartyInput(role="parent", name="Alex Jones", email="alex@example.org",
                                preferred_contact=("email",), is_main_contact=True)],
            today=today,
        )
        if ready:
            # Most runs have their mediator and (DRS) everyone's agreement, so they reach the meeting.
            Case.objects.filter(pk=self.c.pk).update(mediator=MACHINE["mediator"], all_parties_agreed=True)
            self.c.refresh_from_db()

    @property
    def c(self) -> Case:
        assert self.case is not None
        return self.case

    @rule(data=st.data())
    def take_an_allowed_step(self, data: Any) -> None:
        self._step(data)

    @rule(data=st.data())
    def take_another_allowed_step(self, data: Any) -> None:
        # A second rule doing the same: steps are picked twice as often as meetings are arranged.
        self._step(data)

    def _step(self, data: Any) -> None:
        allowed = case_transitions_allowed(self.c)
        if not allowed:
            return
        # Mostly forward steps, so that runs reach the meeting and beyond; ending steps now and then.
        onward = [t for t in allowed if t.to_state not in TERMINAL_STATES]
        if onward and data.draw(st.integers(0, 9), label="end now?") > 0:
            allowed = onward
        transition = data.draw(st.sampled_from(allowed), label="step")
        before = self.c.state
        case_transition(case=self.c, action=transition.action, by=MACHINE["coordinator"])
        self.c.refresh_from_db()
        self.moves.append((before, self.c.state))
        assert self.c.state == transition.to_state.value

    @rule()
    def arrange_the_meeting(self) -> None:
        if meeting_refusal(state=self.c.state) is not None:
            return
        step = meeting_step(case_type=self.c.case_type, state=self.c.state)
        before = self.c.state
        meeting_schedule(case=self.c, starts_at=clock.now() + dt.timedelta(days=21), venue=None,
                         by=MACHINE["coordinator"])
        self.c.refresh_from_db()
        if step is not None:
            self.moves.append((before, self.c.state))

    @invariant()
    def clocks_match_the_state(self) -> None:
        if self.case is None:
            return
        case = self.c
        state = State(case.state)
        rule_ = ROUTE_RULES[Route(case.route)]
        clocks = {Clock(d.clock): d for d in Deadline.objects.filter(case=case)}
        open_ = {c for c, d in clocks.items() if d.met_on is None and d.stopped_on is None}
        assert open_ - ANYWHERE_OPEN <= MAY_BE_OPEN[state], (state, open_)
        if state in TERMINAL_STATES:
            assert open_ <= {Clock.tribunal_appeal}, open_
        if case.case_type == CaseType.disagreement_resolution:
            assert set(clocks) <= {Clock.first_call_back}
            return
        if not rule_.certificate_owed:
            assert not set(clocks) & CERTIFICATE_CLOCKS
            assert case.certificate_issued_on is None
        assert (Clock.contact_adviser in clocks) == (rule_.adviser_clock and case.decision_notice_date is not None)
        assert (Clock.tribunal_appeal in clocks) == (
            rule_.appeal_deadline_runs and case.decision_notice_date is not None
        )
        waiting_for_meeting = state in (State.la_notified, State.preparing, State.scheduled)
        # Health care only: the 30 days start when the ICB is told, a step of its own.
        if waiting_for_meeting and case.certificate_issued_on is None and Route(case.route) is not Route.health_only:
            assert Clock.mediation_held in open_
        owed = rule_.certificate_owed and case.certificate_issued_on is None
        if state is State.certificate_requested:
            assert Clock.certificate_no_mediation in open_
        if owed and state is State.not_arranged:
            assert Clock.certificate_not_arranged in open_
        if owed and state is State.held:
            assert Clock.certificate_after_mediation in open_

    @invariant()
    def open_cases_can_always_be_withdrawn_and_ended_ones_never_move(self) -> None:
        if self.case is None:
            return
        actions = {t.action for t in case_transitions_allowed(self.c)}
        if State(self.c.state) in TERMINAL_STATES:
            assert actions == set()
        else:
            assert Action.withdraw in actions

    @invariant()
    def the_timeline_records_every_move(self) -> None:
        if self.case is None:
            return
        events = list(
            CaseEvent.objects.filter(case=self.c, kind=CaseEvent.Kind.TRANSITION).order_by("at", "pk")
            .values_list("from_state", "to_state")
        )
        assert events == self.moves
        assert (events[-1][1] if events else State.enquiry.value) == self.c.state


MACHINE: dict[str, Any] = {}


@pytest.mark.django_db
def test_case_workflow_state_machine(reference_data: None) -> None:
    MACHINE["coordinator"] = user_make("machine-coordinator", Role.COORDINATOR)
    MACHINE["mediator"] = mediator_make("machine-mediator", first_name="Mo", last_name="Diator")
    MACHINE["la"] = LocalAuthority.objects.get(name="Trafford")
    run_state_machine_as_test(
        CaseWorkflowMachine,
        settings=settings(
            max_examples=60, stateful_step_count=40, deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
