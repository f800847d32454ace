"""Honest sharing, in a real browser: a parent writes their summary and a note for the mediator only; the LA's
link shows nothing of it before the exchange; after it, the LA's link and every e-mail carry the summary and
never the note. 0 axe violations and screenshots at 1280 and 390 px wide."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.cases.models import Party
from senmediation.cases.tests.factories import case_make
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.notifications.models import Message
from senmediation.portal.models import Purpose
from senmediation.portal.services.links import party_link_create
from testsupport.browser import assert_accessible_at_each_width, sign_in
from testsupport.fixtures import TEST_PASSWORD, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SUMMARY = "The plan does not say how many hours of speech therapy Sam gets."
NOTE = "Sam's dad and I have just separated and I find meetings with him hard."


def _check_and_shoot(page: Any, name: str) -> None:
    assert_accessible_at_each_width(page, f"summary-exchange-{name}")


def test_the_note_for_the_mediator_never_reaches_the_la(page) -> None:
    demo_reference_data_load()
    coordinator = user_make("coord", Role.COORDINATOR, first_name="Cora", last_name="Ordinator")
    case = case_make(by=coordinator)
    officer = Party.objects.create(case=case, role=Party.Role.LA_OFFICER, name="Lee Officer",
                                   email="lee@trafford.example.gov.uk", organisation="Trafford Council",
                                   preferred_contact=["email"])
    parent = case.parties.get(role=Party.Role.PARENT)
    # A family's link opens their case page; the summary task is one button away, at task/.
    parent_path = party_link_create(party=parent, purpose=Purpose.SUMMARY_AND_ISSUES, by=coordinator)[1] + "task/"
    _, officer_path = party_link_create(party=officer, purpose=Purpose.SUMMARY_AND_ISSUES, by=coordinator)

    # The parent is told who reads it, by name, before writing.
    page.goto(parent_path)
    expect(page.get_by_text("Then we send them to Trafford Council, and you get theirs. This happens when every "
                            "side has sent theirs.")).to_be_visible()
    _check_and_shoot(page, "parent-empty")
    page.get_by_label("Your summary").fill(SUMMARY)
    page.get_by_label("Issues you want to discuss").fill("Speech therapy hours\nTransport to school")
    page.get_by_label("Anything only the mediator should read (optional)").fill(NOTE)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()

    # Reopening shows what they sent, ready to change.
    page.goto(parent_path)
    expect(page.get_by_label("Anything only the mediator should read (optional)")).to_have_value(NOTE)
    expect(page.get_by_label("Your summary")).to_have_value(SUMMARY)
    _check_and_shoot(page, "parent-reopened")

    # Before the exchange the LA's link shows nothing of the parent's summary or note.
    page.goto(officer_path)
    expect(page.get_by_text("Then we send them to Ravi Patel (parent or carer), and you get theirs.")).to_be_visible()
    html = page.content()
    assert SUMMARY not in html and NOTE not in html and "Transport to school" not in html
    page.get_by_label("Your summary").fill("The LA will review the therapy provision.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()

    # The coordinator shares them; the coordinator's own page says only that a note exists.
    sign_in(page, "coord", TEST_PASSWORD)
    page.goto(f"/staff/cases/{case.reference}/summaries/")
    expect(page.get_by_text("Note for the mediator only")).to_be_visible()
    assert NOTE not in page.content()
    page.get_by_role("button", name="Share the summaries with everyone").click()
    expect(page.get_by_text("The summaries have been shared with every party.")).to_be_visible()
    page.context.clear_cookies()

    # After the exchange the LA's link shows the parent's summary and issues, never the note.
    page.goto(officer_path)
    expect(page.get_by_role("heading", name="The other sides' summaries")).to_be_visible()
    expect(page.get_by_text(SUMMARY)).to_be_visible()
    expect(page.get_by_text("Transport to school")).to_be_visible()
    assert NOTE not in page.content()
    _check_and_shoot(page, "la-after")

    # The parent's page is now read-only, with the LA's summary.
    page.goto(parent_path)
    expect(page.get_by_text("You can no longer change your summary")).to_be_visible()
    expect(page.get_by_text("The LA will review the therapy provision.")).to_be_visible()
    assert page.locator("textarea").count() == 0
    _check_and_shoot(page, "parent-after")

    assert sorted(message.to[0] for message in mail.outbox) == ["lee@trafford.example.gov.uk", "ravi@example.com"]
    for message in mail.outbox:
        assert SUMMARY in message.body
        assert NOTE not in message.body and NOTE not in message.subject
        assert all(NOTE not in str(alternative[0]) for alternative in getattr(message, "alternatives", []))
    assert not Message.objects.filter(body__contains=NOTE).exists()
