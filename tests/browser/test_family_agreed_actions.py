"""What was agreed on the family's page, in a real headless Chromium: 0 axe violations at 1280 and 390 px, the
late LA action's letter downloaded through the button, and the complaints route there without JavaScript.

The partial is shown on a minimal page that extends portal/layout.html (the family's case page, issue 24 part A,
includes the same partial with the same context), served in place of a made-up address under the live server so
that the service's own styles and the real letter URL are used.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.template import engines
from django.test import RequestFactory
from playwright.sync_api import expect
from pypdf import PdfReader

from senmediation.agreements.family import family_agreed_actions
from senmediation.agreements.tests.family_world import SEEN_ON, agreed_world
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.portal.models import Purpose
from senmediation.portal.services.links import party_link_create
from testsupport.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots")
PAGE = "/family-agreed-actions-test/"
TEMPLATE = """{% extends "portal/layout.html" %}{% block title %}Your case{% endblock %}{% block page %}
<h1 class="govuk-heading-l">Your case</h1>
{% include "agreements/includes/family_agreed_actions.html" %}
{% endblock %}"""


def _page_html(world: Any, token: str) -> str:
    request = RequestFactory().get(PAGE)
    context = {"agreed_actions": family_agreed_actions(world.case, today=SEEN_ON), "token": token}
    return str(engines["django"].from_string(TEMPLATE).render(context, request))


def _served(page: Any, live_server: Any, coordinator: Any, mediator: Any, time_machine: Any) -> Any:
    demo_reference_data_load()
    world = agreed_world(coordinator=coordinator, mediator=mediator, time_machine=time_machine)
    _, path = party_link_create(party=world.parties["parent"], purpose=Purpose.CASE, by=coordinator)
    html = _page_html(world, path.strip("/").rsplit("/", 1)[-1])
    page.route(f"{live_server.url}{PAGE}",
               lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html))
    return world


def test_agreed_actions_are_accessible_and_the_late_las_letter_downloads(
        page, live_server, coordinator, mediator, time_machine) -> None:
    world = _served(page, live_server, coordinator, mediator, time_machine)
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(PAGE)
        expect(page.get_by_role("heading", level=2, name="What was agreed")).to_be_visible()
        assert page.locator(".govuk-summary-card").count() == 7
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), width
        page.screenshot(path=str(SHOTS / f"family-agreed-actions-{width}.png"), full_page=True)

    late = page.locator(f"#agreed-action-{world.items['la_visit'].pk}")
    expect(late.locator(".govuk-tag")).to_have_text("Late")
    expect(late).to_contain_text(f"This is late. {world.case.local_authority.name} should have done this by "
                                 "Tuesday 29 December 2026, and we have not been told that it is done.")
    expect(page.locator(f"#agreed-action-{world.items['la_done'].pk} .govuk-tag")).to_have_text("Done")
    expect(page.locator(f"#agreed-action-{world.items['la_draft'].pk} .govuk-tag")).to_have_text("Not done yet")
    expect(page.locator(f"#agreed-action-{world.items['la_keep'].pk} .govuk-tag")).to_have_text("Ongoing")
    school = page.locator(f"#agreed-action-{world.items['school_room'].pk}")
    expect(school.locator(".govuk-tag")).to_have_text("Late")
    expect(school.get_by_role("link", name="Download a letter")).to_have_count(0)

    late.get_by_text("If it is still not done: where to complain").click()
    expect(late).to_contain_text("Local Government and Social Care Ombudsman")
    assert_accessible(page)
    with page.expect_download() as download_info:
        late.get_by_role("link", name="Download a letter to the local authority (PDF) about action 1").click()
    download = download_info.value
    assert download.suggested_filename == "letter-about-an-agreed-action.pdf"
    text = " ".join(PdfReader(io.BytesIO(Path(download.path()).read_bytes())).pages[0].extract_text().split())
    assert "In it, you agreed to do this: “Arrange a visit to Oak Primary School with Sam's parents”" in text


def test_the_complaints_route_opens_without_javascript(
        page_without_js, live_server, coordinator, mediator, time_machine) -> None:
    page = page_without_js
    world = _served(page, live_server, coordinator, mediator, time_machine)
    page.goto(PAGE)
    icb = page.locator(f"#agreed-action-{world.items['icb_referral'].pk}")
    icb.get_by_text("If it is still not done: where to complain").click()
    expect(icb).to_contain_text("Parliamentary and Health Service Ombudsman")
    expect(icb.get_by_role("link", name="Download a letter to the integrated care board (PDF) about action 3")
           ).to_be_visible()
