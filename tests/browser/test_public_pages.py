"""Every public page in a real headless Chromium: 0 axe violations, and usable without JavaScript."""

import pytest
from playwright.sync_api import expect

from senmediation.demodata.reference import demo_reference_data_load
from senmediation.public.tests.test_views import PUBLIC_PAGES
from testsupport.browser import ERROR_TITLE, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_public_page_has_no_axe_violations(page) -> None:
    demo_reference_data_load()
    for url in PUBLIC_PAGES:
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        assert_accessible(page)
    # The appeal checker's error state and its answer.
    page.goto("/appeal-dates/?decision_date_0=31&decision_date_1=2&decision_date_2=2026")
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page)
    page.goto("/appeal-dates/")
    page.fill("#id_decision_date_0", "2")
    page.fill("#id_decision_date_1", "11")
    page.fill("#id_decision_date_2", "2026")
    page.get_by_role("button", name="Check dates").click()
    expect(page.locator(".govuk-panel__title", has_text="Appeal by")).to_be_visible()
    assert_accessible(page)


def test_public_pages_work_without_javascript(page_without_js) -> None:
    demo_reference_data_load()
    for url in PUBLIC_PAGES:
        response = page_without_js.goto(url)
        assert response.status == 200
        assert "03330 062 835" in page_without_js.content() or url in ("/what-is-mediation/",)
    page_without_js.goto("/")
    page_without_js.get_by_role("contentinfo").get_by_role("link", name="Contact us").click()
    assert page_without_js.url.endswith("/contact/")


def test_skip_link_reaches_main_content_by_keyboard(page) -> None:
    demo_reference_data_load()
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
