"""Each figure: build the stored facts behind it, count, and check the exact number."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from senmediation.accounts.roles import Role
from senmediation.agreements.models import Agreement, AgreementItem
from senmediation.cases.models import Case, MeetingOutcome
from senmediation.documents.models import Certificate
from senmediation.feedback.tests.factories import complaint_make
from senmediation.meetings.models import Attendance, Meeting
from senmediation.reporting.buckets import rebuild_month, report_figures
from senmediation.reporting.figures import late_clocks, median
from senmediation.reporting.periods import period_month, period_quarter
from senmediation.rules.deadlines import Clock, due_date
from testsupport.fixtures import user_make

from .helpers import case_row, certificate, clock, event, other_la, trafford

pytestmark = pytest.mark.django_db
Q1 = period_quarter(2026, 1)
D = dt.date


def figures(la: Any = "trafford", period: Any = Q1) -> Any:
    la_id = None if la is None else trafford().pk
    return report_figures(local_authority_id=la_id, period=period)


def test_enquiries_by_source_channel_and_type_count_cases_opened_in_the_period(reference_data: None) -> None:
    case_row(source="parent", channel="online", opened_on=D(2026, 1, 1))
    case_row(source="iass", channel="phone", opened_on=D(2026, 3, 31))
    case_row(source="school", channel="email", opened_on=D(2026, 2, 2), case_type="disagreement_resolution")
    case_row(source="parent", opened_on=D(2025, 12, 31))  # before the period
    case_row(source="parent", opened_on=D(2026, 4, 1))  # after it
    case_row(source="parent", opened_on=D(2026, 2, 1), la=other_la())  # another LA
    f = figures()
    assert f.enquiries == 3
    assert f.by_source == {"parent": 1, "young_person": 0, "la_officer": 0, "iass": 1, "school": 1, "other": 0}
    assert f.by_channel == {"online": 1, "phone": 1, "email": 1, "letter": 0}
    assert f.by_case_type == {"sen_mediation": 2, "disagreement_resolution": 1}
    assert f.opened_by_month == {D(2026, 1, 1): 1, D(2026, 2, 1): 1, D(2026, 3, 1): 1}
    assert figures(la=None).enquiries == 4


def test_advice_only_is_closed_with_no_certificate_no_la_told_and_no_meeting(reference_data: None) -> None:
    case_row(state="closed")
    case_row(state="closed", certificate_issued_on=D(2026, 2, 12))
    case_row(state="closed", la_notified_on=D(2026, 2, 12))
    case_row(state="information_given")
    assert figures().advice_only == 1


def test_certificates_by_kind_count_first_issues_only(reference_data: None) -> None:
    boss = user_make("b", Role.MANAGER)
    case = case_row()
    first = certificate(case, Certificate.Kind.NO_MEDIATION, D(2026, 2, 1), by=boss)
    certificate(case, Certificate.Kind.NO_MEDIATION, D(2026, 2, 1), by=boss, supersedes=first)  # a correction
    certificate(case_row(), Certificate.Kind.AFTER_MEDIATION, D(2026, 3, 31), by=boss)
    certificate(case_row(), Certificate.Kind.NOT_ARRANGED, D(2026, 4, 1), by=boss)  # next quarter
    assert figures().certificates == {"no_mediation": 1, "not_arranged": 0, "after_mediation": 1}


def test_mediations_requested_held_not_arranged_withdrawn_count_cases_once(reference_data: None) -> None:
    a, b, c = case_row(), case_row(), case_row()
    event(a, "mediation_requested", D(2026, 1, 5))
    event(a, "held", D(2026, 2, 5))
    event(b, "mediation_requested", D(2026, 1, 6))
    event(b, "not_arranged", D(2026, 2, 6))
    event(c, "withdrawn", D(2026, 3, 31))
    event(c, "mediation_requested", D(2025, 12, 31))  # before the period
    f = figures()
    assert f.events["mediation_requested"] == 2
    assert (f.events["held"], f.events["not_arranged"], f.events["withdrawn"]) == (1, 1, 1)
    assert f.held_by_month == {D(2026, 2, 1): 1}


def test_certificate_3_working_days_across_christmas_and_boxing_day(reference_data: None) -> None:
    start = D(2026, 12, 23)  # Wednesday; 25 Dec Friday, 28 Dec Monday is the Boxing Day bank holiday
    due = due_date(Clock.certificate_no_mediation, start)
    assert due == D(2026, 12, 30)
    clock(case_row(), Clock.certificate_no_mediation, start=start, due=due, met=D(2026, 12, 30))
    clock(case_row(), Clock.certificate_no_mediation, start=start, due=due, met=D(2026, 12, 31))
    late = case_row()
    clock(late, Clock.certificate_after_mediation, start=start, due=due, met=D(2026, 12, 31))
    clock(case_row(), Clock.certificate_not_arranged, start=start, due=due, met=None)  # not yet met: not counted
    december = period_month(2026, 12)
    f = figures(period=december)
    assert (f.certificate_on_time, f.certificate_late) == (1, 2)
    listed = late_clocks(local_authority_id=None, period=december, clocks=(Clock.certificate_after_mediation,))
    assert [(x.reference, x.due_date, x.met_on) for x in listed] == [(late.reference, due, D(2026, 12, 31))]


def test_mediation_held_within_30_days_across_easter(reference_data: None) -> None:
    start = D(2026, 3, 20)  # 30 calendar days: Good Friday and Easter Monday do not move it
    due = due_date(Clock.mediation_held, start)
    assert due == D(2026, 4, 19)
    clock(case_row(), Clock.mediation_held, start=start, due=due, met=D(2026, 4, 19))
    clock(case_row(), Clock.mediation_held, start=start, due=due, met=D(2026, 4, 20))
    clock(case_row(), Clock.mediation_held, start=start, due=due, met=D(2026, 4, 2))
    f = figures(period=period_quarter(2026, 2))
    assert (f.held_on_time, f.held_late) == (2, 1)
    assert f.step_days["mediation_held"] == {30: 1, 31: 1, 13: 1}
    assert median(f.step_days["mediation_held"]) == 30


def test_outcomes_by_decision_and_element(reference_data: None) -> None:
    rows = [
        (MeetingOutcome.AGREEMENT, ["plan_needs", "plan_provision"], ["education", "health"]),
        (MeetingOutcome.PARTIAL, ["plan_provision"], ["education"]),
        (MeetingOutcome.NO_AGREEMENT, ["refuse_assessment"], ["social_care"]),
        (MeetingOutcome.AGREEMENT, ["plan_placement"], ["education"]),
    ]
    for outcome, decisions, elements in rows:
        case = case_row(meeting_outcome=outcome, decisions=decisions, elements=elements)
        event(case, "held", D(2026, 2, 20), from_state="scheduled")
        if outcome == MeetingOutcome.NO_AGREEMENT:
            # Recording no agreement keeps the case "held": a step, not a second meeting.
            event(case, "held", D(2026, 3, 2), from_state="held")
    outside = case_row(meeting_outcome=MeetingOutcome.AGREEMENT, decisions=["plan_needs"], elements=["education"])
    event(outside, "held", D(2026, 5, 1))
    f = figures()
    assert f.outcomes == {"agreement": 2, "partial": 1, "no_agreement": 1}
    assert f.outcomes_by_decision["plan_provision"] == {"agreement": 1, "partial": 1, "no_agreement": 0}
    assert f.outcomes_by_decision["plan_needs"] == {"agreement": 1, "partial": 0, "no_agreement": 0}
    assert f.outcomes_by_decision["refuse_assessment"] == {"agreement": 0, "partial": 0, "no_agreement": 1}
    assert f.outcomes_by_element["education"] == {"agreement": 2, "partial": 1, "no_agreement": 0}
    assert f.outcomes_by_element["health"] == {"agreement": 1, "partial": 0, "no_agreement": 0}
    assert f.outcomes_by_element["social_care"] == {"agreement": 0, "partial": 0, "no_agreement": 1}


def test_agreed_actions_done_on_time_late_and_open(reference_data: None) -> None:
    agreement = Agreement.objects.create(case=case_row(), agreed_on=D(2026, 1, 10))
    due = D(2026, 2, 1)
    for status, done_on in [("done", due), ("done", D(2026, 2, 2)), ("late", None), ("open", None)]:
        AgreementItem.objects.create(agreement=agreement, action="x", due=due, status=status, done_on=done_on)
    AgreementItem.objects.create(agreement=agreement, action="x", due=due, status="done", done_on=due, agreed=False)
    AgreementItem.objects.create(agreement=agreement, action="x", due=D(2026, 4, 2), status="done", done_on=due)
    f = figures()
    assert (f.actions_on_time, f.actions_late, f.actions_open) == (1, 2, 1)


def test_median_of_a_histogram() -> None:
    from collections import Counter

    assert median(Counter()) is None
    assert median(Counter({1: 1, 2: 1, 3: 1, 4: 1})) == 2.5
    assert median(Counter({2: 3, 9: 1})) == 2


def _meeting(case: Case, when: dt.datetime, status: str, **fields: Any) -> Meeting:
    return Meeting.objects.create(case=case, starts_at=when, status=status, **fields)


def test_decision_makers_present_and_cancellations_by_who(reference_data: None) -> None:
    # SEND Regs 2014 reg 37(1): held meetings with attendance recorded, with or without an LA attendee who
    # had authority to resolve the issues; cancellations counted by the day they were cancelled.
    at = dt.datetime(2026, 2, 10, 10, tzinfo=dt.UTC)
    present = _meeting(case_row(), at, "held")
    Attendance.objects.create(meeting=present, name="No", role="la_decision_maker", has_authority=False)
    Attendance.objects.create(meeting=present, name="Yes", role="la_decision_maker", has_authority=True)
    absent = _meeting(case_row(), at, "held")
    Attendance.objects.create(meeting=absent, name="Officer", role="la_decision_maker", has_authority=False)
    Attendance.objects.create(meeting=absent, name="ICB lead", role="icb", has_authority=True)  # the ICB's, not the LA's
    no_la = _meeting(case_row(), at, "held")
    Attendance.objects.create(meeting=no_la, name="Parent", role="parent")
    _meeting(case_row(), at, "held")  # no attendance recorded: counted in neither
    late_march = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)  # 00:30 on 1 April in England (BST): after it
    Attendance.objects.create(meeting=_meeting(case_row(), late_march, "held"), name="Yes", role="la_decision_maker",
                              has_authority=True)
    elsewhere = _meeting(case_row(la=other_la()), at, "held")
    Attendance.objects.create(meeting=elsewhere, name="Yes", role="la_decision_maker", has_authority=True)
    for who, on in (("la", D(2026, 1, 5)), ("la", D(2026, 3, 31)), ("family", D(2026, 2, 1)),
                    ("mediator", D(2026, 4, 1))):
        _meeting(case_row(), at, "cancelled", cancelled_by=who, cancelled_on=on, change_reason="Ill")
    f = figures()
    assert (f.la_decision_maker_present, f.la_decision_maker_absent) == (1, 2)
    assert f.cancelled_by == {"la": 2, "icb": 0, "family": 1, "provider": 0, "mediator": 0}


def _world(size: int) -> None:
    boss = user_make(f"q{size}", Role.MANAGER)
    for i in range(size):
        case = case_row(opened_on=D(2026, 1 + i % 3, 5), meeting_outcome="agreement", decisions=["plan_needs"])
        event(case, "held", D(2026, 2, 5))
        clock(case, Clock.mediation_held, start=D(2026, 1, 5), due=D(2026, 2, 4), met=D(2026, 2, 5))
        certificate(case, Certificate.Kind.AFTER_MEDIATION, D(2026, 2, 6), by=boss)


@pytest.mark.parametrize("size", [2, 30])
def test_the_number_of_queries_does_not_grow_with_the_data(reference_data: None, size: int) -> None:
    _world(size)
    la_id = trafford().pk
    with CaptureQueriesContext(connection) as queries:
        f = report_figures(local_authority_id=la_id, period=Q1)
    assert f.enquiries == size and f.held_late == size
    assert len(queries) == 13  # no bucket built yet: the marks and buckets read, then eleven grouped counts
    for month in Q1.months():
        rebuild_month(month)
    with CaptureQueriesContext(connection) as queries:
        built = report_figures(local_authority_id=la_id, period=Q1)
    assert len(queries) == 2 and built == f  # the marks, then the three months' buckets
    assert Case.objects.count() == size


def test_complaints_and_survey_answers_are_counted_for_the_la_and_period(reference_data: None) -> None:
    from senmediation.feedback.models import Complaint, SurveyResponse
    from senmediation.reporting.tables import report_tables

    mine, theirs = case_row(opened_on=D(2026, 1, 5)), case_row(opened_on=D(2026, 1, 5), la=other_la())
    for day, outcome in ((D(2026, 1, 10), "upheld"), (D(2026, 2, 10), "partly"), (D(2026, 3, 10), "not_upheld")):
        Complaint.objects.filter(pk=complaint_make(case_reference=mine.reference, received_on=day).pk).update(outcome=outcome)
    complaint_make(case_reference=theirs.reference, received_on=D(2026, 1, 10))  # another LA
    complaint_make(case_reference=mine.reference, received_on=D(2026, 4, 1))  # after the period
    for score in (5, 4, 4, 3, 5, 3):
        SurveyResponse.objects.create(source="link", case=mine, local_authority=trafford(), satisfaction=score,
                                      submitted_at=dt.datetime(2026, 2, 1, 12, tzinfo=dt.UTC))
    f = figures()
    assert (f.complaints, f.complaints_upheld, f.surveys, f.satisfaction) == (3, 2, 6, 4.0)
    [table] = [t for t in report_tables(f, months=Q1.months(), for_commissioner=True)
               if t.slug == "feedback-and-complaints"]
    assert table.csv_rows() == [
        ["Measure", "Figure"], ["Complaints received", "not shown"],
        ["Of which upheld or partly upheld", "not shown"], ["Feedback survey answers", "5"],
        ["Average satisfaction (1 to 5)", "4.0"],
    ]


def test_complaints_count_by_the_case_s_la_and_the_day_received(reference_data: None) -> None:
    """Moved from the feedback app's report selector, which the monthly counts replaced: a complaint answered
    through the service counts as upheld for its case's LA; one with no case counts under no LA (so only in
    every LA's figures); one received after the period is left out."""
    from senmediation.feedback.services.complaints import complaint_respond
    from senmediation.reporting.figures import count_by_month

    case = case_row(opened_on=D(2026, 11, 2))
    linked = complaint_make(case_reference=case.reference, received_on=D(2026, 11, 3))
    complaint_respond(complaint=linked, by=user_make("cf-boss", Role.MANAGER), outcome="upheld", response="Sorry.",
                      lessons_learned="", today=D(2026, 11, 10))
    complaint_make(received_on=D(2026, 11, 4))
    complaint_make(received_on=D(2026, 12, 5))
    counted = count_by_month(first=D(2026, 11, 1), last=D(2026, 11, 30), by_la=True)
    november = D(2026, 11, 1)
    mine, nobody = counted[(case.local_authority_id, november)], counted[(None, november)]
    assert (mine.complaints, mine.complaints_upheld, mine.complaints_by_theme[""]) == (1, 1, 1)
    assert (nobody.complaints, nobody.complaints_upheld, nobody.surveys) == (1, 0, 0)
