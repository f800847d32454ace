"""From their case page a family say whether the meeting time suits them, or ask to change it with a reason;
an ask to change is a work-queue item until staff mark it dealt with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client

from senmediation.cases.models import Party
from senmediation.meetings.services import meeting_schedule
from senmediation.portal.models import MeetingReply
from senmediation.portal.services.links import party_link_create

from .helpers import preparing_case

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
STARTS = dt.datetime(2026, 12, 14, 10, 0, tzinfo=dt.UTC)  # Monday 14 December, 10am in London


@pytest.fixture(autouse=True)
def _pinned_clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def booked(coordinator, mediator):  # type: ignore[no-untyped-def]
    case = preparing_case(by=coordinator, mediator=mediator)
    meeting_schedule(case=case, starts_at=STARTS, venue=None, by=coordinator)
    parent = case.parties.get(role=Party.Role.PARENT)
    _, path = party_link_create(party=parent, purpose="case", by=coordinator)
    return case, parent, path


def test_the_case_page_asks_and_the_family_say_the_time_suits_them(client: Client, booked) -> None:  # type: ignore[no-untyped-def]
    case, parent, path = booked
    html = client.get(path).content.decode()
    assert "Please tell us if you can come at this time, or if you need a different one." in html
    assert f'href="{path}meeting/" role="button"' in html
    form = client.get(f"{path}meeting/").content.decode()
    assert "<title>Can you come to the meeting?" in form
    assert "Monday 14 December 2026 at 10:00 a.m." in form
    response = client.post(f"{path}meeting/", {"suits": "yes"})
    assert response.status_code == 302 and response["Location"] == f"{path}#meeting-reply"
    reply = MeetingReply.objects.get()
    assert (reply.party_id, reply.suits, reply.meeting_starts_at, reply.reason) == (parent.pk, True, STARTS, "")
    assert "You told us on 1 December 2026 that this time suits you. Thank you." in client.get(path).content.decode()
    assert case.events.filter(summary__contains="say the meeting on 14 December 2026 at 10:00 suits them").exists()


def test_asking_to_change_needs_a_reason_beside_the_box(client: Client, booked) -> None:  # type: ignore[no-untyped-def]
    _, _, path = booked
    response = client.post(f"{path}meeting/", {"suits": "no", "reason": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: Can you come to the meeting?" in html
    assert ('<a href="#id_reason">Tell us why this time does not suit you and which days or times would be better</a>'
            in html)
    assert not MeetingReply.objects.exists()
    response = client.post(f"{path}meeting/", {})
    assert '<a href="#id_suits_0">Select yes if you can come at this time</a>' in response.content.decode()


def test_an_ask_to_change_waits_in_the_work_queue_until_dealt_with(client: Client, booked, coordinator_client: Client) -> None:  # type: ignore[no-untyped-def]
    case, parent, path = booked
    client.post(f"{path}meeting/", {"suits": "no", "reason": "I work on Mondays. Any Thursday would suit us."})
    assert "You asked us on 1 December 2026 to change this time. We will contact you about a new time." in (
        client.get(path).content.decode())
    home = coordinator_client.get("/staff/").content.decode()
    assert "families asking to change the meeting time" in home
    page = coordinator_client.get("/staff/queue/time-changes/").content.decode()
    assert f"Find a new time with {parent.name}" in page
    assert "Booked for Mon 14 Dec 2026 at 10:00. They said: I work on Mondays. Any Thursday would suit us." in page
    reply = MeetingReply.objects.get()
    response = coordinator_client.post(f"/staff/queue/time-changes/{reply.pk}/done/",
                                       {"next": "/staff/queue/time-changes/"})
    assert response.status_code == 302 and response["Location"] == "/staff/queue/time-changes/"
    assert "No family is waiting for a new meeting time." in coordinator_client.get(
        "/staff/queue/time-changes/").content.decode()
    assert "We looked at your request on 1 December 2026." in client.get(path).content.decode()


def test_no_meeting_no_question(client: Client, coordinator, mediator) -> None:  # type: ignore[no-untyped-def]
    case = preparing_case(by=coordinator, mediator=mediator)
    _, path = party_link_create(party=case.parties.get(role=Party.Role.PARENT), purpose="case", by=coordinator)
    assert "Tell us if this time suits you" not in client.get(path).content.decode()
    assert client.get(f"{path}meeting/").status_code == 404
