import datetime as dt

import pytest

from senmediation.cases.models import Case, CaseEvent, Deadline
from senmediation.cases.services.deadlines import deadlines_sweep
from senmediation.cases.services.details import case_mediator_assign
from senmediation.cases.services.transitions import case_transition
from senmediation.cases.tests.factories import case_make
from senmediation.core.errors import ServiceError
from senmediation.meetings.models import Meeting
from senmediation.rules.eligibility import Decision, Element, Route

pytestmark = pytest.mark.django_db


def clocks(case: Case) -> dict[str, Deadline]:
    return {d.clock: d for d in case.deadlines.all()}


def test_case_open_gives_a_reference_and_starts_the_opening_clocks(coordinator) -> None:
    case = case_make(by=coordinator, today=dt.date(2026, 11, 27))  # a Friday
    assert case.reference == "MED-2026-00001"
    assert case.state == "enquiry"
    running = clocks(case)
    # First call back: 1 working day after Friday 27 November 2026 is Monday 30 November.
    assert running["first_call_back"].due_date == dt.date(2026, 11, 30)
    # Contact the adviser: 2 calendar months from the decision notice of 2 November (reg 33).
    assert running["contact_adviser"].due_date == dt.date(2027, 1, 2)
    # Tribunal: 2 months after 2 November 2026 is 2 January 2027, inside the 25 Dec-1 Jan window's
    # reach? No: 2 January is after it, but it is a Saturday, so Monday 4 January 2027.
    assert running["tribunal_appeal"].due_date == dt.date(2027, 1, 4)
    assert case.events.get().kind == CaseEvent.Kind.OPENED
    assert case.parties.get().is_main_contact
    assert case.issues.count() == 1


def test_references_run_on_without_gaps_and_restart_each_year(coordinator) -> None:
    refs = [case_make(by=coordinator, today=dt.date(2026, 12, 31)).reference for _ in range(3)]
    assert refs == ["MED-2026-00001", "MED-2026-00002", "MED-2026-00003"]
    assert case_make(by=coordinator, today=dt.date(2027, 1, 4)).reference == "MED-2027-00001"
    assert case_make(by=coordinator, case_type="disagreement_resolution",
                     today=dt.date(2027, 1, 4)).reference == "DRS-2027-00001"


def test_idempotency_key_makes_a_repeat_submission_return_the_first_case(coordinator) -> None:
    first = case_make(by=coordinator, idempotency_key="abc")
    again = case_make(by=coordinator, idempotency_key="abc")
    assert first.pk == again.pk
    assert Case.objects.count() == 1


def test_a_whole_mediation_path_starts_turns_due_and_meets_each_clock(coordinator, mediator) -> None:
    case = case_make(by=coordinator, today=dt.date(2026, 11, 23))
    case_transition(case=case, action="give_information", by=coordinator, today=dt.date(2026, 11, 24))
    assert clocks(case)["first_call_back"].status == "met"
    case_transition(case=case, action="request_mediation", by=coordinator, today=dt.date(2026, 11, 25))
    case_transition(case=case, action="notify_la", by=coordinator, today=dt.date(2026, 11, 26))
    held = clocks(case)["mediation_held"]
    # 30 calendar days from 26 November 2026 (regs 36-37).
    assert held.due_date == dt.date(2026, 12, 26) and held.status == "on_track"
    assert case.next_due_date == dt.date(2026, 12, 26)

    # Before a mediator is assigned, preparation is refused with a reason.
    with pytest.raises(ServiceError, match="Assign an independent mediator"):
        case_transition(case=case, action="start_preparation", by=coordinator, today=dt.date(2026, 11, 27))
    case_mediator_assign(case=case, mediator=mediator, by=coordinator)
    case_transition(case=case, action="start_preparation", by=coordinator, today=dt.date(2026, 11, 27))

    # The sweep turns the clock "due soon" as the day nears.
    deadlines_sweep(today=dt.date(2026, 12, 23))
    assert clocks(case)["mediation_held"].status == "due_soon"
    case.refresh_from_db()
    assert case.clock_status == "due_soon"

    Meeting.objects.create(case=case, starts_at=dt.datetime(2026, 12, 22, 10, tzinfo=dt.UTC),
                           notice_sent_on=dt.date(2026, 12, 1))
    case_transition(case=case, action="schedule_meeting", by=coordinator, today=dt.date(2026, 12, 1))
    case_transition(case=case, action="hold_meeting", by=coordinator, today=dt.date(2026, 12, 22))
    assert clocks(case)["mediation_held"].status == "met"
    cert = clocks(case)["certificate_after_mediation"]
    # 3 working days after Tuesday 22 December 2026: 23, 24, (25 and 26 Christmas, Boxing Day on Sat,
    # substitute Monday 28) ... 29 December.
    assert cert.due_date == dt.date(2026, 12, 29)
    case_transition(case=case, action="record_agreement", by=coordinator, today=dt.date(2026, 12, 22))
    assert case.meeting_outcome == "agreement"
    case_transition(case=case, action="issue_certificate", by=coordinator, today=dt.date(2026, 12, 23))
    assert clocks(case)["certificate_after_mediation"].status == "met"
    case.refresh_from_db()
    assert case.certificate_issued_on == dt.date(2026, 12, 23)
    # The appeal deadline now also counts 1 month from the certificate (HESC r.20(1)(c)).
    assert clocks(case)["tribunal_appeal"].due_date == dt.date(2027, 1, 25)
    case_transition(case=case, action="start_follow_up", by=coordinator, today=dt.date(2026, 12, 23))
    case_transition(case=case, action="close", by=coordinator, today=dt.date(2027, 1, 5))
    assert case.state == "closed" and case.closed_on == dt.date(2027, 1, 5)
    actions = list(case.events.filter(kind="transition").order_by("at", "id").values_list("action", flat=True))
    assert actions == ["give_information", "request_mediation", "notify_la", "start_preparation",
                       "schedule_meeting", "hold_meeting", "record_agreement", "issue_certificate",
                       "start_follow_up", "close"]


def test_a_forbidden_transition_is_refused_with_a_message_and_changes_nothing(coordinator) -> None:
    case = case_make(by=coordinator)
    with pytest.raises(ServiceError, match="cannot take the step"):
        case_transition(case=case, action="hold_meeting", by=coordinator, today=dt.date(2026, 11, 24))
    case.refresh_from_db()
    assert case.state == "enquiry"
    assert case.events.count() == 1


def test_placement_only_case_is_refused_a_certificate(coordinator) -> None:
    case = case_make(by=coordinator, decisions=[Decision.plan_placement], route=Route.placement_only)
    case_transition(case=case, action="give_information", by=coordinator, today=dt.date(2026, 11, 24))
    with pytest.raises(ServiceError, match=r"only about the school or college.*s\.55\)"):
        case_transition(case=case, action="request_certificate", by=coordinator, today=dt.date(2026, 11, 24))


def test_placement_only_runs_the_appeal_deadline_but_no_adviser_clock(coordinator) -> None:
    # Decision letter Mon 2 Nov 2026: appeal by Sat 2 Jan 2027 -> r.12(3)(a), raw end in the Christmas
    # window -> the first working day after 1 January: Mon 4 Jan 2027.
    case = case_make(by=coordinator, decisions=[Decision.plan_placement], elements=[], route=Route.placement_only)
    assert set(clocks(case)) == {"first_call_back", "tribunal_appeal"}
    assert clocks(case)["tribunal_appeal"].due_date == dt.date(2027, 1, 4)


def test_health_only_case_tells_the_icb_and_runs_30_days_from_then_with_no_certificate(coordinator, mediator):
    case = case_make(by=coordinator, elements=[Element.health], route=Route.health_only)
    # No appeal about health care alone: no adviser clock, no appeal deadline.
    assert set(clocks(case)) == {"first_call_back"}
    for action, day in [("give_information", 24), ("request_mediation", 24), ("notify_la", 25)]:
        case_transition(case=case, action=action, by=coordinator, today=dt.date(2026, 11, day))
    # Told Wed 25 Nov: the ICB must be told within 3 working days (Mon 30 Nov); no 30 days yet.
    assert clocks(case)["health_issues_to_icb"].due_date == dt.date(2026, 11, 30)
    assert "mediation_held" not in clocks(case)
    case_transition(case=case, action="notify_icb", by=coordinator, today=dt.date(2026, 11, 27))
    assert clocks(case)["mediation_held"].due_date == dt.date(2026, 12, 27)
    with pytest.raises(ServiceError, match="no appeal to the Tribunal about the health or social care"):
        case_transition(case=case, action="request_certificate", by=coordinator, today=dt.date(2026, 11, 27))


def test_social_care_only_case_runs_30_days_from_the_la_being_told(coordinator) -> None:
    case = case_make(by=coordinator, elements=[Element.social_care], route=Route.social_care_only)
    assert set(clocks(case)) == {"first_call_back"}
    for action, day in [("give_information", 24), ("request_mediation", 24), ("notify_la", 25)]:
        case_transition(case=case, action=action, by=coordinator, today=dt.date(2026, 11, day))
    assert clocks(case)["mediation_held"].due_date == dt.date(2026, 12, 25)
    assert "health_issues_to_icb" not in clocks(case)


def test_health_and_education_case_tells_the_icb_and_runs_30_days_from_the_la(coordinator) -> None:
    case = case_make(by=coordinator, elements=[Element.education, Element.health])
    assert {"contact_adviser", "tribunal_appeal"} <= set(clocks(case))
    for action, day in [("give_information", 24), ("request_mediation", 24), ("notify_la", 25)]:
        case_transition(case=case, action=action, by=coordinator, today=dt.date(2026, 11, day))
    assert clocks(case)["mediation_held"].due_date == dt.date(2026, 12, 25)
    assert clocks(case)["health_issues_to_icb"].due_date == dt.date(2026, 11, 30)


def test_a_not_arranged_case_mediates_later_and_keeps_its_certificate(coordinator, mediator) -> None:
    case = case_make(by=coordinator)
    steps = [("give_information", 24), ("request_mediation", 24), ("notify_la", 25), ("mark_not_arranged", 26),
             ("issue_certificate", 27)]
    for action, day in steps:
        case_transition(case=case, action=action, by=coordinator, today=dt.date(2026, 11, day))
    case_transition(case=case, action="arrange_mediation_later", by=coordinator, today=dt.date(2026, 11, 30))
    case.refresh_from_db()
    assert (case.state, case.certificate_issued_on) == ("la_notified", dt.date(2026, 11, 27))
    assert clocks(case)["certificate_not_arranged"].met_on == dt.date(2026, 11, 27)
    assert "mediation_held" not in {c for c, d in clocks(case).items() if d.met_on is None and d.stopped_on is None}


def test_certificate_without_mediation_is_due_in_three_working_days_and_withdrawal_stops_clocks(coordinator):
    case = case_make(by=coordinator)
    case_transition(case=case, action="give_information", by=coordinator, today=dt.date(2026, 11, 24))
    case_transition(case=case, action="request_certificate", by=coordinator, today=dt.date(2026, 11, 27))
    # Friday 27 November 2026 + 3 working days = Wednesday 2 December (reg 34).
    assert clocks(case)["certificate_no_mediation"].due_date == dt.date(2026, 12, 2)
    case_transition(case=case, action="withdraw", by=coordinator, today=dt.date(2026, 11, 30), note="Family moved")
    stopped = clocks(case)["certificate_no_mediation"]
    assert stopped.stopped_on == dt.date(2026, 11, 30) and stopped.status == ""
    case.refresh_from_db()
    assert case.next_due_date is None and case.closure_reason == "Family moved"


def test_a_step_cannot_be_dated_in_the_future(coordinator) -> None:
    case = case_make(by=coordinator)
    with pytest.raises(ServiceError, match="future"):
        case_transition(case=case, action="give_information", by=coordinator, on=dt.date(2026, 12, 1),
                        today=dt.date(2026, 11, 24))


def test_case_events_are_append_only(coordinator) -> None:
    from senmediation.cases.models import AppendOnlyError

    event = case_make(by=coordinator).events.get()
    event.summary = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_a_manager_may_close_with_open_actions_only_with_a_reason(coordinator, manager, monkeypatch) -> None:
    import senmediation.agreements.selectors as agreement_selectors

    case = case_make(by=coordinator)
    case_transition(case=case, action="give_information", by=coordinator, today=dt.date(2026, 11, 24))
    monkeypatch.setattr(agreement_selectors, "agreement_open_items_count", lambda case: 2)
    from senmediation.cases.models import Case as CaseModel

    CaseModel.objects.filter(pk=case.pk).update(state="follow_up")
    case.refresh_from_db()
    with pytest.raises(ServiceError, match="2 agreed actions are still open"):
        case_transition(case=case, action="close", by=coordinator, today=dt.date(2026, 11, 25))
    with pytest.raises(ServiceError, match="Only a manager"):
        case_transition(case=case, action="close", by=coordinator, today=dt.date(2026, 11, 25),
                        note="Moved away", manager_override=True)
    with pytest.raises(ServiceError, match="Give the reason"):
        case_transition(case=case, action="close", by=manager, today=dt.date(2026, 11, 25), manager_override=True)
    case_transition(case=case, action="close", by=manager, today=dt.date(2026, 11, 25), note="Family moved away",
                    manager_override=True)
    assert case.state == "closed" and case.closure_reason == "Family moved away"
