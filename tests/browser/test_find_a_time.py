"""Find a time and book it, in a real browser, as a coordinator: a window that crosses Christmas and New Year
(the LA was told on Thursday 10 December 2026; the 30 days end on Saturday 9 January 2027), a mediator on leave
until Christmas Eve, a mother who needs an Urdu interpreter. The first proposal is booked with one click; the LA
then cancels and the page proposes again. 0 axe violations and screenshots at 1280 and 390 px wide."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.cases.models import Party
from senmediation.cases.services.details import case_mediator_assign
from senmediation.cases.services.opening import PartyInput
from senmediation.cases.services.transitions import case_transition
from senmediation.cases.tests.factories import case_make
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.directory.models import LocalAuthority, MediatorAvailability, MediatorLeave
from senmediation.meetings.models import Booking, Meeting
from testsupport.browser import assert_accessible_at_each_width, sign_in
from testsupport.fixtures import TEST_PASSWORD, mediator_make, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = dt.date


def _case_over_christmas() -> Any:
    demo_reference_data_load()
    coordinator = user_make("coord", Role.COORDINATOR, first_name="Cora", last_name="Ordinator")
    mediator = mediator_make("med1", first_name="Amara", last_name="Okafor")
    mediator.mediator_profile.local_authorities.set(LocalAuthority.objects.filter(name="Trafford"))
    day = D(2026, 12, 1)
    while day <= D(2027, 2, 28):
        if day.weekday() in (0, 2, 3):
            MediatorAvailability.objects.create(mediator=mediator, day=day)
        day += dt.timedelta(days=1)
    MediatorLeave.objects.create(mediator=mediator, starts_on=D(2026, 12, 14), ends_on=D(2026, 12, 24),
                                 recorded_by=mediator)
    case = case_make(by=coordinator, today=D(2026, 12, 1), decision_notice_date=D(2026, 11, 20), parties=[
        PartyInput(role=Party.Role.PARENT, name="Amira Khan", email="amira@example.com", preferred_contact=["email"],
                   is_main_contact=True, language="Urdu", interpreter_needed=True, issues=["Therapy hours"]),
        PartyInput(role=Party.Role.LA_OFFICER, name="Jo Officer", email="jo@example.org", preferred_contact=["email"])])
    for action, on in (("give_information", 1), ("request_mediation", 1), ("notify_la", 10)):
        case_transition(case=case, action=action, by=coordinator, today=D(2026, 12, on))
    case_mediator_assign(case=case, mediator=mediator, by=coordinator, today=D(2026, 12, 10))
    return case


def test_a_coordinator_finds_a_time_over_christmas_and_books_it(page) -> None:
    with time_machine.travel(dt.datetime(2026, 12, 10, 10, tzinfo=dt.UTC), tick=True):
        case = _case_over_christmas()
        sign_in(page, "coord", TEST_PASSWORD)
        page.goto(f"/staff/cases/{case.reference}/")
        page.get_by_role("link", name="Find a time", exact=True).click()
        expect(page.get_by_role("heading", name="Find a time", exact=True)).to_be_visible()
        cards = page.locator(".govuk-summary-card__title")
        expect(cards).to_have_text(["Wednesday 30 December 2026, 09:00 to 12:00",
                                    "Thursday 31 December 2026, 09:00 to 12:00", "Monday 4 January 2027, 09:00 to 12:00"])
        expect(page.locator("#ruled-out")).to_contain_text("1 day ruled out: a bank holiday (Christmas Day)")
        expect(page.locator("#ruled-out")).to_contain_text("the mediator is on leave")
        assert_accessible_at_each_width(page, "find-a-time")

        page.get_by_role("button", name="Book Wednesday 30 December 2026 at 09:00").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text(
            "The meeting is booked for Wednesday 30 December 2026 at 09:00. The invitations have gone to everyone.")
        meeting = Meeting.objects.get(case=case, status="scheduled")
        assert set(Booking.objects.filter(meeting=meeting).values_list("room__name", "interpreter__name")) == {
            (None, "Bilal Ahmed"), ("Small meeting room", None)}

        page.get_by_label("The local authority").check()
        page.get_by_label("Reason for cancelling the meeting").fill("The LA's officer cannot come")
        page.get_by_role("button", name="Cancel the meeting").click()
        expect(page.get_by_role("heading", name="Find a time", exact=True)).to_be_visible()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("The meeting is cancelled")
        assert_accessible_at_each_width(page, "find-a-time-after-cancelling")
    assert Booking.objects.filter(meeting=meeting, released_at__isnull=True).count() == 0
