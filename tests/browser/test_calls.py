"""A parent who asked to be phoned is read a code: the coordinator shows it on Calls to make, and the parent, in
their own browser, types it in at /p/code/ and reaches their page. 0 axe violations at 1280 and 390 px wide."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.cases.models import Party
from senmediation.cases.tests.factories import case_make
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.notifications.models import CallTask
from senmediation.portal.services.links import party_link_issue
from testsupport.browser import assert_accessible, assert_accessible_at_each_width, sign_in
from testsupport.fixtures import TEST_PASSWORD, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check_and_shoot(page: Any, name: str) -> None:
    assert_accessible_at_each_width(page, f"calls-{name}")


def test_a_parent_who_prefers_calls_opens_their_page_with_the_code_read_to_them(page, browser, live_server) -> None:
    demo_reference_data_load()
    coordinator = user_make("coord", Role.COORDINATOR, first_name="Cora", last_name="Ordinator")
    case = case_make(by=coordinator)
    parent = case.parties.get(role=Party.Role.PARENT)
    parent.preferred_contact, parent.call_times = ["phone"], "After 3pm"
    parent.save(update_fields=["preferred_contact", "call_times"])
    party_link_issue(party=parent, purpose="availability", by=coordinator, base_url=f"{live_server.url}/")
    assert CallTask.objects.filter(party=parent, done_at__isnull=True).count() == 1

    sign_in(page, "coord", TEST_PASSWORD)
    page.goto("/staff/notifications/calls/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Calls to make")
    expect(page.get_by_text(f"Go to {live_server.url}/p/code/ and type in this code:", exact=True)).to_be_visible()
    expect(page.get_by_text("[secure link")).to_have_count(0)
    _check_and_shoot(page, "list")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Show a code to read out to Ravi Patel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Read this code to Ravi Patel")
    shown = page.locator("#call-code").inner_text()
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{5} [A-HJ-NP-Z2-9]{5}", shown), shown
    first, second = shown.split()
    expect(page.locator("#call-code-spelled")).to_have_text(f"{' '.join(first)}, then {' '.join(second)}")
    expect(page.get_by_text("If you print a letter for this person later, it will have a new code and this one "
                            "will stop working.", exact=False)).to_be_visible()
    _check_and_shoot(page, "code")

    # The parent, on their own device: no staff session, only what they were told on the phone.
    family = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="en-GB")
    try:
        parent_page = family.new_page()
        parent_page.goto("/p/code/")
        expect(parent_page.get_by_role("heading", level=1)).to_have_text("Enter your code")
        parent_page.get_by_label("Code").fill(f"{first} {second}".lower())
        parent_page.get_by_role("button", name="Continue").click()
        expect(parent_page).to_have_url(re.compile(r"/p/[^/]+/$"))
        # A parent's code opens their case page, with what we asked for on it.
        expect(parent_page.get_by_role("heading", level=1)).to_have_text("Your case")
        assert_accessible(parent_page)
        parent_page.get_by_role("button", name="Tell us when you can come").click()
        expect(parent_page.get_by_role("heading", level=1)).to_have_text("When you can come")
        assert_accessible(parent_page)
    finally:
        family.close()
    assert case.events.filter(summary="A code was read out to Ravi Patel by phone").count() == 1
