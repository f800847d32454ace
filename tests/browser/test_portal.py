"""Portal pages in a real headless Chromium: 0 axe violations, no JavaScript needed, and no sideways
scrolling on a 320px-wide screen (what 400% zoom of a 1280px window looks like)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.cases.models import Party
from senmediation.cases.tests.factories import case_make
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.portal.models import Availability, Purpose
from senmediation.portal.services.links import party_link_create, party_link_revoke
from testsupport.browser import ERROR_TITLE, assert_accessible, sign_in
from testsupport.fixtures import TEST_PASSWORD, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _parent() -> tuple[Any, Party]:
    demo_reference_data_load()
    coordinator = user_make("coord", Role.COORDINATOR, first_name="Cora", last_name="Ordinator")
    case = case_make(by=coordinator)
    return coordinator, case.parties.get(role=Party.Role.PARENT)


def _no_sideways_scroll(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def test_every_portal_page_is_accessible_and_fits_a_narrow_screen(page) -> None:
    coordinator, parent = _parent()
    # The family's case page and a closed case's documents have no task page of their own (the case page shows them).
    paths = {purpose: party_link_create(party=parent, purpose=purpose, by=coordinator)[1] for purpose in Purpose
             if purpose not in (Purpose.CASE, Purpose.DOCUMENTS)}
    stopped, stopped_path = party_link_create(party=parent, purpose="feedback", by=coordinator)
    party_link_revoke(link=stopped, by=coordinator)
    tampered = paths[Purpose.FEEDBACK].replace(".", "x.", 1)
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        tasks = [f"{path}task/" for purpose, path in paths.items() if purpose not in (Purpose.CASE, Purpose.DOCUMENTS)]
        for path in [*paths.values(), *tasks, f"{paths[Purpose.FEEDBACK]}thank-you/", stopped_path, tampered]:
            page.goto(path)
            assert page.locator("h1").count() == 1, path
            assert_accessible(page)
            if width == 320:
                _no_sideways_scroll(page)
    # Error states: the summary left empty, and a drawing that is not a picture.
    page.goto(f"{paths[Purpose.SUMMARY_AND_ISSUES]}task/")
    page.get_by_role("button", name="Send").click()
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.get_by_role("link", name="Enter your summary")).to_be_visible()
    assert_accessible(page)
    _no_sideways_scroll(page)
    page.goto(f"{paths[Purpose.AVAILABILITY]}task/")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("link", name="Tell us when you can come, or when you cannot")).to_be_visible()
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page)
    _no_sideways_scroll(page)


def test_every_link_purpose_works_without_javascript(page_without_js) -> None:
    page = page_without_js
    coordinator, parent = _parent()

    def open_link(purpose: str) -> None:
        # A parent's link opens their case page; its task is one link away.
        page.goto(f"{party_link_create(party=parent, purpose=purpose, by=coordinator)[1]}task/")

    page.goto(party_link_create(party=parent, purpose="availability", by=coordinator)[1])
    expect(page.get_by_role("heading", name="Your case", exact=True)).to_be_visible()
    page.get_by_role("button", name="Tell us when you can come").click()
    page.get_by_label("Days and times you can come").fill("Tuesday mornings")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    assert Availability.objects.get().can_do == "Tuesday mornings"

    open_link("summary_and_issues")
    page.get_by_label("Your summary").fill("The plan is vague.")
    page.get_by_label("Issues you want to discuss").fill("Therapy\nTransport")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()

    open_link("child_views")
    page.get_by_label("What do you want to tell us?").fill("I like drawing.")
    page.set_input_files("#id_drawing", files=[{"name": "me.png", "mimeType": "image/png",
                                                "buffer": b"\x89PNG\r\n\x1a\n" + b"\0" * 32}])
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()

    open_link("attendance")
    page.get_by_label("Yes, I am coming").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()

    open_link("feedback")
    page.get_by_label("Very satisfied", exact=True).check()
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()

    open_link("agreement")
    expect(page.get_by_text("The agreement will appear here")).to_be_visible()
    used = parent.case.events.filter(summary__contains="used their link to").count()
    assert used == 6


def test_staff_link_and_message_pages_are_accessible(page) -> None:
    coordinator, parent = _parent()
    user_make("boss", Role.MANAGER)
    sign_in(page, "coord", TEST_PASSWORD)
    page.goto(f"/staff/notifications/cases/{parent.case.reference}/links/")
    assert_accessible(page)
    page.get_by_label("Tell us when you can come").check()
    page.get_by_role("button", name="Make and send the link").click()
    expect(page.get_by_text("Link made for Ravi Patel")).to_be_visible()
    assert_accessible(page)
    for url in ("/staff/notifications/", "/staff/notifications/print-queue/", "/staff/notifications/calls/"):
        page.goto(url)
        assert_accessible(page)
    page.context.clear_cookies()
    sign_in(page, "boss", TEST_PASSWORD)
    for url in ("/staff/notifications/templates/", "/staff/notifications/templates/party_link/"):
        page.goto(url)
        assert_accessible(page)
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_text("Preview with example details")).to_be_visible()
    assert_accessible(page)
