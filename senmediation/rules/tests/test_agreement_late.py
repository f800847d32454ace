"""Done, due or late for an agreed action, and the time limit's words, with dates worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from senmediation.rules.agreement_actions import LaAction, la_action_due, other_agreement_due
from senmediation.rules.agreement_late import (
    LA_ACTION_PARAGRAPHS,
    Progress,
    TimeLimit,
    action_progress,
    is_ongoing,
    letter_offered,
    time_limit,
)

D = date
SEND = "SEND Regulations 2014 (SI 2014/1530)"


def test_every_la_action_has_its_reg_44_paragraph() -> None:
    assert set(LA_ACTION_PARAGRAPHS) == set(LaAction)


@pytest.mark.parametrize(
    ("agreed_on", "due", "today", "expected"),
    [
        # Fri 18 Dec 2026 + 2 weeks (reg 42(3)) = Fri 1 Jan 2027, New Year's Day: not moved, late on 2 Jan.
        (D(2026, 12, 18), D(2027, 1, 1), D(2027, 1, 1), Progress.due),
        (D(2026, 12, 18), D(2027, 1, 1), D(2027, 1, 2), Progress.late),
        # Fri 12 Mar 2027 + 2 weeks = Good Friday 26 Mar 2027: still due that day, late on the Saturday.
        (D(2027, 3, 12), D(2027, 3, 26), D(2027, 3, 26), Progress.due),
        (D(2027, 3, 12), D(2027, 3, 26), D(2027, 3, 27), Progress.late),
        # Across a month end: Sun 31 Jan 2027 + 2 weeks = Sun 14 Feb 2027.
        (D(2027, 1, 31), D(2027, 2, 14), D(2027, 2, 15), Progress.late),
        (D(2027, 1, 31), D(2027, 2, 14), D(2027, 1, 31), Progress.due),
    ],
)
def test_reg_42_3_two_weeks_due_then_late(agreed_on: date, due: date, today: date, expected: Progress) -> None:
    assert other_agreement_due(agreed_on) == due
    assert action_progress(due=due, done_on=None, today=today) is expected


@pytest.mark.parametrize(
    ("action", "agreed_on", "due", "first_late_day"),
    [
        # 5 weeks from Fri 29 Jan 2027 crosses February (28 days in 2027): Fri 5 Mar 2027.
        (LaAction.issue_draft_plan, D(2027, 1, 29), D(2027, 3, 5), D(2027, 3, 6)),
        # 2 weeks from Mon 14 Dec 2026 = Mon 28 Dec 2026, the Boxing Day substitute holiday: late on the 29th.
        (LaAction.name_school_only, D(2026, 12, 14), D(2026, 12, 28), D(2026, 12, 29)),
        # 14 weeks from Fri 30 Apr 2027 = Fri 6 Aug 2027.
        (LaAction.issue_final_plan_after_assessment, D(2027, 4, 30), D(2027, 8, 6), D(2027, 8, 7)),
    ],
)
def test_reg_44_weeks_due_then_late(action: LaAction, agreed_on: date, due: date, first_late_day: date) -> None:
    assert la_action_due(action, agreed_on) == due
    assert action_progress(due=due, done_on=None, today=due) is Progress.due
    assert action_progress(due=due, done_on=None, today=first_late_day) is Progress.late


def test_done_is_done_even_when_it_was_done_after_the_date() -> None:
    assert action_progress(due=D(2027, 1, 1), done_on=D(2027, 1, 20), today=D(2027, 2, 1)) is Progress.done
    assert action_progress(due=D(2027, 1, 1), done_on=D(2026, 12, 30), today=D(2027, 2, 1)) is Progress.done


def test_no_date_is_never_late() -> None:
    assert action_progress(due=None, done_on=None, today=D(2030, 1, 1)) is Progress.due


def test_maintaining_the_plan_is_ongoing_not_late_the_day_after_the_agreement() -> None:
    agreed_on = D(2026, 12, 15)
    due = la_action_due(LaAction.continue_plan, agreed_on)
    assert due == agreed_on  # 0 weeks: the duty starts on the day of the agreement
    ongoing = is_ongoing(LaAction.continue_plan)
    assert ongoing is True
    assert action_progress(due=due, done_on=None, today=D(2026, 12, 16), ongoing=ongoing) is Progress.ongoing
    assert action_progress(due=due, done_on=D(2027, 1, 4), today=D(2027, 1, 5), ongoing=ongoing) is Progress.done
    assert is_ongoing("continue_plan", other_timescale_agreed_in_writing=True) is False
    assert is_ongoing(LaAction.amend_plan) is False
    assert is_ongoing("") is False


def test_time_limit_words_for_each_kind_of_owner() -> None:
    assert time_limit(owner_role="la_officer", la_action="issue_draft_plan",
                      other_timescale_agreed_in_writing=False) == TimeLimit(
        "the local authority has 5 weeks from the date of the agreement to issue a draft EHC plan, "
        "as if the agreement were an order of the SEND Tribunal",
        f"{SEND} regulations 42(2) and 44(2)(c)(i)", may_be_excused=True)
    assert time_limit(owner_role="la_officer", la_action="name_school_only",
                      other_timescale_agreed_in_writing=False) == TimeLimit(
        "the local authority has 2 weeks from the date of the agreement to issue the EHC plan naming the "
        "agreed school or college, as if the agreement were an order of the SEND Tribunal",
        f"{SEND} regulations 42(2) and 44(2)(f)", may_be_excused=False)
    assert time_limit(owner_role="la_officer", la_action="continue_plan",
                      other_timescale_agreed_in_writing=False) == TimeLimit(
        "the local authority has to continue to maintain the EHC plan, from the date of the agreement",
        f"{SEND} regulations 42(2) and 44(2)(g)")
    assert time_limit(owner_role="la_officer", la_action="", other_timescale_agreed_in_writing=False) == TimeLimit(
        "the local authority has 2 weeks from the date of the agreement to do it", f"{SEND} regulation 42(3)")
    assert time_limit(owner_role="icb", la_action=None, other_timescale_agreed_in_writing=False) == TimeLimit(
        "the integrated care board has 2 weeks from the date of the agreement to do it", f"{SEND} regulation 42(3)")
    assert time_limit(owner_role="icb", la_action="", other_timescale_agreed_in_writing=True) == TimeLimit(
        "by the date everyone agreed in writing at the mediation, instead of the usual time limit",
        f"{SEND} regulation 42(5)")
    assert time_limit(owner_role="school", la_action="", other_timescale_agreed_in_writing=False) is None
    assert time_limit(owner_role="parent", la_action="", other_timescale_agreed_in_writing=True) is None


def test_unknown_la_action_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="Unknown local authority action 'fly'"):
        time_limit(owner_role="la_officer", la_action="fly", other_timescale_agreed_in_writing=False)


@pytest.mark.parametrize(
    ("progress", "owner_role", "expected"),
    [
        (Progress.late, "la_officer", True),
        (Progress.late, "icb", True),
        (Progress.late, "school", False),
        (Progress.late, "parent", False),
        (Progress.due, "la_officer", False),
        (Progress.done, "la_officer", False),
        (Progress.ongoing, "la_officer", False),
    ],
)
def test_a_letter_only_for_a_late_la_or_icb_action(progress: Progress, owner_role: str, expected: bool) -> None:
    assert letter_offered(progress=progress, owner_role=owner_role) is expected
