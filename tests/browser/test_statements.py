"""Activity statements in a real headless Chromium: a manager adds prices and issues a statement, and a
commissioner signs in, opens their LA's statements, downloads one and reads their scorecard (issue 26). Screenshots at 1280 and 390 px
in /tmp/shots/costs-*.png; axe finds nothing on any page."""

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from senmediation.accounts.roles import Role
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.directory.models import LocalAuthority
from senmediation.reporting.models import ActivityStatement
from senmediation.reporting.tests.helpers import case_row, event
from testsupport.browser import ERROR_TITLE, assert_accessible_at_each_width, sign_in
from testsupport.fixtures import TEST_PASSWORD, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Q1 = "period=quarter&year=2026&quarter=1"


def _paying_la() -> LocalAuthority:
    demo_reference_data_load()
    la = LocalAuthority.objects.exclude(gss_code="E08000009").order_by("pk").first()
    assert la is not None
    la.free_for_residents = False
    la.save()
    for day in (dt.date(2026, 2, 3), dt.date(2026, 3, 10)):
        event(case_row(la=la, opened_on=dt.date(2026, 1, 15)), "held", day)
    return la


def test_a_manager_issues_and_a_commissioner_downloads_their_statement(browser, page, live_server) -> None:
    la = _paying_la()
    user_make("boss", Role.MANAGER)
    user_make("comm", Role.COMMISSIONER, local_authority=la)

    sign_in(page, "boss", TEST_PASSWORD)
    page.goto(f"/staff/reports/{la.gss_code}/rates/")
    page.get_by_label("Month").select_option("January")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Each SEN mediation meeting held").fill("abc")
    page.get_by_role("button", name="Add these prices").click()
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.locator("#id_mediation-error")).to_contain_text("Enter an amount in pounds, for example 120.00")
    assert_accessible_at_each_width(page, "costs-rate-card-error")
    page.get_by_label("Each enquiry or referral (information and advice)").fill("0")
    page.get_by_label("Each mediation certificate issued").fill("40")
    page.get_by_label("Each SEN mediation meeting held").fill("400")
    page.get_by_label("Each disagreement resolution meeting held").fill("300")
    page.get_by_label("Purchase order or contract reference").fill("PO-77")
    page.get_by_role("button", name="Add these prices").click()
    expect(page.get_by_role("table", name="Versions, newest first")).to_contain_text("January 2026")
    assert_accessible_at_each_width(page, "costs-rate-card")

    page.goto(f"/staff/reports/{la.gss_code}/activity/?{Q1}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{la.name}: January to March 2026 (quarter 1)")
    assert_accessible_at_each_width(page, "costs-draft")
    page.get_by_role("button", name="Issue this statement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ACT-2026-00001")
    expect(page.get_by_text("£800.00").first).to_be_visible()
    assert_accessible_at_each_width(page, "costs-issued-manager")

    page.context.clear_cookies()
    sign_in(page, "comm", TEST_PASSWORD)
    page.goto(f"/staff/reports/{la.gss_code}/?{Q1}")
    page.get_by_role("link", name=f"Activity statements issued to {la.name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(la.name)
    expect(page.get_by_role("heading", name="ACT-2026-00001")).to_be_visible()
    assert_accessible_at_each_width(page, "costs-commissioner-list")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download PDF of ACT-2026-00001").click()
    download = info.value
    assert download.suggested_filename == "activity-statement-ACT-2026-00001.pdf"
    with open(download.path(), "rb") as pdf:
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read())).pages)
    assert "Activity statement ACT-2026-00001" in text and "£800.00" in text and "PO-77" in text
    page.get_by_role("link", name="ACT-2026-00001", exact=True).click()
    expect(page.get_by_role("link", name="Correct this statement")).to_have_count(0)
    assert_accessible_at_each_width(page, "costs-commissioner-statement")
    assert ActivityStatement.objects.get().issued_by.username == "boss"
    # The same commissioner reads the scorecard for the 12 months the quarter ends: 2 enquiries, not shown.
    page.goto(f"/staff/reports/{la.gss_code}/?{Q1}")
    page.get_by_role("link", name="Scorecard: the 12 months to the end of March 2026, beside the 12 months before").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{la.name}: the 12 months to the end of March 2026")
    expect(page.get_by_role("row", name=re.compile("^Enquiries and referrals"))).to_have_text(
        re.compile(r"Enquiries and referrals\s*not shown\s*0\s*not shown"))
