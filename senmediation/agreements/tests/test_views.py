"""The staff pages: who may use them, hints and errors on the builder, read-only when a case has ended."""

import datetime as dt

import pytest

from senmediation.cases.services.transitions import case_transition
from testsupport.fixtures import client_for

from .helpers import MEETING_AT, case_at_meeting

pytestmark = pytest.mark.django_db
PAGES = ["meeting/", "", "finalise/", "follow-up/"]


@pytest.fixture
def case(coordinator, mediator, time_machine):
    time_machine.move_to(MEETING_AT, tick=False)
    return case_at_meeting(coordinator=coordinator, mediator=mediator)


def url(case, page=""):
    return f"/staff/cases/{case.reference}/agreement/{page}"


def test_case_workers_see_the_pages_and_others_do_not(case, coordinator_client, mediator_client, other_mediator,
                                                     commissioner, client) -> None:
    for page in PAGES:
        assert coordinator_client.get(url(case, page)).status_code == 200, page
        assert mediator_client.get(url(case, page)).status_code == 200, page
        assert client_for(other_mediator).get(url(case, page)).status_code == 404, page
        assert client_for(commissioner).get(url(case, page)).status_code == 403, page
        assert client.get(url(case, page)).status_code == 302, page
    html = coordinator_client.get(url(case, "meeting/")).content.decode()
    assert "<h1 class=\"govuk-heading-l\">The meeting</h1>" in html and "Start the meeting" in html


def test_builder_shows_errors_for_blocking_findings_and_hints_for_vague_words(case, mediator_client) -> None:
    parent = case.parties.get(role="parent")
    response = mediator_client.post(url(case), {"agreed": "yes", "owner": "", "action": "Send the report",
                                                "due_0": "", "due_1": "", "due_2": "", "measure": ""})
    html = response.content.decode()
    assert response.status_code == 400 and "<title>Error:" in html
    assert 'href="#id_owner"' in html and "Say who will do this" in html and "Say how everyone will know" in html
    response = mediator_client.post(url(case), {
        "agreed": "yes", "owner": parent.pk, "action": "Try to send the report", "due_0": "8", "due_1": "1",
        "due_2": "2027", "measure": "The school has it"}, follow=True)
    html = response.content.decode()
    assert "Item 1 added" in html
    assert "&quot;try to&quot; can mean different things to different people" in html


def test_meeting_page_records_people_rules_sessions_and_outcomes(case, mediator_client) -> None:
    parent = case.parties.get(role="parent")
    response = mediator_client.post(url(case, "meeting/attendance/"), {"att-party": parent.pk, "att-role": "parent"})
    assert response.status_code == 302
    response = mediator_client.post(url(case, "meeting/attendance/"), {"att-name": "Sam", "att-role": "child"})
    assert response.status_code == 400 and "parent and the mediator" in response.content.decode()
    mediator_client.post(url(case, "meeting/ground-rules/"),
                         {"gr-rules": ["confidentiality", "respect", "listening", "impartiality"]})
    mediator_client.post(url(case, "meeting/session/start/"))
    case.refresh_from_db()
    assert case.state == "held"
    response = mediator_client.post(url(case, "meeting/session/end/"), {})
    assert response.status_code == 400 and "Choose whether the meeting finished" in response.content.decode()
    mediator_client.post(url(case, "meeting/session/end/"), {"end-how": "ended"})
    issue = case.issues.get()
    mediator_client.post(url(case, "meeting/issues/"), {f"io-issue_{issue.pk}": "agreed"})
    issue.refresh_from_db()
    assert issue.outcome == "agreed"
    html = mediator_client.get(url(case, "meeting/")).content.decode()
    assert "Ravi Patel" in html and "Confirmed" in html


def test_a_withdrawn_case_is_read_only(case, coordinator, coordinator_client) -> None:
    case_transition(case=case, action="withdraw", by=coordinator, today=dt.date(2026, 12, 15))
    html = coordinator_client.get(url(case)).content.decode()
    assert "read-only" in html and "Add the item" not in html
    response = coordinator_client.post(url(case), {"action": "x"}, follow=True)
    assert "nothing on it can change" in response.content.decode()


def test_the_meeting_page_does_not_offer_to_start_a_meeting_before_its_day(case, mediator_client, manager,
                                                                           time_machine) -> None:
    import datetime as dt


    time_machine.move_to(dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC), tick=False)
    page = mediator_client.get(url(case, "meeting/")).content.decode()
    assert "The meeting is booked for Tuesday 15 December 2026. It cannot start before that day: if everyone " \
           "really is meeting early, ask a manager." in page
    assert "Start the meeting" not in page
    response = mediator_client.post(url(case, "meeting/session/start/"), follow=True)
    assert "so it cannot start (or be recorded as held) before that day" in response.content.decode()
    case.refresh_from_db()
    assert case.state == "scheduled"
    boss = client_for(manager)
    assert "Start the meeting early" in boss.get(url(case, "meeting/")).content.decode()
    boss.post(url(case, "meeting/session/start/"), {"early_reason": "Everyone asked to meet sooner"})
    case.refresh_from_db()
    assert case.state == "held"
