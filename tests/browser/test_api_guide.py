"""The API guide (/api/v1/guide/) in a real headless Chromium: 0 axe violations and no sideways scrolling at
1280 and 390 px wide, with its long examples wrapping on a phone."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from senmediation.demodata.reference import demo_reference_data_load
from testsupport.browser import assert_accessible_at_each_width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_guide_is_accessible_and_links_to_the_schema(page: Any) -> None:
    demo_reference_data_load()
    page.goto("/api/v1/guide/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Using the SEN mediation service API")
    assert page.locator("h1").count() == 1
    assert_accessible_at_each_width(page, "api-guide")
    expect(page.get_by_role("link", name="OpenAPI document")).to_have_attribute("href", "/api/v1/openapi.json")
