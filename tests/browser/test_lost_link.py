"""'I've lost my link' and 'What you will see online' in a real headless Chromium: 0 axe violations at 1280
and 390 px wide, errors linked from the summary, and the same answer page with JavaScript off."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.cases.tests.factories import case_make
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.portal.models import PartyLink
from testsupport.browser import ERROR_TITLE, assert_accessible_at_each_width
from testsupport.fixtures import user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check_and_shoot(page: Any, name: str) -> None:
    assert page.locator("h1").count() == 1, name
    assert_accessible_at_each_width(page, f"lost-link-{name}")


def test_lost_link_pages_are_accessible_with_errors_linked_to_their_fields(page) -> None:
    demo_reference_data_load()
    case = case_make(by=user_make("coord", Role.COORDINATOR))
    page.goto("/p/lost/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Get a new link to your case")
    _check_and_shoot(page, "question")
    page.get_by_role("button", name="Send me a new link").click()
    expect(page).to_have_title(ERROR_TITLE)
    page.get_by_role("link", name="Enter your case reference").click()
    expect(page.locator("#id_reference")).to_be_focused()
    _check_and_shoot(page, "errors")
    page.get_by_label("Your case reference").fill(case.reference)
    page.get_by_label("Your e-mail address or mobile phone number").fill("ravi@example.com")
    page.get_by_role("button", name="Send me a new link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail or phone")
    assert PartyLink.objects.filter(purpose="case").count() == 1
    _check_and_shoot(page, "answer")


def test_what_you_will_see_online_is_accessible_and_leads_to_the_lost_link_page(page) -> None:
    demo_reference_data_load()
    page.goto("/what-you-will-see-online/")
    _check_and_shoot(page, "public-online")
    page.get_by_role("link", name="Get a new link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get a new link to your case")


def test_a_lost_link_can_be_asked_for_without_javascript(page_without_js) -> None:
    demo_reference_data_load()
    page = page_without_js
    page.goto("/p/lost/")
    page.get_by_label("Your case reference").fill("MED-2026-99999")
    page.get_by_label("Your e-mail address or mobile phone number").fill("07700 900123")
    page.get_by_role("button", name="Send me a new link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail or phone")
    assert PartyLink.objects.count() == 0
