"""What a local authority or ICB must do after a mediation agreement, and by when (SEND Regulations 2014
regs 42 and 44): the LA's appealable actions counted in weeks as if the agreement were a Tribunal order,
the 2 weeks for everything else, and the week an ICB has to tell an LA that was not a party."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

from senmediation.rules.deadlines import SEND_REGULATIONS as _SEND
from senmediation.rules.deadlines import Clock, due_date


class LaAction(StrEnum):
    """What the LA must do when an agreement covers appealable matters (reg 42(2) applies reg 44)."""

    assess = "assess"
    decide_not_to_issue_plan_after_assessment = "decide_not_to_issue_plan_after_assessment"
    issue_final_plan_after_assessment = "issue_final_plan_after_assessment"
    issue_draft_plan = "issue_draft_plan"
    issue_final_plan_after_draft = "issue_final_plan_after_draft"
    amend_plan = "amend_plan"
    name_school_only = "name_school_only"
    continue_plan = "continue_plan"


@dataclass(frozen=True)
class LaActionRule:
    action: LaAction
    label: str
    weeks: int
    citation: str


# reg 42(2): the LA complies as if the mediation agreement were a Tribunal order (regs 43-45).
_REG_44 = f"{_SEND} regs 43-45 time limits, applied to mediation agreements by reg 42(2)"

LA_ACTION_RULES: Mapping[LaAction, LaActionRule] = MappingProxyType(
    {
        rule.action: rule
        for rule in (
            LaActionRule(
                LaAction.assess, "Tell the family it will carry out the EHC needs assessment", 2, _REG_44
            ),
            LaActionRule(
                LaAction.decide_not_to_issue_plan_after_assessment,
                "After the assessment, tell the family (with reasons) that it will not issue an EHC plan",
                10,
                _REG_44,
            ),
            LaActionRule(
                LaAction.issue_final_plan_after_assessment,
                "After the assessment, send the family the final EHC plan",
                14,
                _REG_44,
            ),
            LaActionRule(LaAction.issue_draft_plan, "Send the family a draft EHC plan", 5, _REG_44),
            LaActionRule(
                LaAction.issue_final_plan_after_draft,
                "Send the family the final EHC plan after the draft",
                11,
                _REG_44,
            ),
            LaActionRule(LaAction.amend_plan, "Send the family the amended EHC plan", 5, _REG_44),
            LaActionRule(
                LaAction.name_school_only,
                "Send the family the plan naming the agreed school or college (only the school changes)",
                2,
                _REG_44,
            ),
            # Keeping a plan is not a task with a date but a state that must not lapse: the agreement
            # takes effect the day it is made, so it is due that day (0 weeks).
            LaActionRule(
                LaAction.continue_plan,
                "Continue to maintain the EHC plan (do not cease it)",
                0,
                _REG_44,
            ),
        )
    }
)


def parse_la_action(action: LaAction | str) -> LaAction:
    """The LaAction for an enum member or its string value; ValueError naming the valid ones."""
    try:
        return LaAction(action)
    except ValueError:
        known = ", ".join(a.value for a in LaAction)
        raise ValueError(f"Unknown local authority action {action!r}; expected one of: {known}") from None


def la_action_due(action: LaAction | str, agreed_on: date) -> date:
    """When the LA must have done `action`, counted in weeks from the agreement (reg 44 via reg 42(2)).

    The parties may agree a different timescale in writing (reg 42(5)); that is the caller's to record.
    """
    return agreed_on + timedelta(weeks=LA_ACTION_RULES[parse_la_action(action)].weeks)


def other_agreement_due(agreed_on: date) -> date:
    """2 weeks for agreed actions with no right of appeal (reg 42(3))."""
    return due_date(Clock.agreement_other_actions, agreed_on)


def icb_tells_la_due(agreed_on: date) -> date:
    """1 week for the ICB to tell an LA that was not a party (reg 42(4))."""
    return due_date(Clock.icb_tells_la, agreed_on)
