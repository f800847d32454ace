"""The office's work queue in a real headless Chromium: a coordinator clears one item of each kind from their
home page (or its list) and sees each count fall; axe finds nothing on the home page, a list, or at 390 px."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.cases.models import Party
from senmediation.cases.services.casework import contact_log_record
from senmediation.cases.services.opening import PartyInput
from senmediation.cases.services.transitions import case_transition
from senmediation.cases.tests.factories import case_make
from senmediation.core import clock
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.feedback.tests.factories import complaint_make
from senmediation.notifications.models import CallTask, Message
from senmediation.notifications.services import notification_send
from testsupport.browser import assert_accessible, sign_in
from testsupport.fixtures import TEST_PASSWORD, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _parent(name: str, **contact: object) -> PartyInput:
    return PartyInput(role=Party.Role.PARENT, name=name, is_main_contact=True, issues=["Speech and language therapy"],
                      **contact)  # type: ignore[arg-type]


def _count(page, kind: str) -> str:  # type: ignore[no-untyped-def]
    return page.locator(f'.app-queue-counts a[href="/staff/queue/{kind}/"] span').inner_text()


def _section(page, heading: str):  # type: ignore[no-untyped-def]
    """The table under a home page heading."""
    return page.locator(f"h2:text-is('{heading}') ~ .app-table-wrapper").first


def _called(case, coordinator) -> None:  # type: ignore[no-untyped-def]
    contact_log_record(case=case, by=coordinator, channel="phone", direction="out",
                       party=case.parties.get(role=Party.Role.PARENT), summary="Explained mediation")


def test_a_coordinator_clears_an_item_of_each_kind(page, django_capture_on_commit_callbacks) -> None:
    demo_reference_data_load()
    coordinator = user_make("coord", Role.COORDINATOR, first_name="Cora", last_name="Ordinator")
    today = clock.today()
    notice = today - dt.timedelta(days=10)
    # Our time limit: a family who want a certificate without mediation (3 working days, reg 34).
    owed = case_make(by=coordinator, today=today, decision_notice_date=notice, child_first_name="Owen",
                     parties=[_parent("Asha Owed", email="asha@example.com", preferred_contact=["email"])])
    _called(owed, coordinator)
    case_transition(case=owed, action="give_information", by=coordinator, today=today)
    case_transition(case=owed, action="request_certificate", by=coordinator, today=today)
    # An enquiry to call back.
    enquiry = case_make(by=coordinator, today=today, decision_notice_date=notice, child_first_name="Erin",
                        parties=[_parent("Ben Enquirer", phone="07700 900111", preferred_contact=["phone"])])
    # A call to make, a letter held for its address, a letter to post, a failed e-mail.
    caller = case_make(by=coordinator, today=today, decision_notice_date=notice, child_first_name="Cal",
                       parties=[_parent("Cath Caller", phone="07700 900222", preferred_contact=["phone"])])
    held = case_make(by=coordinator, today=today, decision_notice_date=notice, child_first_name="Hal",
                     parties=[_parent("Hari Held", preferred_contact=["letter"], address="")])
    posted = case_make(by=coordinator, today=today, decision_notice_date=notice, child_first_name="Pip",
                       parties=[_parent("Pat Post", preferred_contact=["letter"],
                                        address="2 Example Road\nSale\nM33 2BB")])
    for case in (caller, held, posted):
        _called(case, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        for case in (caller, held, posted):
            notification_send(template_key="referral_received", context={}, party=case.parties.get(),
                              idempotency_key=f"queue-{case.reference}")
    failed = Message.objects.create(case=owed, party=owed.parties.get(), template_key="referral_received",
                                    channel="email", to="asha@example.com", subject="We have your enquiry", body="b",
                                    idempotency_key="queue-failed", status="failed",
                                    last_error="Delivery failed: HTTP 5xx")
    complaint = complaint_make(received_on=today - dt.timedelta(days=7))  # acknowledgement overdue

    sign_in(page, "coord", TEST_PASSWORD)
    page.goto("/staff/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Work to do")
    expected = {"time-limits": "1", "call-backs": "1", "calls": "1", "missing-details": "1", "failed-messages": "1",
                "letters": "1"}
    assert {kind: _count(page, kind) for kind in expected} == expected
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 1600})
    page.screenshot(path="/tmp/shots/queue-home-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/shots/queue-home-390.png", full_page=True)
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # Our time limit: to the certificate page, issue it, and back to the queue.
    _section(page, "Our time limits, overdue or due soon").get_by_role(
        "link", name=f"Issue the certificate for {owed.reference}").click()
    page.get_by_role("button", name="Issue the certificate").click()
    page.goto("/staff/")
    assert _count(page, "time-limits") == "0"

    # The enquiry: record the call on the case.
    _section(page, "Enquiries to call back").get_by_role("link", name=f"Record the call for {enquiry.reference}").click()
    page.get_by_label("Who with").select_option(label="Ben Enquirer (Parent or carer)")
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("We contacted them").check()
    page.get_by_label("Summary").fill("Called back and explained mediation")
    page.get_by_role("button", name="Record contact").click()
    page.goto("/staff/")
    assert _count(page, "call-backs") == "0"

    # The call: made, and marked done from the queue, which comes back to the queue.
    _section(page, "Calls to make").get_by_role("button", name="Mark call as done for Cath Caller").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Work to do")
    assert _count(page, "calls") == "0"
    assert CallTask.objects.get(case=caller).done_by == coordinator

    # The held letter: add the address; it goes to the letters to print.
    _section(page, "Contact details missing").get_by_role("link", name="Add the postal address of Hari Held").click()
    page.get_by_label("Postal address (optional)").fill("1 Example Street\nSale\nM33 1AA")
    page.get_by_role("button", name="Save").click()
    page.goto("/staff/")
    assert (_count(page, "missing-details"), _count(page, "letters")) == ("0", "2")

    # The letters, from their list: both marked as posted.
    page.get_by_role("link", name="2 letters to print and post").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Letters to print and post")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"^Mark as posted\s*\(the letter to Hari Held\)$")).click()
    expect(page.get_by_role("status")).to_have_text("1 in all; showing 1 to 1.")
    page.get_by_role("button", name=re.compile(r"^Mark as posted\s*\(the letter to Pat Post\)$")).click()
    expect(page.get_by_text("There are no letters to print.")).to_be_visible()
    page.goto("/staff/")
    assert _count(page, "letters") == "0"

    # The failed e-mail: tried again.
    _section(page, "Messages that failed").get_by_role(
        "button", name=re.compile(r"^Try again\s*\(We have your enquiry, to asha@example.com\)$")).click()
    assert _count(page, "failed-messages") == "0"
    failed.refresh_from_db()
    assert failed.status == "sent"  # queued again, and sent at once by the test run's immediate task backend

    assert {kind: _count(page, kind) for kind in expected} == dict.fromkeys(expected, "0")
    expect(page.get_by_role("heading", level=2, name="Complaints to acknowledge or answer")).to_have_count(0)
    assert_accessible(page)

    # Complaints are answered by managers: on a manager's queue, opened and acknowledged.
    user_make("boss", Role.MANAGER, first_name="Mina", last_name="Manager")
    page.context.clear_cookies()
    sign_in(page, "boss", TEST_PASSWORD)
    page.goto("/staff/")
    assert _count(page, "complaints") == "1"
    _section(page, "Complaints to acknowledge or answer").get_by_role(
        "link", name=f"Open the complaint {complaint.reference}").click()
    page.get_by_role("button", name="Send acknowledgement").click()
    page.goto("/staff/")
    assert _count(page, "complaints") == "0"
    assert_accessible(page)
