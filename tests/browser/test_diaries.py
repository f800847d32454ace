"""The issue's Done-when, in a real browser: a coordinator books a proposed slot and sees it in the mediator's
diary and in the mediator's calendar feed (fetched and parsed as iCalendar). Then the mediator's own pages: their
diary, their time and calendar page, recording leave (with an error beside the field first) and making a feed
address. 0 axe violations, no sideways scrolling and screenshots at 1280 and 390 px wide on each."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from icalendar import Calendar
from playwright.sync_api import expect

from senmediation.diaries.services import feed_create
from senmediation.meetings.models import Meeting
from testsupport.browser import assert_accessible_at_each_width, sign_in
from testsupport.fixtures import TEST_PASSWORD

from .test_find_a_time import _case_over_christmas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LONDON = ZoneInfo("Europe/London")


def test_a_booked_proposal_is_in_the_mediators_diary_and_calendar_feed(page) -> None:
    with time_machine.travel(dt.datetime(2026, 12, 10, 10, tzinfo=dt.UTC), tick=True):
        case = _case_over_christmas()
        mediator = case.mediator
        # The mediator subscribed to their diary earlier: their calendar program holds this address.
        feed_url = f"/calendar/{feed_create(user=mediator)}.ics"
        assert Calendar.from_ical(page.request.get(feed_url).body()).walk("VEVENT") == []

        sign_in(page, "coord", TEST_PASSWORD)
        page.goto(f"/staff/cases/{case.reference}/")
        page.get_by_role("link", name="Find a time", exact=True).click()
        page.get_by_role("button", name="Book Wednesday 30 December 2026 at 09:00").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text(
            "The meeting is booked for Wednesday 30 December 2026 at 09:00.")
        meeting = Meeting.objects.get(case=case, status=Meeting.Status.SCHEDULED)

        page.get_by_role("link", name="Diaries", exact=True).click()
        expect(page.get_by_role("heading", name="Diaries", exact=True)).to_be_visible()
        assert_accessible_at_each_width(page, "diaries-index")
        page.get_by_role("link", name="Amara Okafor", exact=True).click()
        expect(page.get_by_role("heading", name="Amara Okafor", level=1)).to_be_visible()
        expect(page.get_by_role("heading", name="Week of 7 December 2026", level=2)).to_be_visible()
        page.get_by_role("link", name="Month", exact=True).click()
        expect(page.get_by_role("heading", name="December 2026", level=2)).to_be_visible()
        day = page.locator(".govuk-summary-list__row", has_text="Wednesday 30 December")
        expect(day).to_contain_text(f"09:00 to 12:00: Meeting for {case.reference}")
        expect(day).to_contain_text("Small meeting room")
        expect(page.locator(".govuk-summary-list__row", has_text="Monday 14 December")).to_contain_text("On leave")
        expect(page.locator(".govuk-summary-list__row", has_text="Friday 25 December")).to_contain_text("Christmas Day")
        assert_accessible_at_each_width(page, "diary-mediator-month")

        # The mediator's calendar program fetches the same address again: the booked meeting is in it.
        answer = page.request.get(feed_url)
        assert answer.status == 200
        assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
        events = Calendar.from_ical(answer.body()).walk("VEVENT")
        assert len(events) == 1
        event = events[0]
        assert str(event["summary"]) == f"Mediation meeting ({case.reference})"
        assert event.decoded("dtstart") == meeting.starts_at
        assert event.decoded("dtstart").astimezone(LONDON).strftime("%Y-%m-%d %H:%M") == "2026-12-30 09:00"
        assert str(event["location"]).startswith("Small meeting room, ")
        assert b"Amira" not in answer.body() and b"Khan" not in answer.body()


def test_a_mediator_keeps_their_own_time_and_feed(page) -> None:
    with time_machine.travel(dt.datetime(2026, 12, 10, 10, tzinfo=dt.UTC), tick=True):
        _case_over_christmas()
        sign_in(page, "med1", TEST_PASSWORD)
        page.get_by_role("link", name="Diaries", exact=True).click()
        expect(page.get_by_role("heading", name="Your diary", level=1)).to_be_visible()
        expect(page.locator(".govuk-summary-list__row", has_text="Monday 7 December")).to_contain_text(
            "Available all day")
        assert_accessible_at_each_width(page, "diary-own-week")

        page.get_by_role("link", name="Record when you can work, your leave, and your calendar feed").click()
        expect(page.get_by_role("heading", name="Your time and calendar")).to_be_visible()
        expect(page.locator("main")).to_contain_text("14 December 2026 to 24 December 2026")
        assert_accessible_at_each_width(page, "diary-mine")

        page.get_by_role("link", name="Record leave").click()
        page.locator("#id_starts_on_0").fill("4")
        page.locator("#id_starts_on_1").fill("1")
        page.locator("#id_starts_on_2").fill("2027")
        page.locator("#id_ends_on_0").fill("1")
        page.locator("#id_ends_on_1").fill("1")
        page.locator("#id_ends_on_2").fill("2027")
        page.get_by_role("button", name="Save leave").click()
        expect(page).to_have_title(re.compile(r"^Error: Record leave – "))
        expect(page.locator("#id_ends_on-error")).to_have_text(
            "Error: The last day of leave must be the same as or after the first day")
        assert_accessible_at_each_width(page, "diary-leave-error")
        page.locator("#id_ends_on_0").fill("8")
        page.get_by_role("button", name="Save leave").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Your leave is recorded (5 days).")

        page.get_by_role("button", name="Make a calendar feed address").click()
        expect(page.get_by_role("heading", name="Your calendar feed address")).to_be_visible()
        address = page.locator("#feed-url").inner_text()
        assert "/calendar/" in address and address.endswith(".ics")
        assert_accessible_at_each_width(page, "diary-feed-shown-once")
        assert page.request.get(address).status == 200


def test_a_family_tick_their_days_and_ask_to_change_the_time_and_the_office_sees_it(page) -> None:
    from senmediation.cases.models import Party
    from senmediation.meetings.services import meeting_schedule
    from senmediation.portal.services.links import party_link_create

    with time_machine.travel(dt.datetime(2026, 12, 14, 9, tzinfo=dt.UTC), tick=True):
        case = _case_over_christmas()
        parent = case.parties.get(role=Party.Role.PARENT)
        _, path = party_link_create(party=parent, purpose="availability", by=case.coordinator or case.mediator)
        page.goto(f"{path}task/")
        expect(page.get_by_role("heading", name="When you can come")).to_be_visible()
        expect(page.locator("main")).to_contain_text("Your mediation meeting should take place by Saturday 9 January 2027.")
        page.get_by_label("Monday 4 January 2027").check()
        page.get_by_label("Wednesday 6 January 2027").check()
        assert_accessible_at_each_width(page, "family-availability")
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_role("heading", name="Thank you")).to_be_visible()

        meeting_schedule(case=case, starts_at=dt.datetime(2027, 1, 6, 10, tzinfo=LONDON), venue=None, by=case.mediator)
        page.goto(path)
        page.get_by_role("button", name="Tell us if this time suits you").click()
        expect(page.get_by_role("heading", name="Can you come to the meeting?")).to_be_visible()
        page.get_by_label("No, we need a different time").check()
        page.get_by_role("button", name="Send your answer").click()
        expect(page).to_have_title(re.compile(r"^Error: Can you come to the meeting\?"))
        assert_accessible_at_each_width(page, "family-meeting-reply-error")
        page.get_by_label("If not, tell us why and which days or times would suit you").fill(
            "My son has a hospital appointment that morning. Any afternoon that week is fine.")
        page.get_by_role("button", name="Send your answer").click()
        expect(page.locator("#meeting-reply")).to_contain_text("to change this time. We will contact you about a new time.")
        assert_accessible_at_each_width(page, "family-case-after-reply")

        page.context.clear_cookies()
        sign_in(page, "coord", TEST_PASSWORD)
        page.goto("/staff/queue/time-changes/")
        expect(page.locator("main")).to_contain_text("Find a new time with Amira Khan")
        expect(page.locator("main")).to_contain_text("They said: My son has a hospital appointment that morning.")
        assert_accessible_at_each_width(page, "queue-time-changes")
        page.get_by_role("button", name="Mark as dealt with").click()
        expect(page.locator("main")).to_contain_text("No family is waiting for a new meeting time.")
