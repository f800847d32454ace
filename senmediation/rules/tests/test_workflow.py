"""The case state machine: reachability, withdrawal, the DRS/SEN split, full routes, refusals."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from senmediation.rules.deadlines import CLOCK_RULES, Clock
from senmediation.rules.eligibility import Route
from senmediation.rules.workflow import (
    ACTION_LABELS,
    MEETING_STATES,
    OPEN_STATES,
    STATE_LABELS,
    TERMINAL_STATES,
    TRANSITIONS,
    Action,
    CaseFacts,
    CaseType,
    State,
    Transition,
    TransitionNotAllowed,
    allowed_transitions,
    certificate_clock_now,
    check_transition,
    clocks_on_open,
    is_open,
    meeting_refusal,
    meeting_step,
    reachable_states,
)

SEN = CaseType.sen_mediation
DRS = CaseType.disagreement_resolution
CERTIFICATE_STATES = {State.certificate_requested, State.certificate_issued, State.not_arranged}
CERTIFICATE_ACTIONS = {Action.request_certificate, Action.issue_certificate, Action.mark_not_arranged}

# Facts a case has once staff have done the groundwork a step needs.
READY = CaseFacts(mediator_assigned=True, all_parties_agree=True, meeting_scheduled=True)


def walk(
    case_type: CaseType, actions: list[Action], facts: CaseFacts = READY
) -> tuple[State, list[Transition], CaseFacts]:
    """Apply actions from enquiry, updating facts the way the case service would."""
    state = State.enquiry
    facts = replace(facts, case_type=case_type)
    taken = []
    for action in actions:
        transition = check_transition(case_type=case_type, state=state, action=action, facts=facts)
        taken.append(transition)
        state = transition.to_state
        if action is Action.record_agreement:
            facts = replace(facts, outcome_recorded=True, agreement_reached=True)
        elif action is Action.record_no_agreement:
            facts = replace(facts, outcome_recorded=True)
        elif action is Action.issue_certificate:
            facts = replace(
                facts, certificate_issued=True, certificate_was_not_arranged=transition.from_state is State.not_arranged
            )
    return state, taken, facts


def test_labels_cover_everything() -> None:
    assert set(STATE_LABELS) == set(State)
    assert set(ACTION_LABELS) == set(Action)
    assert all(t.label for t in TRANSITIONS)


def test_open_and_terminal() -> None:
    assert {State.closed, State.withdrawn} == TERMINAL_STATES
    assert set(State) == OPEN_STATES | TERMINAL_STATES
    assert is_open("scheduled") and not is_open(State.closed)


def test_one_row_per_state_action_and_case_type() -> None:
    keys = Counter((t.from_state, t.action, ct) for t in TRANSITIONS for ct in t.case_types)
    assert max(keys.values()) == 1


def test_every_state_reachable_from_enquiry() -> None:
    assert reachable_states(SEN) == set(State)
    assert reachable_states(DRS) == set(State) - CERTIFICATE_STATES - {State.la_notified}


def test_terminal_states_lead_nowhere() -> None:
    assert not [t for t in TRANSITIONS if t.from_state in TERMINAL_STATES]


@pytest.mark.parametrize("case_type", list(CaseType))
def test_every_open_state_can_be_withdrawn(case_type: CaseType) -> None:
    for state in reachable_states(case_type) & OPEN_STATES:
        transition = check_transition(case_type=case_type, state=state, action=Action.withdraw, facts=None)
        assert transition.to_state is State.withdrawn
        assert Clock.mediation_held in transition.stops


def test_disagreement_resolution_has_no_certificates_or_statutory_clocks() -> None:
    for t in TRANSITIONS:
        if DRS not in t.case_types:
            continue
        assert t.action not in CERTIFICATE_ACTIONS | {Action.notify_la, Action.notify_icb}
        assert t.to_state not in CERTIFICATE_STATES
        assert all(not CLOCK_RULES[c].statutory for c in t.starts + t.meets)
    with pytest.raises(TransitionNotAllowed, match="Disagreement resolution.*no mediation certificate"):
        check_transition(case_type=DRS, state=State.information_given, action=Action.request_certificate)


def test_every_clock_named_in_the_table_has_a_rule() -> None:
    for t in TRANSITIONS:
        assert set(t.starts + t.meets + t.stops) <= set(CLOCK_RULES)
        assert {c for c, _ in t.start_conditions} <= set(t.starts)
    assert clocks_on_open(case_type=SEN, route=Route.statutory_mediation) == (
        Clock.first_call_back, Clock.contact_adviser, Clock.tribunal_appeal,
    )
    assert clocks_on_open(case_type=DRS, route=Route.disagreement_resolution) == (Clock.first_call_back,)


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        # Placement only: no certificate, so no adviser clock (reg 33 binds those who need one), but the
        # Tribunal deadline runs and mediation does not extend it.
        (Route.placement_only, (Clock.first_call_back, Clock.tribunal_appeal)),
        # Health or social care alone: no appeal on those parts, so neither clock.
        (Route.health_only, (Clock.first_call_back,)),
        (Route.social_care_only, (Clock.first_call_back,)),
        (Route.health_and_social_care, (Clock.first_call_back,)),
    ],
)
def test_clocks_on_open_follow_the_route(route: Route, expected: tuple[Clock, ...]) -> None:
    assert clocks_on_open(case_type=SEN, route=route) == expected


# --- Complete routes -----------------------------------------------------------------------------


def test_certificate_only() -> None:
    state, taken, _ = walk(
        SEN, [Action.give_information, Action.request_certificate, Action.issue_certificate, Action.close]
    )
    assert state is State.closed
    assert taken[1].starts == (Clock.certificate_no_mediation,)
    assert Clock.contact_adviser in taken[1].meets
    assert taken[2].meets == (Clock.certificate_no_mediation,)


MEDIATION_TO_MEETING = [
    Action.give_information,
    Action.request_mediation,
    Action.notify_la,
    Action.start_preparation,
    Action.schedule_meeting,
    Action.hold_meeting,
]


def test_mediation_with_agreement() -> None:
    actions = [
        *MEDIATION_TO_MEETING,
        Action.record_agreement,
        Action.issue_certificate,
        Action.start_follow_up,
        Action.close,
    ]
    state, taken, after = walk(SEN, actions)
    assert state is State.closed
    facts = replace(after, certificate_issued=False)  # as they stood before the certificate
    by_action = {t.action: t for t in taken}
    assert by_action[Action.notify_la].clocks_started(facts) == (Clock.mediation_held,)
    assert by_action[Action.hold_meeting].meets == (Clock.mediation_held,)
    assert by_action[Action.hold_meeting].clocks_started(facts) == (Clock.certificate_after_mediation,)
    assert by_action[Action.record_agreement].clocks_started(facts) == (Clock.agreement_other_actions,)
    assert by_action[Action.issue_certificate].meets == (Clock.certificate_after_mediation,)


def test_mediation_without_agreement() -> None:
    actions = [*MEDIATION_TO_MEETING, Action.record_no_agreement, Action.issue_certificate, Action.close]
    state, taken, _ = walk(SEN, actions)
    assert state is State.closed
    assert taken[-3].to_state is State.held  # no agreement: the status stays "held" until the certificate


def test_la_unable_to_arrange() -> None:
    actions = [
        Action.give_information,
        Action.request_mediation,
        Action.notify_la,
        Action.mark_not_arranged,
        Action.issue_certificate,
        Action.close,
    ]
    state, taken, after = walk(SEN, actions)
    assert state is State.closed
    facts = replace(after, certificate_issued=False, certificate_was_not_arranged=False)
    assert taken[3].clocks_started(facts) == (Clock.certificate_not_arranged,)
    assert Clock.mediation_held in taken[3].stops
    assert taken[4].meets == (Clock.certificate_not_arranged,)


@pytest.mark.parametrize(
    "state", [State.mediation_requested, State.la_notified, State.preparing, State.scheduled]
)
def test_not_arranged_from_each_mediation_state(state: State) -> None:
    transition = check_transition(case_type=SEN, state=state, action=Action.mark_not_arranged, facts=READY)
    assert transition.to_state is State.not_arranged


def test_not_arranged_not_from_other_states() -> None:
    for state in set(State) - {
        State.mediation_requested,
        State.la_notified,
        State.preparing,
        State.scheduled,
    }:
        with pytest.raises(TransitionNotAllowed):
            check_transition(case_type=SEN, state=state, action=Action.mark_not_arranged, facts=READY)


def test_drs_with_agreement() -> None:
    actions = [
        Action.give_information,
        Action.request_mediation,
        Action.start_preparation,
        Action.schedule_meeting,
        Action.hold_meeting,
        Action.record_agreement,
        Action.start_follow_up,
        Action.close,
    ]
    state, taken, facts = walk(DRS, actions)
    assert state is State.closed
    assert all(t.clocks_started(facts) == () for t in taken)


def test_drs_without_agreement() -> None:
    actions = [
        Action.give_information,
        Action.request_mediation,
        Action.start_preparation,
        Action.schedule_meeting,
        Action.hold_meeting,
        Action.record_no_agreement,
        Action.close,
    ]
    assert walk(DRS, actions)[0] is State.closed


def test_drs_needs_every_party_to_agree() -> None:
    facts = CaseFacts(case_type=DRS, mediator_assigned=True)
    with pytest.raises(TransitionNotAllowed, match="voluntary.*every party"):
        check_transition(
            case_type=DRS, state=State.mediation_requested, action=Action.start_preparation, facts=facts
        )


def test_family_changes_their_mind_both_ways() -> None:
    actions = [
        Action.give_information,
        Action.request_certificate,
        Action.request_mediation,
        Action.notify_la,
        Action.request_certificate,
        Action.issue_certificate,
        Action.close,
    ]
    state, taken, _ = walk(SEN, actions)
    assert state is State.closed
    assert Clock.certificate_no_mediation in taken[2].stops
    assert Clock.mediation_held in taken[4].stops


def test_placement_only_needs_no_certificate() -> None:
    facts = replace(READY, route=Route.placement_only)
    with pytest.raises(TransitionNotAllowed, match=r"only about the school or college.*s\.55\)"):
        check_transition(
            case_type=SEN, state=State.information_given, action=Action.request_certificate, facts=facts
        )
    # Mediation is still offered and ends without a certificate.
    actions = [*MEDIATION_TO_MEETING, Action.record_agreement, Action.start_follow_up, Action.close]
    state, taken, after = walk(SEN, actions, facts)
    assert state is State.closed
    assert taken[5].clocks_started(after) == ()  # no certificate_after_mediation
    not_arranged = [Action.give_information, Action.request_mediation, Action.mark_not_arranged, Action.close]
    state, taken, after = walk(SEN, not_arranged, facts)
    assert state is State.closed
    assert taken[2].clocks_started(after) == ()


@pytest.mark.parametrize("route", [Route.health_only, Route.social_care_only, Route.health_and_social_care])
def test_care_only_routes_go_from_the_meeting_to_follow_up_without_a_certificate(route: Route) -> None:
    facts = replace(READY, route=route)
    with pytest.raises(TransitionNotAllowed, match="no appeal to the Tribunal about the health or social care"):
        check_transition(case_type=SEN, state=State.information_given, action=Action.request_certificate, facts=facts)
    notify_icb = [Action.notify_icb] if route is Route.health_only else []
    actions = [
        Action.give_information, Action.request_mediation, Action.notify_la, *notify_icb, Action.start_preparation,
        Action.schedule_meeting, Action.hold_meeting, Action.record_agreement, Action.start_follow_up, Action.close,
    ]
    state, taken, after = walk(SEN, actions, facts)
    assert state is State.closed
    started = {c for t in taken for c in t.clocks_started(after)}
    assert not started & {
        Clock.certificate_after_mediation, Clock.certificate_no_mediation, Clock.certificate_not_arranged,
    }
    # After the meeting the workflow offers the agreement, never a certificate.
    held = {t.action for t in allowed_transitions(case_type=SEN, state=State.held, facts=facts)}
    assert held == {Action.record_agreement, Action.record_no_agreement, Action.withdraw}
    assert certificate_clock_now(allowed_transitions(case_type=SEN, state=State.held, facts=facts)) is None


def test_social_care_only_starts_the_30_days_when_the_la_is_told_and_never_tells_the_icb() -> None:
    facts = CaseFacts(route=Route.social_care_only)
    notify = check_transition(case_type=SEN, state=State.mediation_requested, action=Action.notify_la, facts=facts)
    assert notify.clocks_started(facts) == (Clock.mediation_held,)
    with pytest.raises(TransitionNotAllowed, match="no health care issues"):
        check_transition(case_type=SEN, state=State.la_notified, action=Action.notify_icb, facts=facts)


def test_health_and_education_tells_the_icb_and_runs_30_days_from_the_la() -> None:
    facts = CaseFacts(route=Route.statutory_mediation, has_health_elements=True)
    notify = check_transition(case_type=SEN, state=State.mediation_requested, action=Action.notify_la, facts=facts)
    assert notify.clocks_started(facts) == (Clock.mediation_held, Clock.health_issues_to_icb)
    icb = check_transition(case_type=SEN, state=State.la_notified, action=Action.notify_icb, facts=facts)
    assert icb.clocks_started(facts) == ()


def test_a_not_arranged_case_can_still_mediate_and_keeps_its_certificate() -> None:
    actions = [
        Action.give_information, Action.request_mediation, Action.notify_la, Action.mark_not_arranged,
        Action.issue_certificate, Action.arrange_mediation_later, Action.start_preparation, Action.schedule_meeting,
        Action.hold_meeting, Action.record_agreement, Action.start_follow_up, Action.close,
    ]
    state, taken, after = walk(SEN, actions)
    assert state is State.closed
    before = replace(after, certificate_issued=False, certificate_was_not_arranged=False)
    assert taken[3].clocks_started(before) == (Clock.certificate_not_arranged,)
    late = taken[5]
    assert (late.from_state, late.to_state, late.starts) == (State.certificate_issued, State.la_notified, ())
    # The meeting starts no new certificate clock: the family already hold their certificate.
    assert taken[8].clocks_started(after) == ()
    # Only a not-arranged certificate opens that door.
    plain = replace(READY, certificate_issued=True, certificate_was_not_arranged=False)
    with pytest.raises(TransitionNotAllowed, match="could not be arranged in time"):
        check_transition(case_type=SEN, state=State.certificate_issued, action=Action.arrange_mediation_later,
                         facts=plain)


def test_meetings_are_arranged_only_where_the_workflow_says() -> None:
    assert {State.mediation_requested, State.la_notified, State.preparing, State.scheduled} == MEETING_STATES
    assert meeting_refusal(state=State.la_notified) is None
    assert meeting_step(case_type=SEN, state=State.la_notified) is None  # pencilled in
    assert meeting_step(case_type=SEN, state=State.preparing) is Action.schedule_meeting
    assert meeting_step(case_type=DRS, state=State.scheduled) is Action.reschedule_meeting
    assert meeting_refusal(state=State.held) == (
        "A meeting can only be arranged once the family have asked for mediation, and before it is held."
    )


def test_health_clocks() -> None:
    notify = check_transition(case_type=SEN, state=State.mediation_requested, action=Action.notify_la)
    assert notify.clocks_started(CaseFacts(has_health_elements=True)) == (
        Clock.mediation_held,
        Clock.health_issues_to_icb,
    )
    # Health care only: the 30 days run from when the ICB is told, and the ICB tells the LA of any agreement.
    health_only = CaseFacts(route=Route.health_only)
    assert notify.clocks_started(health_only) == (Clock.health_issues_to_icb,)
    icb = check_transition(
        case_type=SEN, state=State.la_notified, action=Action.notify_icb, facts=health_only
    )
    assert icb.to_state is State.la_notified
    assert icb.meets == (Clock.health_issues_to_icb,)
    assert icb.clocks_started(health_only) == (Clock.mediation_held,)
    assert icb.clocks_started(CaseFacts(has_health_elements=True)) == ()
    agree = check_transition(case_type=SEN, state=State.held, action=Action.record_agreement)
    assert agree.clocks_started(health_only) == (Clock.agreement_other_actions, Clock.icb_tells_la)
    with pytest.raises(TransitionNotAllowed, match="no health care issues"):
        check_transition(case_type=SEN, state=State.la_notified, action=Action.notify_icb)
