"""What the LA and ICB must do after an agreement, and by when (regs 42 and 44), worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from senmediation.rules.agreement_actions import (
    LA_ACTION_RULES,
    LaAction,
    icb_tells_la_due,
    la_action_due,
    other_agreement_due,
)

D = date


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        # Agreement Mon 2 Jun 2025.
        (LaAction.assess, D(2025, 6, 16)),  # 2 weeks
        (LaAction.decide_not_to_issue_plan_after_assessment, D(2025, 8, 11)),  # 10 weeks = 70 days
        (LaAction.issue_final_plan_after_assessment, D(2025, 9, 8)),  # 14 weeks = 98 days
        (LaAction.issue_draft_plan, D(2025, 7, 7)),  # 5 weeks
        (LaAction.issue_final_plan_after_draft, D(2025, 8, 18)),  # 11 weeks = 77 days
        (LaAction.amend_plan, D(2025, 7, 7)),  # 5 weeks
        (LaAction.name_school_only, D(2025, 6, 16)),  # 2 weeks
        (LaAction.continue_plan, D(2025, 6, 2)),  # the plan simply carries on: from the day of the agreement
    ],
)
def test_reg_44_timescales(action: LaAction, expected: date) -> None:
    assert la_action_due(action, D(2025, 6, 2)) == expected
    assert la_action_due(action.value, D(2025, 6, 2)) == expected
    assert "regs 43-45" in LA_ACTION_RULES[action].citation and "reg 42(2)" in LA_ACTION_RULES[action].citation


def test_reg_44_table_is_complete() -> None:
    assert set(LA_ACTION_RULES) == set(LaAction)
    weeks = {a: r.weeks for a, r in LA_ACTION_RULES.items()}
    assert weeks == {
        LaAction.assess: 2,
        LaAction.decide_not_to_issue_plan_after_assessment: 10,
        LaAction.issue_final_plan_after_assessment: 14,
        LaAction.issue_draft_plan: 5,
        LaAction.issue_final_plan_after_draft: 11,
        LaAction.amend_plan: 5,
        LaAction.name_school_only: 2,
        LaAction.continue_plan: 0,
    }


def test_unknown_la_action() -> None:
    with pytest.raises(ValueError, match="Unknown local authority action"):
        la_action_due("paint_the_school", D(2025, 6, 2))


def test_other_agreements_and_icb() -> None:
    assert other_agreement_due(D(2025, 6, 2)) == D(2025, 6, 16)  # reg 42(3): 2 weeks
    assert icb_tells_la_due(D(2025, 6, 2)) == D(2025, 6, 9)  # reg 42(4): 1 week
