"""The documents and mediators pages in a real headless Chromium: 0 axe violations, upload errors shown."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.cases.services.transitions import case_transition
from senmediation.cases.tests.factories import case_make
from senmediation.core import clock
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.directory.mediators import demo_mediator_profiles_load
from testsupport.browser import ERROR_TITLE, assert_accessible, sign_in
from testsupport.fixtures import TEST_PASSWORD, mediator_make, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_documents_and_mediators_pages_have_no_axe_violations(page) -> None:
    demo_reference_data_load()
    coordinator = user_make("coord", Role.COORDINATOR, first_name="Cora", last_name="Ordinator")
    mediator_make("mediator1", first_name="Amara", last_name="Okafor")
    mediator_make("mediator2", first_name="Tom", last_name="Fielding")
    today = clock.today()
    demo_mediator_profiles_load(today=today)
    case = case_make(by=coordinator, today=today, decision_notice_date=today - dt.timedelta(days=10))
    case_transition(case=case, action="give_information", by=coordinator, today=today)
    case_transition(case=case, action="request_certificate", by=coordinator, today=today)

    sign_in(page, "coord", TEST_PASSWORD)
    page.goto(f"/staff/cases/{case.reference}/documents/certificates/issue/")
    assert_accessible(page)
    page.get_by_role("button", name="Issue the certificate").click()
    expect(page.get_by_text(re.compile(r"^Certificate CERT-\d{4}-00001 was issued"))).to_be_visible()
    assert_accessible(page)  # the certificate page with its re-issue form

    page.goto(f"/staff/cases/{case.reference}/documents/")
    assert_accessible(page)
    page.get_by_role("button", name="Upload the file").click()  # no file chosen: the error state
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.get_by_role("link", name="Choose a file")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/staff/cases/{case.reference}/documents/mediators/")
    expect(page.get_by_role("button", name="Assign Amara Okafor")).to_be_visible()
    assert_accessible(page)
