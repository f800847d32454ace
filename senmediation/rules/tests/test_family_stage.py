"""The family's words for every case state and every step (rules/family_stage.py)."""

from __future__ import annotations

import pytest

from senmediation.rules.deadlines import CLOCK_RULES, Clock
from senmediation.rules.family_stage import (
    FAMILY_STAGES,
    STEP_HAPPENED,
    WHO_LABELS,
    Who,
    family_stage,
    step_happened,
)
from senmediation.rules.workflow import Action, CaseType, State, reachable_states


def test_every_state_has_a_stage_and_every_step_a_timeline_line() -> None:
    assert set(FAMILY_STAGES) == set(State)
    assert set(STEP_HAPPENED) == set(Action)
    assert set(WHO_LABELS) == set(Who)


@pytest.mark.parametrize("state", list(State))
def test_each_stage_is_one_sentence_with_a_next_step(state: State) -> None:
    stage = FAMILY_STAGES[state]
    assert stage.sentence.endswith(".") and stage.sentence.count(". ") == 0
    assert stage.next_step
    # A statutory date always says which rule sets it.
    if stage.due is not None and CLOCK_RULES[stage.due].statutory:
        assert stage.citation


def test_the_stage_while_arranging_the_meeting() -> None:
    stage = family_stage(state="preparing")
    assert stage.sentence == "We are arranging your mediation meeting."
    assert (stage.who, stage.due) == (Who.us, Clock.mediation_held)
    assert stage.citation == "SEND Regulations 2014 reg 37(2); the 30 days: SEND Regulations 2014 regs 35(3)-(4) and 36(2)"


def test_after_the_certificate_the_family_decide_on_an_appeal() -> None:
    stage = family_stage(state=State.certificate_issued)
    assert (stage.who, stage.due) == (Who.you, Clock.tribunal_appeal)


def test_disagreement_resolution_has_no_statutory_dates() -> None:
    for state in reachable_states(CaseType.disagreement_resolution):
        stage = family_stage(state=state, case_type=CaseType.disagreement_resolution)
        assert stage.due is None and stage.citation == ""
        assert "certificate" not in stage.sentence + stage.next_step
    assert family_stage(state="preparing", case_type="disagreement_resolution").sentence == (
        "We are arranging your meeting.")


def test_step_happened() -> None:
    assert step_happened("notify_la") == "We told your local authority you want mediation"
    assert step_happened("not_a_step") is None


def test_no_certificate_is_promised_after_late_contact() -> None:
    stage = family_stage(state="certificate_requested", certificate_barred=True)
    assert stage.next_step.startswith("We cannot issue a mediation certificate without mediation")
    assert (stage.who, stage.due, stage.citation) == (Who.you, None, "SEND Regulations 2014 reg 34(2)-(3)")
    # Only that state: elsewhere the flag changes nothing.
    assert family_stage(state="preparing", certificate_barred=True) == family_stage(state="preparing")
