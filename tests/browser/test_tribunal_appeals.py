"""A commissioner records an appeal to the Tribunal in a real headless Chromium, at a desktop and a phone width:
the errors beside their fields, then the appeal listed and counted on the SEN2 page; 0 axe violations."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.core import clock
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.directory.models import LocalAuthority
from senmediation.reporting.tests.helpers import case_row, event
from testsupport.browser import ERROR_TITLE, assert_accessible_at_each_width, sign_in
from testsupport.fixtures import TEST_PASSWORD, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_commissioner_records_an_appeal(page) -> None:
    demo_reference_data_load()
    today = clock.today()
    opened = today - dt.timedelta(days=40)
    case = case_row(opened_on=opened)
    event(case, "held", opened + dt.timedelta(days=20))
    user_make("comm", Role.COMMISSIONER, local_authority=LocalAuthority.objects.get(gss_code="E08000009"))
    sign_in(page, "comm", TEST_PASSWORD)

    page.goto("/staff/reports/E08000009/tribunal-appeals/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Appeals to the Tribunal")
    assert_accessible_at_each_width(page, "appeals-list-empty")
    page.get_by_role("button", name="Record an appeal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record an appeal to the Tribunal")

    tomorrow = today + dt.timedelta(days=1)
    page.get_by_label("Case reference").fill("MED-2026-99999")
    page.locator("#id_registered_on_0").fill(str(tomorrow.day))
    page.locator("#id_registered_on_1").fill(str(tomorrow.month))
    page.locator("#id_registered_on_2").fill(str(tomorrow.year))
    page.get_by_role("button", name="Record the appeal").click()
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.locator("#id_registered_on-error")).to_contain_text(
        "The date the appeal was registered must be today or in the past")
    expect(page.locator("#id_decision-error")).to_contain_text("Choose the decision the appeal is about")
    assert_accessible_at_each_width(page, "appeals-form-errors")

    page.locator("#id_registered_on_0").fill(str(today.day))
    page.locator("#id_registered_on_1").fill(str(today.month))
    page.locator("#id_registered_on_2").fill(str(today.year))
    page.get_by_label("The support set out in the plan (section F: special educational provision)").check()
    page.get_by_role("button", name="Record the appeal").click()
    expect(page.locator("#id_reference-error")).to_contain_text(
        "There is no case with this reference for your local authority: check the reference")
    expect(page.locator(".govuk-error-message")).to_have_count(1)
    assert_accessible_at_each_width(page, "appeals-form-unknown-case")

    page.get_by_label("Case reference").fill(case.reference)
    page.get_by_role("button", name="Record the appeal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Appeals to the Tribunal")
    expect(page.get_by_text(f"Appeal recorded on case {case.reference}.")).to_be_visible()
    expect(page.get_by_role("rowheader", name=case.reference)).to_be_visible()
    assert_accessible_at_each_width(page, "appeals-list")

    page.goto(f"/staff/reports/E08000009/sen2/{today.year}/")
    row = page.get_by_role("row", name="Appeals to the Tribunal after mediation or a mediation certificate")
    expect(row.get_by_role("cell").first).to_have_text("not shown")  # 1 appeal, protected for a commissioner
    assert_accessible_at_each_width(page, "appeals-sen2")
