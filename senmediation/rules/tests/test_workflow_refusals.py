"""The case state machine's refusals: forbidden steps, ended cases, guard reasons, the notice a meeting needs,
and how the steps allowed now are offered (moved from test_workflow.py as they were)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from senmediation.rules.eligibility import Route
from senmediation.rules.workflow import (
    TRANSITIONS,
    Action,
    CaseFacts,
    CaseType,
    State,
    TransitionNotAllowed,
    allowed_transitions,
    check_transition,
)

SEN = CaseType.sen_mediation
DRS = CaseType.disagreement_resolution
# Facts a case has once staff have done the groundwork a step needs.
READY = CaseFacts(mediator_assigned=True, all_parties_agree=True, meeting_scheduled=True)


# --- Refusals ------------------------------------------------------------------------------------


def test_forbidden_step_names_the_state_and_the_options() -> None:
    with pytest.raises(TransitionNotAllowed) as caught:
        check_transition(case_type=SEN, state=State.scheduled, action=Action.close, facts=READY)
    message = str(caught.value)
    assert "A case that is 'Scheduled' cannot take the step 'Close the case'" in message
    assert "Record that the meeting took place" in message


def test_ended_case_refuses_everything() -> None:
    with pytest.raises(TransitionNotAllowed, match="has ended"):
        check_transition(case_type=SEN, state=State.closed, action=Action.give_information)


def test_unknown_action() -> None:
    with pytest.raises(TransitionNotAllowed, match="no action called 'dance'"):
        check_transition(case_type=SEN, state=State.enquiry, action="dance")


def test_guard_reasons() -> None:
    with pytest.raises(TransitionNotAllowed, match="Assign an independent mediator"):
        check_transition(case_type=SEN, state=State.la_notified, action=Action.start_preparation)
    with pytest.raises(TransitionNotAllowed, match="Choose a date"):
        check_transition(case_type=SEN, state=State.preparing, action=Action.schedule_meeting)
    with pytest.raises(TransitionNotAllowed, match="2 agreed actions are still open"):
        check_transition(
            case_type=SEN, state=State.follow_up, action=Action.close, facts=CaseFacts(open_agreement_items=2)
        )
    with pytest.raises(TransitionNotAllowed, match="record whether the meeting reached an agreement"):
        check_transition(case_type=SEN, state=State.held, action=Action.issue_certificate)
    with pytest.raises(TransitionNotAllowed, match="certificate is still owed"):
        check_transition(
            case_type=SEN, state=State.held, action=Action.close, facts=CaseFacts(outcome_recorded=True)
        )
    with pytest.raises(TransitionNotAllowed, match="Issue the mediation certificate first"):
        check_transition(case_type=SEN, state=State.agreement_recorded, action=Action.start_follow_up)
    with pytest.raises(TransitionNotAllowed, match="already recorded"):
        check_transition(
            case_type=SEN,
            state=State.held,
            action=Action.record_agreement,
            facts=CaseFacts(outcome_recorded=True),
        )
    with pytest.raises(TransitionNotAllowed, match="no agreement to follow up"):
        check_transition(case_type=SEN, state=State.certificate_issued, action=Action.start_follow_up)


def test_five_working_days_notice() -> None:
    # Meeting Tue 22 Apr 2025: notice had to go by Fri 11 Apr (Easter in between).
    late = replace(READY, meeting_date=date(2025, 4, 22), notice_sent_on=date(2025, 4, 14))
    with pytest.raises(TransitionNotAllowed, match="5 working days"):
        check_transition(case_type=SEN, state=State.preparing, action=Action.schedule_meeting, facts=late)
    agreed = replace(late, short_notice_agreed=True)
    assert check_transition(
        case_type=SEN, state=State.preparing, action=Action.schedule_meeting, facts=agreed
    )
    in_time = replace(late, notice_sent_on=date(2025, 4, 11))
    assert check_transition(
        case_type=SEN, state=State.scheduled, action=Action.reschedule_meeting, facts=in_time
    )


def test_allowed_transitions_filters_by_guard() -> None:
    first = {t.action for t in allowed_transitions(case_type=SEN, state=State.enquiry)}
    assert first == {Action.give_information, Action.close, Action.withdraw}
    plain = {t.action for t in allowed_transitions(case_type=SEN, state=State.information_given)}
    assert Action.request_certificate in plain
    placement = allowed_transitions(
        case_type="sen_mediation", state="information_given", facts=CaseFacts(route=Route.placement_only)
    )
    assert Action.request_certificate not in {t.action for t in placement}
    drs = {t.action for t in allowed_transitions(case_type=DRS, state=State.information_given)}
    assert drs == {Action.request_mediation, Action.close, Action.withdraw}


def test_the_table_marks_the_steps_that_end_a_case_early_as_destructive() -> None:
    destructive = {(t.from_state.value, t.action.value) for t in TRANSITIONS if t.destructive}
    withdrawals = {(t.from_state.value, "withdraw") for t in TRANSITIONS if t.action is Action.withdraw}
    assert destructive == withdrawals | {("enquiry", "close"), ("information_given", "close"), ("held", "close"),
                                         ("not_arranged", "close")}


def test_the_next_step_comes_first_and_destructive_steps_apart() -> None:
    from senmediation.rules.next_steps import steps_arranged

    facts = CaseFacts(meeting_scheduled=True)
    allowed = allowed_transitions(case_type="sen_mediation", state="information_given", facts=facts)
    arranged = steps_arranged(state="information_given", transitions=allowed)
    assert arranged.primary is not None and arranged.primary.action is Action.request_mediation
    assert [t.action for t in arranged.others] == [Action.request_certificate]
    assert [t.action for t in arranged.destructive] == [Action.close, Action.withdraw]


def test_sections_follow_the_stage_and_finished_ones_stay_while_they_hold_records() -> None:
    from senmediation.rules.sections import Section, sections_now

    assert sections_now(state="enquiry") == {Section.advice}
    assert sections_now(state="scheduled") == {Section.child_views, Section.summaries, Section.choose_mediator,
                                               Section.meeting, Section.expenses}
    assert sections_now(state="closed") == {Section.expenses}
    assert sections_now(state="closed", with_records=[Section.meeting, Section.agreement]) == {
        Section.meeting, Section.agreement, Section.finalise, Section.follow_up, Section.expenses}
