"""Who may attend mediation (SEND Regulations 2014 reg 38)."""

import pytest

from senmediation.agreements.attendance_rules import AttendeeRole, attendance_refusal, needs_consent


@pytest.mark.parametrize("role", ["parent", "young_person", "la_decision_maker", "icb"])
def test_the_parties_attend_as_of_right(role: str) -> None:
    assert attendance_refusal(role=role) is None


def test_one_supporter_of_the_familys_choice_attends_as_of_right_a_second_needs_consent() -> None:
    assert attendance_refusal(role="supporter", existing_roles=["parent"]) is None
    refusal = attendance_refusal(role="supporter", existing_roles=["parent", "supporter"])
    assert refusal is not None and "second" in refusal and "reg 38" in refusal
    assert attendance_refusal(role="supporter", existing_roles=["supporter"], consent_recorded=True) is None


def test_the_child_needs_the_parents_and_mediators_agreement() -> None:
    refusal = attendance_refusal(role=AttendeeRole.child)
    assert refusal is not None and "parent and the mediator" in refusal
    assert attendance_refusal(role=AttendeeRole.child, consent_recorded=True) is None


@pytest.mark.parametrize("role", ["school", "interpreter", "other"])
def test_anyone_else_needs_everyones_or_the_mediators_consent(role: str) -> None:
    refusal = attendance_refusal(role=role)
    assert refusal is not None and "consent of all the parties" in refusal
    assert attendance_refusal(role=role, consent_recorded=True) is None


def test_a_school_that_is_a_party_in_disagreement_resolution_attends_as_of_right() -> None:
    assert attendance_refusal(role="school", is_party=True) is None
    assert not needs_consent("school", is_party=True)


def test_unknown_role_is_an_error() -> None:
    with pytest.raises(ValueError):
        attendance_refusal(role="nonsense")
