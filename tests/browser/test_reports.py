"""Report pages in a real headless Chromium: 0 axe violations for a manager and a commissioner, and the
period form works without JavaScript."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.directory.models import LocalAuthority
from senmediation.reporting.tests.helpers import case_row, clock, event
from senmediation.rules.deadlines import Clock
from testsupport.browser import ERROR_TITLE, assert_accessible, assert_accessible_at_each_width, sign_in
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
    page.goto("/staff/reports/E08000009/?period=month&year=2026")
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.locator("#id_month-error")).to_contain_text("Choose a month")
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
    expect(page.get_by_text("not shown", exact=True).first).to_be_visible()


def test_a_commissioner_reads_12_months_protected_by_the_rule_at_each_width(page) -> None:
    demo_reference_data_load()
    _data()
    user_make("comm", Role.COMMISSIONER, local_authority=LocalAuthority.objects.get(gss_code="E08000009"))
    sign_in(page, "comm", TEST_PASSWORD)
    page.goto(f"/staff/reports/E08000009/?{Q1}")
    page.get_by_label("The 12 months to the end of a month").check()
    page.get_by_role("spinbutton", name="Year").fill("2026")
    page.get_by_label("Month", exact=True).select_option("March")
    page.get_by_role("button", name="Change the period").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trafford: the 12 months to the end of March 2026")
    expect(page.get_by_role("heading", name="How the figures protect families")).to_be_visible()
    # 9 enquiries: the total reads "10" and each month's 3 is not shown; the chart says its bars are rounded.
    total = page.locator("#table-trend-by-month tr", has_text="Total")
    expect(total.locator("td").first).to_have_text("10")
    expect(page.locator("#table-trend-by-month tr", has_text="January 2026").locator("td").first).to_have_text(
        "not shown")
    expect(page.locator("#chart-trend-desc")).to_contain_text("Bars show figures rounded to the nearest 5")
    assert_accessible_at_each_width(page, "report-commissioner-rolling")


def test_a_commissioner_walks_their_scorecard(page) -> None:
    """Issue 26: a commissioner signs in, opens the scorecard from their report, chooses the 12 months and reads
    the enquiries row beside the 12 months before and every LA, protected by the rule."""
    demo_reference_data_load()
    _data()
    for _ in range(6):  # six families of Trafford issued their certificate on time in February 2026
        clock(case_row(opened_on=dt.date(2026, 2, 2)), Clock.certificate_no_mediation, start=dt.date(2026, 2, 3),
              due=dt.date(2026, 2, 6), met=dt.date(2026, 2, 5))
    user_make("comm", Role.COMMISSIONER, local_authority=LocalAuthority.objects.get(gss_code="E08000009"))
    sign_in(page, "comm", TEST_PASSWORD)
    page.goto(f"/staff/reports/E08000009/?{Q1}")
    page.get_by_role("link", name="Scorecard: the 12 months to the end of March 2026").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trafford: the 12 months to the end of March 2026")
    page.get_by_label("Year").fill("1999")
    page.get_by_role("button", name="Show these 12 months").click()
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.locator("#id_year-error")).to_contain_text("Enter a year from 2000 to 2100")
    page.get_by_label("Month").select_option("March")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Show these 12 months").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trafford: the 12 months to the end of March 2026")
    expect(page.get_by_role("heading", name="How the figures protect families")).to_be_visible()
    table = page.get_by_role("table", name="Enquiries and referrals")
    headings = table.locator("thead th")
    expect(headings).to_have_text(["Measure", "These 12 months", "The 12 months before",
                                   "All local authorities (these 12 months)"])
    # 15 enquiries read "15"; none the 12 months before; every LA together the same 15.
    expect(table.locator("tbody tr").first.locator("td")).to_have_text(["15", "0", "15"])
    certificates = page.get_by_role("table", name="Certificates issued within 3 working days")
    expect(certificates.locator("tr", has_text="Share issued within 3 working days").locator("td")).to_have_text(
        ["100%", "none to count", "100%"])
    assert_accessible_at_each_width(page, "scorecard-commissioner")
