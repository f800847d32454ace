"""Report pages in a real headless Chromium: 0 axe violations for a manager and a commissioner, and the
period form works without JavaScript."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.directory.models import LocalAuthority
from senmediation.reporting.tests.helpers import case_row, event
from testsupport.browser import ERROR_TITLE, assert_accessible, sign_in
from testsupport.fixtures import TEST_PASSWORD, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Q1 = "period=quarter&year=2026&quarter=1"


def _data() -> None:
    for i in range(9):
        case = case_row(opened_on=dt.date(2026, 1 + i % 3, 4), meeting_outcome="agreement" if i % 2 else "partial",
                        decisions=["plan_provision"], elements=["education"])
        event(case, "held", dt.date(2026, 2, 20))


def test_manager_report_pages_have_no_axe_violations(page) -> None:
    demo_reference_data_load()
    _data()
    user_make("boss", Role.MANAGER)
    page.goto("/accounts/sign-in/")
    sign_in(page, "boss", TEST_PASSWORD)
    page.goto("/staff/reports/")
    assert_accessible(page)
    page.goto(f"/staff/reports/all/?{Q1}")
    assert_accessible(page)
    page.goto(f"/staff/reports/E08000009/?{Q1}")
    assert_accessible(page)
    page.goto("/staff/reports/E08000009/sen2/2026/")
    assert_accessible(page)
    page.goto("/staff/reports/E08000009/?period=dates&start=2026-03-01&end=2026-01-01")
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page)


def test_commissioner_report_works_without_javascript(page_without_js) -> None:
    demo_reference_data_load()
    _data()
    user_make("comm", Role.COMMISSIONER, local_authority=LocalAuthority.objects.get(gss_code="E08000009"))
    page = page_without_js
    page.goto("/accounts/sign-in/")
    sign_in(page, "comm", TEST_PASSWORD)
    page.goto(f"/staff/reports/E08000009/?{Q1}")
    page.get_by_label("A calendar year").check()
    page.get_by_role("spinbutton", name="Year").fill("2026")
    page.get_by_role("button", name="Change the period").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2026 (January to December)")
    expect(page.get_by_text("fewer than 5").first).to_be_visible()
