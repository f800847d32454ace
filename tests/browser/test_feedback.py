"""Complaints and feedback in a real headless Chromium: 0 axe violations, forms that work without
JavaScript, the clocks on the page, a late response shown as overdue, and stage 2."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.cases.models import Case
from senmediation.cases.tests.factories import case_make
from senmediation.core import clock
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.feedback.models import Complaint, SurveyResponse
from senmediation.feedback.services.complaints import complaint_record
from senmediation.feedback.services.surveys import survey_invite
from senmediation.notifications.models import Message
from senmediation.rules.calendar import format_day
from testsupport.browser import ERROR_TITLE, assert_accessible, sign_in
from testsupport.fixtures import TEST_PASSWORD, mediator_make, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_complaint(page: Any, name: str) -> None:
    page.get_by_label("Your full name").fill(name)
    page.get_by_label("What is your complaint about?").fill("Nobody called me back for a week.")
    page.get_by_label("No, it is about something else").check()
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Email address").fill("ravi@example.com")


def test_a_public_complaint_is_acknowledged_and_its_clocks_shown(page, page_without_js) -> None:
    demo_reference_data_load()
    user_make("boss", Role.MANAGER, first_name="Mina", last_name="Manager")
    page.goto("/feedback-and-complaints/")
    assert page.locator("#contact-panel-heading").count() == 1
    assert_accessible(page)
    page.get_by_role("link", name="Make a complaint online").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send complaint").click()
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.get_by_role("link", name="Enter your full name")).to_be_visible()
    assert_accessible(page)
    _fill_complaint(page, "Ravi Patel")
    page.get_by_role("button", name="Send complaint").click()
    expect(page.get_by_role("heading", name="Complaint sent")).to_be_visible()
    assert_accessible(page)
    complaint = Complaint.objects.get()
    expect(page.get_by_text(complaint.reference)).to_be_visible()

    # Without JavaScript the same form works.
    page_without_js.goto("/complain/")
    _fill_complaint(page_without_js, "Jo Bloggs")
    page_without_js.get_by_role("button", name="Send complaint").click()
    expect(page_without_js.get_by_role("heading", name="Complaint sent")).to_be_visible()
    assert Complaint.objects.count() == 2

    sign_in(page, "boss", TEST_PASSWORD)
    page.goto("/staff/complaints/")
    assert_accessible(page)
    page.get_by_role("link", name=complaint.reference).click()
    expect(page.get_by_role("heading", name=f"Complaint {complaint.reference}")).to_be_visible()
    clocks = page.locator("dl").first
    expect(clocks.locator("dd").first).to_contain_text(format_day(complaint.acknowledge_by))
    expect(clocks.locator("dd").nth(1)).to_contain_text(format_day(complaint.respond_by))
    assert_accessible(page)
    page.get_by_role("button", name="Send acknowledgement").click()
    expect(page.get_by_text("Acknowledgement sent.")).to_be_visible()
    expect(clocks.locator("dd").first.locator(".govuk-tag")).to_have_text("Met")
    assert_accessible(page)
    acknowledgement = Message.objects.get(template_key="complaint_acknowledgement")
    assert (acknowledgement.channel, acknowledgement.to) == ("email", "ravi@example.com")
    assert [m.subject for m in mail.outbox] == [f"We have received your complaint ({complaint.reference})"]
    page.goto("/staff/complaints/new/")
    assert_accessible(page)
    page.get_by_role("button", name="Record complaint").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page)


def test_a_late_response_shows_as_overdue_then_stage_2_restarts_the_clocks(page) -> None:
    demo_reference_data_load()
    user_make("boss", Role.MANAGER, first_name="Mina", last_name="Manager")
    today = clock.today()
    complaint = complaint_record(by=None, channel="phone", name="Jo Bloggs", phone="07700 900123",
                                 preferred_contact="letter", address="1 High Street\nSale", details="Rude.",
                                 received_on=today - dt.timedelta(days=40))
    sign_in(page, "boss", TEST_PASSWORD)
    page.goto("/staff/")
    queue = page.get_by_role("table", name="Complaints to acknowledge or answer")
    expect(queue.get_by_role("row").filter(has_text=complaint.reference)).to_contain_text("Overdue")
    assert_accessible(page)
    queue.get_by_role("link", name=f"Open the complaint {complaint.reference}").click()
    expect(page.locator("dl").first.locator("dd").nth(1).locator(".govuk-tag")).to_have_text("Overdue")
    page.get_by_role("link", name="Write the stage 1 response").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send response letter").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page)
    page.get_by_label("Not upheld").check()
    page.get_by_label("How we kept in touch").check()
    page.get_by_label("The response").fill("We listened to the call and found it polite.")
    page.get_by_role("button", name="Send response letter").click()
    expect(page.get_by_text("Response letter sent.")).to_be_visible()
    expect(page.locator("dl").first.locator("dd").nth(1).locator(".govuk-tag")).to_have_text("Met late")
    assert Message.objects.get(template_key="complaint_response").channel == "letter"

    page.get_by_role("button", name="Take to stage 2 (review by a director)").click()
    expect(page.get_by_text("Stage 2: review by a director")).to_be_visible()
    complaint.refresh_from_db()
    assert (complaint.stage, complaint.stage_started_on, complaint.responded_on) == (2, today, None)
    expect(page.locator("dl").first.locator("dd").nth(1)).to_contain_text(format_day(complaint.respond_by))
    expect(page.get_by_text("Taken to stage 2 (review by a director).")).to_be_visible()
    expect(page.locator(".govuk-inset-text")).to_contain_text("how to contact the Civil Mediation Council")
    assert_accessible(page)


def test_feedback_through_a_party_link_after_the_case_closes(page, page_without_js, live_server) -> None:
    demo_reference_data_load()
    user_make("boss", Role.MANAGER, first_name="Mina", last_name="Manager")
    mediator = mediator_make("med1", first_name="Amara", last_name="Okafor")
    case = case_make()
    Case.objects.filter(pk=case.pk).update(state="closed", closed_on=clock.today(), mediator=mediator,
                                           meeting_outcome="agreement")
    case.refresh_from_db()
    survey_invite(case=case, by=None, base_url=live_server.url)
    body = next(sent.body for sent in mail.outbox if "tell us what you thought" in sent.subject.lower())
    link = next(line for line in body.splitlines() if line.startswith(live_server.url))
    page.goto(link)
    expect(page.get_by_role("heading", name="Tell us what you thought")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send feedback").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page)
    # Answered without JavaScript.
    page_without_js.goto(link)
    page_without_js.get_by_label("Satisfied", exact=True).check()
    page_without_js.get_by_role("group", name="Did you feel listened to?").get_by_label("Yes").check()
    page_without_js.get_by_label("Anything else you want to tell us? (optional)").fill("Calm and clear.")
    page_without_js.get_by_label("You may quote my comments").check()
    page_without_js.get_by_role("button", name="Send feedback").click()
    expect(page_without_js.get_by_role("heading", name="Thank you")).to_be_visible()
    answer = SurveyResponse.objects.get()
    assert (answer.satisfaction, answer.felt_heard, answer.mediator, answer.consent_to_quote) == (
        4, "yes", mediator, True)

    page.goto("/give-feedback/")
    assert_accessible(page)
    sign_in(page, "boss", TEST_PASSWORD)
    page.goto("/staff/feedback/")
    expect(page.get_by_role("row", name="med1")).to_contain_text("4.0")
    expect(page.get_by_text("Calm and clear.")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/staff/cases/{case.reference}/")
    expect(page.get_by_text("used their link to give feedback")).to_be_visible()
    expect(page.get_by_role("heading", name="Complaints")).to_have_count(0)  # none linked to this case

    page.context.clear_cookies()
    sign_in(page, "med1", TEST_PASSWORD)
    page.goto("/staff/feedback/mine/")
    expect(page.get_by_text("Calm and clear.")).to_be_visible()
    expect(page.get_by_text(case.reference)).to_have_count(0)
    assert_accessible(page)
