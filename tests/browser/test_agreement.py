"""The meeting record and agreement pages in a real headless Chromium: 0 axe violations on each,
and an agreement item added with the keyboard alone."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.agreements.models import AgreementItem
from senmediation.agreements.tests.helpers import case_at_meeting
from senmediation.core import clock
from senmediation.demodata.reference import demo_reference_data_load
from testsupport.browser import ERROR_TITLE, assert_accessible, sign_in
from testsupport.fixtures import TEST_PASSWORD, mediator_make, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focused(page) -> str:
    return page.evaluate("document.activeElement.id")


def test_agreement_pages_are_accessible_and_an_item_can_be_added_by_keyboard(page) -> None:
    demo_reference_data_load()
    coordinator = user_make("coord", Role.COORDINATOR, first_name="Cora", last_name="Ordinator")
    mediator = mediator_make("med1", first_name="Amara", last_name="Okafor")
    case = case_at_meeting(coordinator=coordinator, mediator=mediator)
    # A meeting starts on its day, not before (rules/meeting_day.py): the live server runs on today's date.
    from senmediation.meetings.models import Meeting

    Meeting.objects.filter(case=case).update(starts_at=clock.now())
    base = f"/staff/cases/{case.reference}/agreement/"
    sign_in(page, "coord", TEST_PASSWORD)

    # The meeting: empty, then with a session running and a refused attendee (error state).
    page.goto(base + "meeting/")
    assert page.locator("h1").inner_text() == "The meeting"
    assert_accessible(page)
    page.get_by_role("button", name="Start the meeting").click()
    for label in ("Everything said stays confidential", "Everyone will behave respectfully",
                  "Everyone is willing to hear the others", "The mediator is impartial"):
        page.get_by_label(label, exact=False).check()
    page.get_by_role("button", name="Save the ground rules").click()
    page.get_by_label("Name (if not listed)").fill("Sam Patel")
    page.get_by_label("They attend as").select_option("child")
    page.get_by_role("button", name="Add to the list").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page)

    # The builder, by keyboard alone: from the "agreed" radios, Tab through every field.
    page.goto(base)
    assert_accessible(page)
    page.focus("#id_agreed_0")
    page.keyboard.press("Tab")
    assert focused(page) == "id_owner"
    page.keyboard.type("Ravi")  # type-ahead picks the parent
    page.keyboard.press("Tab")
    assert focused(page) == "id_action"
    page.keyboard.type("Send the OT report to the school as soon as possible")
    page.keyboard.press("Tab")
    assert focused(page) == "id_la_action"
    due = clock.today() + dt.timedelta(days=30)
    for part in (str(due.day), str(due.month), str(due.year)):
        page.keyboard.press("Tab")
        page.keyboard.type(part)
    page.keyboard.press("Tab")  # agreed in writing: not needed
    page.keyboard.press("Tab")
    assert focused(page) == "id_measure"
    page.keyboard.type("The SENCo confirms she has it")
    page.keyboard.press("Tab")  # which issue: none
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Item 1 added")).to_be_visible()
    expect(page.get_by_text('"as soon as possible" can mean different things', exact=False)).to_be_visible()
    assert_accessible(page)
    item = AgreementItem.objects.get()
    assert item.owner.name == "Ravi Patel" and item.due == due

    # Errors on the builder, the edit page, finalising, and follow-up.
    page.get_by_role("button", name="Add the item").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page)
    page.goto(base + f"items/{item.pk}/")
    assert_accessible(page)
    page.goto(base + "finalise/")
    assert_accessible(page)
    page.get_by_role("button", name="Make the agreement final").click()
    expect(page.get_by_text("The agreement is final")).to_be_visible()
    assert_accessible(page)
    page.goto(base + "follow-up/")
    assert page.locator("h1").inner_text() == "Follow-up of agreed actions"
    assert_accessible(page)
