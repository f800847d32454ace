import datetime as dt

import pytest
from django.test import Client

from senmediation.cases.services.details import case_mediator_assign
from testsupport.fixtures import client_for
from testsupport.queries import PAGE_QUERY_BUDGET, page_queries

from .factories import case_make

pytestmark = pytest.mark.django_db
QUERY_BUDGET = PAGE_QUERY_BUDGET


def count_queries(client: Client, url: str) -> tuple[int, int]:
    response, queries = page_queries(client, url)
    return response.status_code, len(queries)


def test_a_full_deadline_list_says_there_may_be_more(coordinator, mediator, monkeypatch) -> None:
    from senmediation.cases import selectors

    for _ in range(2):  # their first call back long overdue
        case_mediator_assign(case=case_make(by=coordinator, today=dt.date(2025, 1, 6)), mediator=mediator,
                             by=coordinator)
    listed = selectors.deadlines_due_for
    monkeypatch.setattr(selectors, "deadlines_due_for", lambda **kwargs: listed(**kwargs, limit=1))
    html = client_for(mediator).get("/staff/").content.decode()
    assert '1+</span>overdue' in html
    assert '0</span>due today' in html


def test_case_list_filters_and_searches(coordinator_client, coordinator) -> None:
    case_make(by=coordinator, child_last_name="Okonjo")
    case_make(by=coordinator, child_last_name="Smith", case_type="disagreement_resolution")
    html = coordinator_client.get("/staff/cases/?q=okon").content.decode()
    assert "Okonjo" in html and "Smith" not in html
    html = coordinator_client.get("/staff/cases/?case_type=disagreement_resolution").content.decode()
    assert "Smith" in html and "Okonjo" not in html
    html = coordinator_client.get("/staff/cases/?q=med-2026-00001").content.decode()
    assert "Okonjo" in html
    assert coordinator_client.get("/staff/cases/?page=abc").status_code == 200
    response = coordinator_client.get("/staff/cases/?opened_from=not-a-date")
    assert response.status_code == 400 and "Enter a real date" in response.content.decode()


# Each staff page's own queries (session and user included), whatever the number of cases.
# ("smi" matches none of these cases: a search reads its matches once and then has no rows to read.)
PAGE_QUERIES = {
    "dashboard": 7, "case list": 6, "case page": 15, "by next deadline": 6, "surname search": 5,
    "reference search": 6, "filtered by state": 6, "filtered by LA and state": 7,
}


def test_query_counts_stay_flat_as_cases_grow(coordinator_client, coordinator, mediator) -> None:
    for _ in range(3):
        case_make(by=coordinator)
    case = case_make(by=coordinator)
    case_mediator_assign(case=case, mediator=mediator, by=coordinator)
    urls = {
        "dashboard": "/staff/", "case list": "/staff/cases/", "case page": f"/staff/cases/{case.reference}/",
        "by next deadline": "/staff/cases/?sort=due", "surname search": "/staff/cases/?q=smi",
        "reference search": f"/staff/cases/?q={case.reference.lower()}", "filtered by state": "/staff/cases/?state=enquiry",
        "filtered by LA and state": f"/staff/cases/?local_authority={case.local_authority_id}&state=enquiry",
    }
    coordinator_client.get("/staff/")  # the first request of a session also writes the session
    coordinator_client.get("/staff/cases/")  # and the first list page reads the filter's options for a minute
    before = {name: count_queries(coordinator_client, url) for name, url in urls.items()}
    for _ in range(12):
        case_make(by=coordinator)
    after = {name: count_queries(coordinator_client, url) for name, url in urls.items()}
    assert {name: status for name, (status, _) in after.items()} == dict.fromkeys(urls, 200)
    assert {name: n for name, (_, n) in before.items()} == PAGE_QUERIES
    assert {name: n for name, (_, n) in after.items()} == PAGE_QUERIES
    assert max(PAGE_QUERIES.values()) <= QUERY_BUDGET


def test_case_page_shows_deadlines_with_citations_and_only_allowed_steps(coordinator_client, coordinator) -> None:
    case = case_make(by=coordinator)
    html = coordinator_client.get(f"/staff/cases/{case.reference}/").content.decode()
    assert "reg 33" in html  # contact the adviser
    assert "Record that information was given" in html
    assert "Record that the meeting took place" not in html


def test_coordinator_moves_a_case_on_and_a_forbidden_step_gets_a_message(coordinator_client, coordinator) -> None:
    case = case_make(by=coordinator)
    url = f"/staff/cases/{case.reference}/transition/"
    response = coordinator_client.post(url, {"action": "give_information"}, follow=True)
    assert "Information given" in response.content.decode() or "information" in response.content.decode().lower()
    case.refresh_from_db()
    assert case.state == "information_given"
    response = coordinator_client.post(url, {"action": "hold_meeting"}, follow=True)
    assert "cannot take the step" in response.content.decode()
    response = coordinator_client.post(url, {"action": "nonsense"}, follow=True)
    assert response.status_code == 200 and "no action called" in response.content.decode()


def test_a_mediator_sees_only_their_own_cases(coordinator, mediator, other_mediator) -> None:
    mine = case_make(by=coordinator)
    theirs = case_make(by=coordinator)
    case_mediator_assign(case=mine, mediator=mediator, by=coordinator)
    case_mediator_assign(case=theirs, mediator=other_mediator, by=coordinator)
    client = client_for(mediator)
    assert client.get(f"/staff/cases/{mine.reference}/").status_code == 200
    assert client.get(f"/staff/cases/{theirs.reference}/").status_code == 404
    assert client.post(f"/staff/cases/{theirs.reference}/transition/", {"action": "withdraw"}).status_code == 404
    listing = client.get("/staff/cases/").content.decode()
    assert mine.reference in listing and theirs.reference not in listing


def test_commissioners_and_administrators_cannot_open_case_work(commissioner, administrator, coordinator) -> None:
    case = case_make(by=coordinator)
    for user in (commissioner, administrator):
        client = client_for(user)
        assert client.get("/staff/").status_code == 200
        assert client.get("/staff/cases/").status_code == 403
        assert client.get(f"/staff/cases/{case.reference}/").status_code == 403


def test_schedule_meeting_validates_and_moves_the_case(coordinator_client, coordinator, mediator) -> None:
    from senmediation.cases.services.transitions import case_transition
    from senmediation.core import clock
    from senmediation.directory.models import Venue

    today = clock.today()
    case = case_make(by=coordinator, today=today, decision_notice_date=today - dt.timedelta(days=10))
    for action in ("give_information", "request_mediation", "notify_la"):
        case_transition(case=case, action=action, by=coordinator)
    case_mediator_assign(case=case, mediator=mediator, by=coordinator)
    case_transition(case=case, action="start_preparation", by=coordinator)
    url = f"/staff/cases/{case.reference}/meeting/"
    response = coordinator_client.post(url, {"day_0": "31", "day_1": "2", "day_2": "2026", "time": "25:00"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "must be a real date" in html and "Enter a time like 10:00" in html
    venue = Venue.objects.first()
    tomorrow = today + dt.timedelta(days=1)
    response = coordinator_client.post(url, {"day_0": tomorrow.day, "day_1": tomorrow.month, "day_2": tomorrow.year,
                                             "time": "10:00", "venue": venue.pk})
    assert response.status_code == 400
    assert "5 working days' notice" in response.content.decode()
    late = today + dt.timedelta(days=40)
    response = coordinator_client.post(url, {"day_0": late.day, "day_1": late.month, "day_2": late.year,
                                             "time": "10:00", "venue": venue.pk})
    assert response.status_code == 400
    assert "after the 30-day deadline" in response.content.decode()
    day = today + dt.timedelta(days=14)
    response = coordinator_client.post(
        url, {"day_0": day.day, "day_1": day.month, "day_2": day.year, "time": "10:00", "venue": venue.pk}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "scheduled"


def test_a_deadline_on_a_bank_holiday_or_a_weekend_is_flagged_on_the_case_page_and_dashboard(
    coordinator, time_machine
) -> None:
    from senmediation.cases.services.deadlines import clocks_apply

    time_machine.move_to(dt.datetime(2026, 12, 22, 9, 0, tzinfo=dt.UTC))
    case = case_make(by=coordinator, today=dt.date(2026, 12, 18))
    case.deadlines.filter(clock="first_call_back").update(due_date=dt.date(2026, 12, 25))
    case.deadlines.filter(clock="contact_adviser").update(due_date=dt.date(2026, 12, 19))  # a Saturday
    clocks_apply(case=case, on=dt.date(2026, 12, 22), today=dt.date(2026, 12, 22))
    page = client_for(coordinator).get(f"/staff/cases/{case.reference}/").content.decode()
    assert "25 December is a bank holiday (Christmas Day)" in page
    assert "19 December is a Saturday" in page
    queue = client_for(coordinator).get("/staff/").content.decode()
    assert "25 December is a bank holiday (Christmas Day)" in queue  # our first call back
    assert "19 December is a Saturday" not in queue  # the family's own clock is never staff work


def _visible_text(html: str) -> str:
    import re

    body = re.sub(r"(?s)<(script|style|select)\b.*?</\1>", " ", html)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def test_stored_codes_are_shown_as_their_labels_on_the_case_page_and_a_party_page(coordinator) -> None:
    from senmediation.cases.models import Party
    from senmediation.cases.services.opening import PartyInput

    case = case_make(by=coordinator, elements=["education", "social_care"], parties=[PartyInput(
        role=Party.Role.PARENT, name="Ravi Patel", email="ravi@example.com", preferred_contact=["email", "text"],
        is_main_contact=True, adjustments=["breaks", "large_print", "phone_not_email"])])
    party = case.parties.get()
    page = _visible_text(client_for(coordinator).get(f"/staff/cases/{case.reference}/").content.decode())
    assert "Adjustments Extra breaks, Large print, Phone calls instead of e-mail" in page
    assert "Prefers Email, Text message" in page
    assert "Parts of the plan: Education, Social care" in page
    party_page = _visible_text(
        client_for(coordinator).get(f"/staff/cases/{case.reference}/people/{party.pk}/").content.decode())
    assert "Extra breaks" in party_page
    for text in (page, party_page):
        for code in ("large_print", "phone_not_email", "social_care", "socialcare", "sen_mediation", "la_notified"):
            assert code not in text
        assert text.count("breaks") == text.count("Extra breaks")


def test_the_next_step_is_the_primary_button_and_ending_the_case_is_a_warning_kept_apart(coordinator) -> None:
    import re

    case = case_make(by=coordinator)
    html = client_for(coordinator).get(f"/staff/cases/{case.reference}/").content.decode()
    found = re.findall(r'<button type="submit" class="([^"]+)"[^>]*>([^<]+)<', html)
    buttons = {label.strip(): cls for cls, label in found}
    assert buttons["Record that information was given"] == "govuk-button govuk-!-margin-bottom-1"
    assert buttons["Close: signposted elsewhere"] == "govuk-button govuk-button--warning govuk-!-margin-bottom-1"
    assert buttons["Withdraw the case"] == "govuk-button govuk-button--warning govuk-!-margin-bottom-1"
    steps, ending = html.split('<h3 class="govuk-heading-s" id="end-the-case">End the case</h3>')
    assert ">Withdraw the case</button>" not in steps and ">Withdraw the case</button>" in ending


def test_a_step_that_ends_the_case_asks_for_confirmation_first(coordinator) -> None:
    case = case_make(by=coordinator)
    url = f"/staff/cases/{case.reference}/transition/"
    response = client_for(coordinator).post(url, {"action": "withdraw"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Are you sure you want to withdraw the case?" in html
    assert 'name="confirmed" value="yes"' in html
    case.refresh_from_db()
    assert case.state == "enquiry"
    client_for(coordinator).post(url, {"action": "withdraw", "confirmed": "yes", "note": "The family moved away"})
    case.refresh_from_db()
    assert case.state == "withdrawn" and case.closure_reason == "The family moved away"
    # A step that does not end the case needs no confirmation.
    other = case_make(by=coordinator, child_first_name="Ava")
    client_for(coordinator).post(f"/staff/cases/{other.reference}/transition/", {"action": "give_information"})
    other.refresh_from_db()
    assert other.state == "information_given"


def _case_work_links(html: str) -> list[str]:
    import re

    nav = html.split('aria-label="Case work"')[1].split("</nav>")[0]
    return [text.strip() for text in re.findall(r"<a [^>]*>([^<]+)</a>", nav)]


def test_the_side_navigation_shows_the_sections_that_apply_now(coordinator, mediator, manager) -> None:
    from senmediation.cases.services.transitions import case_transition

    case = case_make(by=coordinator)
    page = client_for(coordinator).get(f"/staff/cases/{case.reference}/").content.decode()
    assert _case_work_links(page) == ["Contacts", "Advice and decision", "Change the issues",
                                      "Certificates and documents", "Secure links for the parties"]
    client_for(coordinator).post(f"/staff/cases/{case.reference}/advice/", {"understood": "yes",
                                                                            "decision": "mediation"})
    case_transition(case=case, action="notify_la", by=coordinator, today=dt.date(2026, 11, 24))
    page = client_for(coordinator).get(f"/staff/cases/{case.reference}/").content.decode()
    # Advice is done but holds a record, so it stays; preparing for the meeting comes in.
    assert _case_work_links(page) == ["Contacts", "Advice and decision", "Change the issues", "The child's views",
                                      "Summaries before the meeting", "Certificates and documents",
                                      "Choose a mediator", "Secure links for the parties"]
