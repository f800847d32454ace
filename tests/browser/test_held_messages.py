"""A letter with no address to go to, in a real headless Chromium: the certificate for a family who prefer letters
and gave no postal address waits ('cannot send'), the case page says so in red and links to the person; the
coordinator adds the address there, and the letter is released to the print queue. axe finds nothing on any page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.cases.models import Party
from senmediation.cases.services.opening import PartyInput
from senmediation.cases.services.transitions import case_transition
from senmediation.cases.tests.factories import case_make
from senmediation.core import clock
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.notifications.models import Message
from testsupport.browser import assert_accessible, sign_in
from testsupport.fixtures import TEST_PASSWORD, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HELD_TITLE = "A message a time limit depends on has not been sent"
GAP = "No postal address for Ravi Patel: add one to send this letter"


def _message_status(page, subject: str):  # type: ignore[no-untyped-def]
    """The Status cell of the case page's Messages row with this subject."""
    row = page.locator("table[aria-labelledby=messages-heading] tbody tr").filter(has_text=subject)
    expect(row).to_have_count(1)
    return row.locator("td").nth(4)


def test_a_certificate_letter_with_no_address_waits_and_goes_to_print_once_the_address_is_added(page) -> None:
    demo_reference_data_load()
    coordinator = user_make("coord", Role.COORDINATOR, first_name="Cora", last_name="Ordinator")
    today = clock.today()
    case = case_make(by=coordinator, today=today, decision_notice_date=today - dt.timedelta(days=10), parties=[
        PartyInput(role=Party.Role.PARENT, name="Ravi Patel", preferred_contact=["letter"], address="",
                   is_main_contact=True, issues=["Speech and language therapy hours"]),
    ])
    case_transition(case=case, action="give_information", by=coordinator, today=today)
    case_transition(case=case, action="request_certificate", by=coordinator, today=today)
    parent = case.parties.get()
    subject = f"Your mediation certificate ({case.reference})"

    sign_in(page, "coord", TEST_PASSWORD)
    page.goto(f"/staff/cases/{case.reference}/documents/certificates/issue/")
    page.get_by_role("button", name="Issue the certificate").click()
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text(
        f"Certificate CERT-{today.year}-00001 was issued.")

    # The case page: the red warning names the waiting letter and links to the person to complete.
    page.goto(f"/staff/cases/{case.reference}/")
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", level=2)).to_have_text(HELD_TITLE)
    expect(summary.get_by_role("listitem")).to_have_text([f"{GAP} ({subject})"])
    expect(_message_status(page, subject)).to_have_text("Cannot send")
    assert_accessible(page)
    page.get_by_role("link", name=GAP).click()

    expect(page).to_have_url(f"{page.url.split('/staff/')[0]}/staff/cases/{case.reference}/people/{parent.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change Ravi Patel's details")
    assert_accessible(page)
    page.get_by_label("Postal address (optional)").fill("1 Example Street\nSale\nM33 1AA")
    page.get_by_role("button", name="Save").click()

    # Back on the case page: saved, the warning gone, the letter ready to print.
    expect(page).to_have_url(f"{page.url.split('/staff/')[0]}/staff/cases/{case.reference}/")
    expect(page.get_by_text("Ravi Patel's details are saved.")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    expect(page.get_by_text(HELD_TITLE)).to_have_count(0)
    expect(_message_status(page, subject)).to_have_text("Ready to print")
    assert_accessible(page)
    message = Message.objects.get(case=case, template_key="certificate_issued")
    assert (message.channel, message.status, message.last_error) == ("letter", "sent", "")
    assert message.to.splitlines() == ["Ravi Patel", "1 Example Street", "Sale", "M33 1AA"]

    # The print queue, reached through the navigation: the one letter, to the address just added.
    page.get_by_role("navigation", name="Staff navigation").get_by_role("link", name="Messages").click()
    page.get_by_role("navigation", name="Messages sections").get_by_role("link", name="Letters to print").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Letters to print")
    table = page.get_by_role("table", name="1 letter to print or post")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(1)
    cells = rows.first.locator("td")
    expect(cells.nth(0)).to_have_text(case.reference)
    expect(cells.nth(1)).to_have_text("Ravi Patel1 Example StreetSaleM33 1AA")
    expect(cells.nth(2).get_by_role("link", name=f"{subject} (print copy, PDF)")).to_be_visible()
    expect(cells.nth(3)).to_have_text("Ready to print")
    assert_accessible(page)
