"""The case page after late contact (SEND Regs 2014 reg 34(2)-(3)) and the manager's override page."""

import datetime as dt
import html as htmllib

import pytest

from senmediation.cases.models import CaseEvent
from senmediation.documents.tests.helpers import declined_case

pytestmark = pytest.mark.django_db

# The case opens on Monday 23 November 2026; 2 months from 22 September ended on Sunday 22 November.
LATE_NOTICE = dt.date(2026, 9, 22)
REFUSAL = (
    "A certificate cannot be issued to a family who do not want mediation: they first contacted us on "
    "Monday 23 November 2026, more than 2 months after the decision letter dated Tuesday 22 September 2026 "
    "(the last day was Sunday 22 November 2026), and the mediation adviser may not issue it "
    "(SEND Regulations 2014 reg 34(2)). The family can ask the SEND Tribunal for permission (leave) to "
    "appeal without a mediation certificate (SEND Regulations 2014 reg 34(3)). The Tribunal decides "
    "whether to give it."
)


def page(response) -> str:
    return htmllib.unescape(response.content.decode())


def test_the_case_page_says_why_no_certificate_and_names_the_leave_route(coordinator_client, coordinator) -> None:
    case = declined_case(by=coordinator, decision_notice_date=LATE_NOTICE)
    text = page(coordinator_client.get(f"/staff/cases/{case.reference}/"))
    assert "Contact after the 2 months" in text
    assert REFUSAL in text
    assert "Issue the certificate (no mediation)" not in text
    assert "/late-contact/" not in text  # the override link is for managers


def test_a_case_in_time_shows_nothing_about_late_contact(coordinator_client, coordinator) -> None:
    case = declined_case(by=coordinator)
    text = page(coordinator_client.get(f"/staff/cases/{case.reference}/"))
    assert "Contact after the 2 months" not in text
    assert "Issue the certificate (no mediation)" in text


def test_a_manager_overrides_and_the_timeline_shows_who_and_why(manager_client, manager, coordinator) -> None:
    case = declined_case(by=coordinator, decision_notice_date=LATE_NOTICE)
    detail = page(manager_client.get(f"/staff/cases/{case.reference}/"))
    assert f'href="/staff/cases/{case.reference}/late-contact/"' in detail
    form = manager_client.get(f"/staff/cases/{case.reference}/late-contact/")
    assert form.status_code == 200
    assert REFUSAL in page(form)

    empty = manager_client.post(f"/staff/cases/{case.reference}/late-contact/", {"reason": ""})
    assert empty.status_code == 400
    assert "Give the reason for the override, for example that the date recorded was wrong." in page(empty)

    done = manager_client.post(f"/staff/cases/{case.reference}/late-contact/",
                               {"reason": "The letter was dated 22 October, not 22 September."})
    assert done.status_code == 302
    assert done["Location"] == f"/staff/cases/{case.reference}/"
    event = CaseEvent.objects.get(case=case, action="late_contact_override")
    assert event.by == manager
    text = page(manager_client.get(f"/staff/cases/{case.reference}/"))
    assert ("<strong>Manager overrode the late-contact rule (SEND Regulations 2014 reg 34(2)): the certificate "
            "without mediation may be issued</strong>") in text
    assert "The letter was dated 22 October, not 22 September." in text
    assert "Issue the certificate (no mediation)" in text


def test_others_are_refused_the_override(coordinator_client, coordinator) -> None:
    case = declined_case(by=coordinator, decision_notice_date=LATE_NOTICE)
    response = coordinator_client.post(f"/staff/cases/{case.reference}/late-contact/", {"reason": "Wrong date"})
    assert response.status_code == 403
    assert not CaseEvent.objects.filter(case=case, action="late_contact_override").exists()
