"""The LA that neither arranges nor tells (SEND Regs 2014 reg 39(2)-(3)), as a worked example.

The family asked for mediation; the LA was told on Monday 27 April 2026, so the 30 days (reg 36(2)) end
on Wednesday 27 May. Day 20 is Sunday 17 May: the sweep asks the LA, once. On Friday 22 May (day 25) the
LA tells the adviser it cannot arrange mediation in time: the certificate is due 3 working days later,
across the spring bank holiday of Monday 25 May, on Thursday 28 May 2026 (reg 39(3)).
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from senmediation.cases.models import Case, CaseEvent, Party
from senmediation.cases.services.not_arranged import case_not_arranged_record, la_arrangement_checks_send
from senmediation.cases.services.opening import PartyInput
from senmediation.cases.services.transitions import case_transition
from senmediation.cases.tests.factories import case_make
from senmediation.core.errors import ServiceError
from senmediation.notifications.models import CallTask, Message
from senmediation.rules.eligibility import Decision, Element, Route

pytestmark = pytest.mark.django_db

D = dt.date
SIGN_OFF = "\n\nIf you have any questions, call us on {phone}.\n\n{name}"


def _family_and_officer() -> list[PartyInput]:
    return [
        PartyInput(role=Party.Role.PARENT, name="Ravi Patel", email="ravi@example.com", preferred_contact=["email"],
                   is_main_contact=True, issues=["Speech and language therapy hours"]),
        PartyInput(role=Party.Role.LA_OFFICER, name="Jo Officer", email="jo.officer@example.org",
                   preferred_contact=["email"]),
    ]


def _la_told(by: object, **overrides: object) -> Case:
    case = case_make(by=by, today=D(2026, 4, 20), decision_notice_date=D(2026, 4, 14),
                     parties=_family_and_officer(), **overrides)
    for action, day in (("give_information", 20), ("request_mediation", 20), ("notify_la", 27)):
        case_transition(case=case, action=action, by=by, today=D(2026, 4, day))
    return case


def _sign_off(message: Message) -> str:
    from senmediation.directory.selectors import provider_current

    provider = provider_current()
    return SIGN_OFF.format(phone=provider.phone if provider else "", name=provider.name if provider else "SEN Mediation")


def test_day_20_asks_the_la_once_in_writing_and_gives_a_coordinator_a_call(coordinator) -> None:
    case = _la_told(coordinator)
    la = case.local_authority.name
    assert la_arrangement_checks_send(today=D(2026, 5, 16)) == 0  # day 19
    assert la_arrangement_checks_send(today=D(2026, 5, 17)) == 1  # day 20
    assert la_arrangement_checks_send(today=D(2026, 5, 18)) == 0  # asked already
    assert la_arrangement_checks_send(today=D(2026, 5, 17)) == 0

    letter = Message.objects.get(template_key="la_can_arrange_check")
    assert (letter.party.name, letter.channel, letter.to) == ("Jo Officer", "email", "jo.officer@example.org")
    assert letter.subject == f"Can you arrange the mediation by 27 May 2026? ({case.reference})"
    assert letter.body == (
        f"Dear Jo Officer,\n\nA family asked for mediation about a decision {la} made. Our reference is "
        f"{case.reference}. You were told on 27 April 2026, so the mediation must take place by 27 May 2026 "
        "(SEND Regulations 2014, regulations 35(4) and 36(2)).\n\nNo date for the meeting has been fixed yet. "
        "Please tell us now whether you can arrange the mediation by 27 May 2026.\n\nIf you cannot, you must "
        "tell us as soon as you realise (regulation 39(2)). We will then issue the family's mediation "
        "certificate within 3 working days (regulation 39(3))." + _sign_off(letter)
    )
    task = CallTask.objects.get(case=case)
    assert (task.due, task.party.name, task.done_at) == (D(2026, 5, 17), "Jo Officer", None)
    assert task.reason == (f"Ask {la} whether it can arrange mediation by 27 May 2026. If it cannot, record "
                           "'The LA says it cannot arrange mediation in time' on the case")
    event = case.events.get(action="la_asked_can_arrange")
    assert event.kind == CaseEvent.Kind.CLOCK
    assert event.summary == (f"Day 20 of 30 with no meeting fixed. Asked Jo Officer ({la}) in writing whether it "
                             "can arrange mediation by 27 May 2026 (SEND Regulations 2014 reg 39(2))")


def test_the_daily_sweep_command_sends_the_letter_once_only(coordinator, capsys) -> None:
    _la_told(coordinator)
    for day in (17, 18, 19):
        with time_machine.travel(dt.datetime(2026, 5, day, 12, tzinfo=dt.UTC), tick=False):
            call_command("deadlines_sweep")
    with time_machine.travel(dt.datetime(2026, 5, 20, 12, tzinfo=dt.UTC), tick=False):
        call_command("deadlines_sweep", "--enqueue")  # the worker's task asks too, and still only once
    assert Message.objects.filter(template_key="la_can_arrange_check").count() == 1
    assert CallTask.objects.count() == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("; 1 local authorities asked whether they can arrange mediation in time.")
    assert out[1].endswith("; 0 local authorities asked whether they can arrange mediation in time.")


def test_no_letter_where_the_icb_arranges(coordinator) -> None:
    # Health care alone: the ICB arranges (reg 35(3)), which reg 39(2) does not name; no certificate either.
    health_only = case_make(by=coordinator, today=D(2026, 4, 20), decision_notice_date=D(2026, 4, 14),
                            decisions=[Decision.plan_provision], elements=[Element.health],
                            route=Route.health_only, parties=_family_and_officer())
    for action in ("give_information", "request_mediation", "notify_la"):
        case_transition(case=health_only, action=action, by=coordinator, today=D(2026, 4, 27))
    case_transition(case=health_only, action="notify_icb", by=coordinator, today=D(2026, 4, 27))
    assert la_arrangement_checks_send(today=D(2026, 5, 17)) == 0


def test_the_la_says_on_day_25_it_cannot_arrange(coordinator) -> None:
    case = _la_told(coordinator)
    la = case.local_authority.name
    la_arrangement_checks_send(today=D(2026, 5, 17))
    case = case_not_arranged_record(case=case, by=coordinator, adviser_told_on=D(2026, 5, 22), today=D(2026, 5, 22))

    assert case.state == "not_arranged"
    certificate = case.deadlines.get(clock="certificate_not_arranged")
    # Fri 22 May 2026 -> Mon 25 spring bank holiday, Tue 26 (1), Wed 27 (2), Thu 28 May (3).
    assert (certificate.start_date, certificate.due_date) == (D(2026, 5, 22), D(2026, 5, 28))
    assert case.deadlines.get(clock="mediation_held").stopped_on == D(2026, 5, 22)

    told = Message.objects.get(template_key="not_arranged_options")
    assert (told.party.name, told.to) == ("Ravi Patel", "ravi@example.com")
    assert told.subject == f"Your mediation certificate is on its way ({case.reference})"
    # Appeal: 2 months after the notice of 14 April is Sunday 14 June; 1 month after a certificate issued
    # today (the earliest it can be) is Monday 22 June 2026, the later, a working day (HESC Rules r.20, r.12).
    assert told.body == (
        f"Dear Ravi Patel,\n\n{la} has told us it cannot arrange your mediation within 30 days. The law treats "
        "you as having taken part in mediation, so you do not need to do anything to get your mediation "
        "certificate. We will send it to you by Thursday 28 May 2026.\n\nWith the certificate you can appeal "
        "to the SEND Tribunal if you want to. You have until at least 22 June 2026 to appeal. The certificate "
        f"will show the exact last day.\n\nIf {la} arranges mediation later, you can still take part if you "
        "want to. Your certificate stays valid whether or not you do." + _sign_off(told)
    )
    assert case.events.get(action="la_cannot_arrange").summary == (
        "The local authority told the adviser on 22 May 2026 that it cannot arrange mediation in time: "
        "certificate due by 28 May 2026 (SEND Regulations 2014 reg 39(3)). The family were told their options"
    )
    # The case is no longer waiting for the LA: the sweep never asks again.
    assert la_arrangement_checks_send(today=D(2026, 5, 23)) == 0
    assert Message.objects.filter(template_key="la_can_arrange_check").count() == 1


@pytest.mark.parametrize(
    ("told_on", "field_error"),
    [
        (D(2026, 5, 23), "The date the adviser was told must be today or in the past."),
        (D(2026, 4, 26), "The date the adviser was told must be on or after 27 April 2026, when the local "
                         "authority was told the family want mediation."),
    ],
)
def test_the_date_the_adviser_was_told_is_checked(coordinator, told_on: dt.date, field_error: str) -> None:
    case = _la_told(coordinator)
    with pytest.raises(ServiceError) as refusal:
        case_not_arranged_record(case=case, by=coordinator, adviser_told_on=told_on, today=D(2026, 5, 22))
    assert (refusal.value.message, refusal.value.field) == (field_error, "adviser_told_on")
    case.refresh_from_db()
    assert case.state == "la_notified"


def test_a_mediator_cannot_record_it(coordinator, mediator) -> None:
    case = _la_told(coordinator)
    with pytest.raises(ServiceError, match="Only a coordinator or a manager"):
        case_not_arranged_record(case=case, by=mediator, adviser_told_on=D(2026, 5, 22), today=D(2026, 5, 22))


def test_the_page_records_it_and_shows_a_specific_error_next_to_the_date(coordinator, coordinator_client) -> None:
    case = _la_told(coordinator)
    url = f"/staff/cases/{case.reference}/not-arranged/"
    with time_machine.travel(dt.datetime(2026, 5, 22, 12, tzinfo=dt.UTC), tick=False):
        page = coordinator_client.get(url)
        assert page.status_code == 200
        assert "<h1 class=\"govuk-heading-l\">The LA says it cannot arrange mediation in time</h1>" in page.text
        assert "The mediation must take place by Wednesday 27 May 2026" in page.text
        empty = coordinator_client.post(url, {})
        assert empty.status_code == 400
        assert "Enter the date the local authority told us" in empty.text
        early = coordinator_client.post(url, {"adviser_told_on_0": "20", "adviser_told_on_1": "4",
                                              "adviser_told_on_2": "2026"})
        assert early.status_code == 400
        assert "must be on or after 27 April 2026" in early.text
        done = coordinator_client.post(url, {"adviser_told_on_0": "22", "adviser_told_on_1": "5",
                                             "adviser_told_on_2": "2026"}, follow=True)
    assert done.status_code == 200
    assert "Done. The certificate is due by Thursday 28 May 2026. The family have been sent their options." in done.text
    case.refresh_from_db()
    assert case.state == "not_arranged"


def test_the_general_step_form_will_not_record_it(coordinator, coordinator_client) -> None:
    case = _la_told(coordinator)
    coordinator_client.post(f"/staff/cases/{case.reference}/transition/", {"action": "mark_not_arranged"})
    case.refresh_from_db()
    assert case.state == "la_notified"
