"""Staff pages in a real headless Chromium: signed in, 0 axe violations, and a case moved on by keyboard."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.cases.tests.factories import case_make
from senmediation.demodata.reference import demo_reference_data_load
from testsupport.browser import ERROR_TITLE, assert_accessible, sign_in
from testsupport.fixtures import TEST_PASSWORD, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_pages_have_no_axe_violations_and_steps_work(page) -> None:
    demo_reference_data_load()
    coordinator = user_make("coord", Role.COORDINATOR, first_name="Cora", last_name="Ordinator")
    case = case_make(by=coordinator, today=dt.date(2026, 11, 23))
    page.goto("/accounts/sign-in/")
    assert_accessible(page)
    page.click("button[type=submit]")  # empty form: the error state
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page)
    sign_in(page, "coord", TEST_PASSWORD)
    assert page.url.endswith("/staff/")
    assert_accessible(page)
    page.goto("/staff/cases/")
    assert_accessible(page)
    page.goto("/staff/cases/?opened_from=nonsense")
    assert_accessible(page)
    page.goto(f"/staff/cases/{case.reference}/")
    assert_accessible(page)
    # Keyboard only: focus the first step's button and press Enter.
    button = page.get_by_role("button", name="Record that information was given")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Done. The case is now")).to_be_visible()
    assert_accessible(page)
    case.refresh_from_db()
    assert case.state == "information_given"
    for path in ("contacts", "advice", "child-views"):
        page.goto(f"/staff/cases/{case.reference}/{path}/")
        assert_accessible(page)
        page.get_by_role("button", name=["Record contact", "Record", "Save"][["contacts", "advice", "child-views"].index(path)], exact=True).click()
        expect(page).to_have_title(ERROR_TITLE)
        assert_accessible(page)
    for path in ("people/add", "summaries", f"people/{case.parties.get().pk}"):
        page.goto(f"/staff/cases/{case.reference}/{path}/")
        assert_accessible(page)
    page.goto(f"/staff/cases/{case.reference}/people/add/")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page)


def test_mediator_notes_and_schedule_pages_have_no_axe_violations(page) -> None:
    demo_reference_data_load()
    manager = user_make("boss", Role.MANAGER, first_name="Mina", last_name="Manager")
    case = case_make(by=manager, today=dt.date(2026, 11, 23))
    sign_in(page, "boss", TEST_PASSWORD)
    page.goto(f"/staff/cases/{case.reference}/mediator-notes/")
    assert_accessible(page)
    page.get_by_role("button", name="Save note").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page)
    from senmediation.cases.services.transitions import case_transition

    for action in ("give_information", "request_mediation"):
        case_transition(case=case, action=action, by=manager)
    page.goto(f"/staff/cases/{case.reference}/meeting/")
    assert_accessible(page)
    page.get_by_role("button", name="Save the meeting").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page)


def test_my_cases_as_mediator_and_coordinator_and_taking_a_case_on_have_no_axe_violations(page) -> None:
    from senmediation.accounts.roles import user_role_add
    from senmediation.cases.models import Case
    from senmediation.meetings.models import Meeting
    from senmediation.meetings.services import case_next_meeting_refresh

    demo_reference_data_load()
    both = user_make("both", Role.MEDIATOR, first_name="Bo", last_name="Oth")
    user_role_add(user=both, role=Role.COORDINATOR)
    mediated = case_make(by=both, child_last_name="Mediated")
    coordinated = case_make(by=both, child_last_name="Looked-after")
    Case.objects.filter(pk=mediated.pk).update(mediator=both)
    Case.objects.filter(pk=coordinated.pk).update(coordinator=both)
    # A meeting whose day passed without being recorded: flagged in the diary.
    Meeting.objects.create(case=mediated, starts_at=dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC))
    case_next_meeting_refresh(mediated)
    sign_in(page, "both", TEST_PASSWORD)
    page.goto("/staff/my-cases/")
    expect(page.get_by_role("link", name="As mediator")).to_have_attribute("aria-current", "page")
    expect(page.get_by_text("Not recorded")).to_be_visible()
    assert_accessible(page)
    # Keyboard only: to the coordinator's tab.
    page.get_by_role("link", name="As coordinator").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile(r"^My cases as coordinator\b"))
    expect(page.get_by_role("link", name=coordinated.reference)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="See your closed and withdrawn cases").click()
    expect(page.get_by_text("None of your cases has finished yet.")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/staff/cases/{mediated.reference}/")
    page.get_by_role("button", name="Assign to me").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("You are now the coordinator.")).to_be_visible()
    assert_accessible(page)
    mediated.refresh_from_db()
    assert mediated.coordinator == both
