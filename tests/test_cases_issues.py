"""Changing the issues: the route, the certificate and the clocks follow the issues disputed now.

Worked example throughout: the LA's decision letter is dated Monday 2 November 2026; the case opens on
Monday 23 November 2026 as placement only (section I, the school named: no certificate, CFA 2014 s.55(2)).
"""

import datetime as dt

import pytest

from senmediation.cases.models import Case, CaseEvent, Deadline
from senmediation.cases.services.issues import case_issues_change, case_issues_change_preview
from senmediation.cases.services.transitions import case_transition
from senmediation.cases.tests.factories import case_make
from senmediation.core.errors import ServiceError
from senmediation.documents.services.certificates import certificate_issue
from senmediation.rules.eligibility import Decision, Element, Route

pytestmark = pytest.mark.django_db

TOLD = dt.date(2026, 11, 24)  # Tuesday: information given
CHANGED = dt.date(2026, 11, 25)  # Wednesday: the family now dispute section F too


def clocks(case: Case) -> dict[str, Deadline]:
    return {d.clock: d for d in case.deadlines.all()}


def placement_case(by):  # type: ignore[no-untyped-def]
    case = case_make(by=by, decisions=[Decision.plan_placement], elements=[Element.education],
                     route=Route.placement_only)
    case_transition(case=case, action="give_information", by=by, today=TOLD)
    return case


def test_a_case_whose_issues_need_a_certificate_is_never_refused_one_for_the_route_chosen_at_the_start(
    coordinator,
) -> None:
    # Opened as placement only, but the family dispute section F as well: s.55(2) does not apply.
    case = case_make(by=coordinator, decisions=[Decision.plan_placement, Decision.plan_provision],
                     route=Route.placement_only)
    case_transition(case=case, action="give_information", by=coordinator, today=TOLD)
    case_transition(case=case, action="request_certificate", by=coordinator, today=TOLD)
    certificate = certificate_issue(case=case, kind="no_mediation", by=coordinator, today=CHANGED)
    assert certificate.number == "CERT-2026-00001"
    assert case.state == "certificate_issued"


def test_adding_section_f_to_a_placement_only_case_makes_a_certificate_owed_and_starts_the_adviser_clock(
    coordinator,
) -> None:
    case = placement_case(coordinator)
    assert set(clocks(case)) == {"first_call_back", "tribunal_appeal"}

    change = case_issues_change(case=case, decisions=["plan_placement", "plan_provision"], elements=["education"],
                                reason="Mum now disputes the therapy in section F too.", by=coordinator,
                                today=CHANGED)

    case.refresh_from_db()
    assert case.route == Route.statutory_mediation
    assert case.decisions == ["plan_provision", "plan_placement"]
    assert case.state == "information_given"  # no status change: the workflow decides the next steps
    assert (change.owed_before, change.owed_after) == (False, True)
    running = clocks(case)
    # reg 33: 2 calendar months from the letter of Monday 2 November 2026: Saturday 2 January 2027.
    assert (running["contact_adviser"].start_date, running["contact_adviser"].due_date) == (
        dt.date(2026, 11, 2), dt.date(2027, 1, 2))
    # The appeal deadline is unchanged: 2 January 2027 is a Saturday, so Monday 4 January 2027 (r.12).
    assert running["tribunal_appeal"].due_date == dt.date(2027, 1, 4)
    # The first call back was met on 24 November, so the case's next date is now the adviser's.
    assert (case.next_due_date, case.clock_status) == (dt.date(2027, 1, 2), "on_track")
    event = case.events.get(action="change_issues")
    assert event.kind == CaseEvent.Kind.UPDATED
    assert event.summary == ("Issues changed: school or college only, no certificate needed to "
                             "SEN mediation, certificate needed")
    assert event.before == {"decisions": ["plan_placement"], "elements": ["education"], "route": "placement_only",
                            "certificate_owed": False}
    assert event.after == {"decisions": ["plan_provision", "plan_placement"], "elements": ["education"],
                           "route": "statutory_mediation", "certificate_owed": True}
    assert event.detail.splitlines() == [
        "Mum now disputes the therapy in section F too.",
        "The route changes from school or college only, no certificate needed to SEN mediation, certificate needed.",
        "A mediation certificate is now owed: the family need one before they can appeal (Children and Families "
        "Act 2014 s.55(3)), because the disagreement is no longer only about the school or college named in the "
        "plan (s.55(2)).",
        "Family to contact the mediation adviser: starts from Monday 2 November 2026, due Saturday 2 January 2027 "
        "(SEND Regulations 2014 (SI 2014/1530) reg 33).",
    ]


def test_after_adding_section_f_the_certificate_service_issues_the_certificate(coordinator) -> None:
    case = placement_case(coordinator)
    case_issues_change(case=case, decisions=["plan_placement", "plan_provision"], elements=["education"],
                       reason="Section F added.", by=coordinator, today=CHANGED)
    # The family do not want mediation: reg 34, 3 working days from Wed 25 Nov is Mon 30 Nov 2026.
    case_transition(case=case, action="request_certificate", by=coordinator, today=CHANGED)
    assert clocks(case)["certificate_no_mediation"].due_date == dt.date(2026, 11, 30)
    certificate = certificate_issue(case=case, kind="no_mediation", by=coordinator, today=dt.date(2026, 11, 26))
    assert certificate.kind == "no_mediation"
    case.refresh_from_db()
    assert case.state == "certificate_issued"
    assert clocks(case)["certificate_no_mediation"].met_on == dt.date(2026, 11, 26)
    # Later of 2 January 2027 (2 months after the letter) and 26 December 2026 (1 month after the
    # certificate): a Saturday, so Monday 4 January 2027.
    assert certificate.appeal_deadline == dt.date(2027, 1, 4)


def test_dropping_section_f_is_explained_before_it_is_confirmed_and_changes_nothing_until_then(coordinator) -> None:
    case = case_make(by=coordinator, decisions=[Decision.plan_placement, Decision.plan_provision])
    case_transition(case=case, action="give_information", by=coordinator, today=TOLD)

    preview = case_issues_change_preview(case=case, decisions=["plan_placement"], elements=["education"],
                                         today=CHANGED)

    assert preview.change.lines() == (
        "The route changes from SEN mediation, certificate needed to school or college only, no certificate needed.",
        "A mediation certificate is no longer owed: an appeal only about the school or college named in the plan, "
        "its type, or that none is named needs no certificate (Children and Families Act 2014 s.55(2)). "
        "Mediation is still available if the family want it.",
        "Family to contact the mediation adviser: stops, as it no longer applies.",
    )
    # The workflow table's steps once no certificate is owed: no "want a certificate" step.
    assert preview.next_steps == ("Close: nothing more needed", "Record that the family want mediation",
                                  "Withdraw the case")
    case.refresh_from_db()
    assert case.route == Route.statutory_mediation
    assert clocks(case)["contact_adviser"].is_open
    assert not case.events.filter(action="change_issues").exists()

    case_issues_change(case=case, decisions=["plan_placement"], elements=["education"], reason="F agreed with the LA.",
                       by=coordinator, today=CHANGED)
    running = clocks(case)
    assert running["contact_adviser"].stopped_on == CHANGED
    assert running["tribunal_appeal"].is_open
    with pytest.raises(ServiceError, match=r"only about the school or college"):
        case_transition(case=case, action="request_certificate", by=coordinator, today=CHANGED)


def test_health_provision_that_educates_counts_as_special_educational_provision(coordinator) -> None:
    # Health care alone: the ICB arranges it, no appeal deadline and no certificate.
    case = case_make(by=coordinator, elements=[Element.health], route=Route.health_only)
    assert set(clocks(case)) == {"first_call_back"}
    change = case_issues_change(case=case, decisions=["plan_provision"], elements=["health", "educates_or_trains"],
                                reason="The therapy in dispute teaches him to communicate.", by=coordinator,
                                today=CHANGED)
    case.refresh_from_db()
    assert case.elements == ["education", "health"]  # s.21(5): treated as special educational provision
    assert case.route == Route.statutory_mediation
    assert change.owed_after
    running = clocks(case)
    assert running["contact_adviser"].due_date == dt.date(2027, 1, 2)
    assert running["tribunal_appeal"].due_date == dt.date(2027, 1, 4)


def test_a_change_that_changes_nothing_or_chooses_no_decision_is_refused_next_to_the_field(coordinator) -> None:
    case = placement_case(coordinator)
    for decisions, message in ((["plan_placement"], "already on the case"), ([], "at least one decision"),
                               (["legacy_statement"], "from the list")):
        with pytest.raises(ServiceError, match=message) as refusal:
            case_issues_change(case=case, decisions=decisions, elements=["education"], reason="x", by=coordinator,
                               today=CHANGED)
        assert refusal.value.field == "decisions"
    with pytest.raises(ServiceError, match="Enter why") as refusal:
        case_issues_change(case=case, decisions=["plan_provision"], elements=[], reason=" ", by=coordinator,
                           today=CHANGED)
    assert refusal.value.field == "reason"
    assert not case.events.filter(action="change_issues").exists()


def test_a_closed_case_keeps_its_issues(coordinator) -> None:
    case = placement_case(coordinator)
    case_transition(case=case, action="close", by=coordinator, today=CHANGED)
    with pytest.raises(ServiceError, match="This case has ended"):
        case_issues_change(case=case, decisions=["plan_provision"], elements=[], reason="x", by=coordinator,
                           today=CHANGED)
