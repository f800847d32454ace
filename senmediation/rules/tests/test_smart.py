"""SMART checks on agreement items."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from senmediation.rules.agreement_actions import LaAction
from senmediation.rules.smart import (
    VAGUE_PHRASES,
    Finding,
    FindingCode,
    check_item,
    default_due,
    vague_phrases_in,
)

TODAY = date(2025, 6, 2)  # Monday; the agreement is made today
GOOD: dict[str, Any] = {
    "owner": "Trafford SEN team (Sam Patel)",
    "action": "Send the family the amended EHC plan with 2 hours of speech and language therapy a week",
    "due": date(2025, 6, 20),
    "measure": "The amended plan arrives by email and post",
    "today": TODAY,
}


def item(**changes: Any) -> list[Finding]:
    """check_item on the good item with some fields changed."""
    return check_item(**{**GOOD, **changes})


def codes(findings: list[Finding]) -> list[FindingCode]:
    return [f.code for f in findings]


def test_a_smart_item_has_no_findings() -> None:
    assert item() == []


@pytest.mark.parametrize("phrase", VAGUE_PHRASES)
def test_each_vague_phrase_is_flagged_by_name(phrase: str) -> None:
    action = f"The school will {phrase.upper()} arrange a review meeting"
    findings = item(action=action)
    vague = [f for f in findings if f.code is FindingCode.vague_phrase]
    assert [f.field for f in vague] == ["action"]
    assert f'"{phrase}"' in vague[0].message
    assert not vague[0].blocking


def test_required_phrases_are_in_the_list() -> None:
    for phrase in ("asap", "as soon as possible", "try to", "consider", "where possible", "in due course"):
        assert phrase in VAGUE_PHRASES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The LA will consider a specialist placement", ["consider"]),
        ("A specialist placement will be considered", ["consider"]),
        ("The school is trying to find a tutor", ["try to"]),
        ("The SENCO looks into transport", ["look into"]),
        ("Access to speech therapy as required", ["as required", "access to"]),
        ("Up to 10 hours of 1:1 support", ["up to"]),
        ("Regular check-ins", ["regular"]),
        ("We will meet regularly", ["regularly"]),
        ("Reply ASAP", ["asap"]),
        ("Reply as  soon as\npossible", ["as soon as possible"]),
    ],
)
def test_matching_forms(text: str, expected: list[str]) -> None:
    assert vague_phrases_in(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The LA has reconsidered its decision and will issue the plan",  # specific, not "consider"
        "Give full consideration in writing by 20 June",
        "Weekly sessions with a regularity report",
        "Send the backup to the parent",  # "up to" only on word boundaries
        "Build a setup for the classroom",
    ],
)
def test_no_false_alarms(text: str) -> None:
    assert vague_phrases_in(text) == []


def test_vague_measure_is_flagged_on_the_measure() -> None:
    findings = item(measure="Progress will be reviewed in due course")
    assert [(f.field, f.code) for f in findings] == [("measure", FindingCode.vague_phrase)]


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"owner": None}, "owner", FindingCode.owner_missing),
        ({"owner": "   "}, "owner", FindingCode.owner_missing),
        ({"action": ""}, "action", FindingCode.action_missing),
        ({"due": None}, "due", FindingCode.due_missing),
        ({"due": TODAY}, "due", FindingCode.due_not_future),
        ({"due": date(2025, 5, 30)}, "due", FindingCode.due_not_future),
        ({"measure": " "}, "measure", FindingCode.measure_missing),
    ],
)
def test_blocking_rules(change: dict[str, object], field: str, code: FindingCode) -> None:
    findings = item(**change)
    assert [(f.field, f.code, f.blocking) for f in findings] == [(field, code, True)]
    assert findings[0].message


def test_tomorrow_is_allowed() -> None:
    assert item(due=date(2025, 6, 3)) == []


def test_reg_44_default_and_hint() -> None:
    # Amend the plan: 5 weeks from Mon 2 Jun 2025 = Mon 7 Jul 2025.
    assert default_due(LaAction.amend_plan, TODAY) == date(2025, 7, 7)
    assert default_due(None, TODAY) == date(2025, 6, 16)  # reg 42(3): 2 weeks
    on_time = item(due=date(2025, 7, 7), la_action=LaAction.amend_plan)
    assert on_time == []
    late = item(due=date(2025, 7, 8), la_action=LaAction.amend_plan)
    assert codes(late) == [FindingCode.later_than_statutory]
    assert not late[0].blocking
    assert "Monday 7 July 2025" in late[0].message and "reg 44" in late[0].message
    agreed = item(due=date(2025, 7, 8), la_action=LaAction.amend_plan, agreed_other_timescale_in_writing=True)
    assert agreed == []


def test_reg_44_counts_from_the_agreement_date() -> None:
    # Agreement Mon 2 Jun, item checked on Wed 4 Jun: name school only = 2 weeks = 16 Jun.
    findings = item(
        today=date(2025, 6, 4),
        due=date(2025, 6, 17),
        la_action=LaAction.name_school_only,
        agreed_on=TODAY,
    )
    assert codes(findings) == [FindingCode.later_than_statutory]


def test_other_la_actions_two_weeks_hint() -> None:
    findings = item(due=date(2025, 6, 30), owner_is_la_or_icb=True)
    assert codes(findings) == [FindingCode.later_than_statutory]
    assert "reg 42(3)" in findings[0].message
    assert item(due=date(2025, 6, 30)) == []


def test_blocking_findings_come_first() -> None:
    findings = check_item(owner=None, action="Try to call", due=None, measure="", today=TODAY)
    assert [f.blocking for f in findings] == [True, True, True, False]
