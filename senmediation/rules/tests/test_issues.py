"""rules/issues.py: what a change of issues does to the route, the certificate and the clocks."""

import datetime as dt

import pytest

from senmediation.rules.deadlines import Clock
from senmediation.rules.eligibility import Element, Route, route_current
from senmediation.rules.issues import (
    CERTIFICATE_CLOCKS,
    ClockChange,
    ClockMove,
    certificate_clock_at,
    elements_in_law,
    issues_change_plan,
)
from senmediation.rules.workflow import State


def test_care_provision_that_educates_or_trains_counts_as_education_s21_5() -> None:
    assert elements_in_law(["health", "educates_or_trains"]) == (Element.education, Element.health)
    assert elements_in_law(["educates_or_trains"]) == (Element.education,)
    with pytest.raises(ValueError):
        elements_in_law(["housing"])


def test_the_current_issues_decide_the_route_not_the_one_recorded() -> None:
    assert route_current(decisions=["plan_placement", "plan_provision"], elements=["education"],
                         recorded=Route.placement_only) is Route.statutory_mediation
    assert route_current(decisions=["plan_placement"], elements=[], recorded="statutory_mediation") is Route.placement_only
    # No appealable decision recorded: the issues say nothing, so the recorded route stands.
    assert route_current(decisions=[], elements=["education"], recorded="placement_only") is Route.placement_only


def test_the_certificate_a_state_waits_for_comes_from_the_workflow_table() -> None:
    assert certificate_clock_at(State.held) is Clock.certificate_after_mediation
    assert certificate_clock_at(State.not_arranged) is Clock.certificate_not_arranged
    assert certificate_clock_at(State.certificate_requested) is Clock.certificate_no_mediation
    assert certificate_clock_at(State.information_given) is None
    assert sorted(CERTIFICATE_CLOCKS) == [Clock.certificate_after_mediation, Clock.certificate_no_mediation,
                                          Clock.certificate_not_arranged]


def test_month_end_letter_adviser_and_appeal_dates_when_a_health_only_case_gains_section_f() -> None:
    # Letter Thursday 31 December 2026. reg 33: 2 months is 28 February 2027 (no 31st), a Sunday; the appeal
    # ends that Sunday too, so r.12(2) moves it to Monday 1 March 2027.
    plan = issues_change_plan(
        state=State.enquiry, route_before=Route.health_only, route_after=Route.statutory_mediation,
        certificate_issued_on=None, decision_notice=dt.date(2026, 12, 31), open_clocks=[Clock.first_call_back],
        triggers={}, today=dt.date(2027, 1, 5),
    )
    assert plan.clocks == (
        ClockChange(Clock.contact_adviser, ClockMove.start, dt.date(2026, 12, 31), dt.date(2027, 2, 28)),
        ClockChange(Clock.tribunal_appeal, ClockMove.start, dt.date(2026, 12, 31), dt.date(2027, 3, 1)),
    )
    assert plan.lines()[1] == (
        "A mediation certificate is now owed: the family need one before they can appeal (Children and Families "
        "Act 2014 s.55(3)), because the disagreement is no longer only about the health or social care parts of "
        "the plan.")


def test_after_a_mediation_over_christmas_the_certificate_runs_from_the_meeting_day() -> None:
    # Held Wednesday 23 December 2026, placement only; section F is added on 4 January 2027. Three working days
    # from the meeting: Thu 24 Dec, then Christmas (Fri 25), the weekend, Boxing Day's substitute Monday 28 Dec:
    # Tue 29 and Wed 30 December 2026.
    plan = issues_change_plan(
        state=State.held, route_before=Route.placement_only, route_after=Route.statutory_mediation,
        certificate_issued_on=None, decision_notice=None, open_clocks=[],
        triggers={Clock.certificate_after_mediation: dt.date(2026, 12, 23)}, today=dt.date(2027, 1, 4),
    )
    assert plan.clocks == (
        ClockChange(Clock.certificate_after_mediation, ClockMove.start, dt.date(2026, 12, 23), dt.date(2026, 12, 30)),
    )


def test_a_certificate_already_issued_stands_and_no_clock_moves() -> None:
    plan = issues_change_plan(
        state=State.certificate_issued, route_before=Route.statutory_mediation, route_after=Route.placement_only,
        certificate_issued_on=dt.date(2026, 11, 26), decision_notice=dt.date(2026, 11, 2),
        open_clocks=[Clock.tribunal_appeal], triggers={}, today=dt.date(2026, 12, 1),
    )
    assert plan.lines() == (
        "The route changes from SEN mediation, certificate needed to school or college only, no certificate needed.",
        "The certificate issued on Thursday 26 November 2026 stands, whatever the issues are now.",
        "No clock changes.",
    )
