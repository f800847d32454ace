"""A mediator's diary: their open cases soonest meeting or deadline first (none last), paged, finished cases
apart, nobody else's cases, and a fixed number of queries; the same for a coordinator's cases."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from senmediation.cases.models import Case
from senmediation.cases.selectors import PAGE_SIZE
from senmediation.cases.tests.factories import case_make
from senmediation.meetings.diary import DiaryOf, diary_cases_for, diary_page
from senmediation.meetings.models import Meeting
from senmediation.meetings.services import case_next_meeting_refresh
from testsupport.queries import page_queries

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)


def _case(by: object, mediator: object, name: str, *, due: dt.date | None, state: str = "preparing",
          closed_on: dt.date | None = None) -> Case:
    case = case_make(by=by, child_last_name=name)
    # The columns the deadline engine and the workflow keep, set directly: this test is about the order
    # (test_next_meeting.py checks that the services keep the next meeting).
    Case.objects.filter(pk=case.pk).update(mediator=mediator, next_due_date=due, state=state, closed_on=closed_on)
    case.refresh_from_db()
    return case


def _meeting(case: Case, starts_at: dt.datetime, status: str = Meeting.Status.SCHEDULED) -> None:
    Meeting.objects.create(case=case, starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=3), status=status)
    case_next_meeting_refresh(case)


@pytest.fixture
def diary(coordinator, mediator, other_mediator) -> dict[str, Case]:  # type: ignore[no-untyped-def]
    made = {
        "meeting soon": _case(coordinator, mediator, "Adams", due=dt.date(2026, 12, 20)),
        "deadline soon": _case(coordinator, mediator, "Brown", due=dt.date(2026, 12, 12)),
        "deadline": _case(coordinator, mediator, "Clarke", due=dt.date(2026, 12, 15)),
        "meeting only": _case(coordinator, mediator, "Davies", due=None),
        "not recorded": _case(coordinator, mediator, "Evans", due=None),
        "overdue": _case(coordinator, mediator, "Fisher", due=dt.date(2026, 11, 2)),
        "closed": _case(coordinator, mediator, "Green", due=None, state="closed", closed_on=dt.date(2024, 3, 1)),
        "withdrawn": _case(coordinator, mediator, "Hughes", due=None, state="withdrawn",
                           closed_on=dt.date(2025, 6, 1)),
        "someone else's": _case(coordinator, other_mediator, "Iqbal", due=dt.date(2026, 12, 2)),
        "nothing": _case(coordinator, mediator, "Jones", due=None),
    }
    _meeting(made["meeting soon"], dt.datetime(2026, 12, 10, 10, tzinfo=dt.UTC))
    _meeting(made["meeting soon"], dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC), Meeting.Status.CANCELLED)
    _meeting(made["deadline soon"], dt.datetime(2027, 1, 5, 10, tzinfo=dt.UTC))
    _meeting(made["meeting only"], dt.datetime(2026, 12, 30, 10, tzinfo=dt.UTC))
    _meeting(made["nothing"], dt.datetime(2026, 11, 10, 10, tzinfo=dt.UTC), Meeting.Status.HELD)
    # Its day has passed and nobody recorded it as held or cancelled: still the next thing to deal with.
    _meeting(made["not recorded"], dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC))
    return made


def test_open_cases_soonest_meeting_or_deadline_first_and_none_last(mediator, diary) -> None:  # type: ignore[no-untyped-def]
    rows = [(c.child_last_name, c.next_date, c.next_meeting_at) for c in diary_cases_for(user=mediator)]
    assert rows == [
        ("Fisher", dt.date(2026, 11, 2), None),
        ("Evans", dt.date(2026, 11, 20), dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)),
        ("Adams", dt.date(2026, 12, 10), dt.datetime(2026, 12, 10, 10, tzinfo=dt.UTC)),
        ("Brown", dt.date(2026, 12, 12), dt.datetime(2027, 1, 5, 10, tzinfo=dt.UTC)),
        ("Clarke", dt.date(2026, 12, 15), None),
        ("Davies", dt.date(2026, 12, 30), dt.datetime(2026, 12, 30, 10, tzinfo=dt.UTC)),
        ("Jones", None, None),
    ]
    page = diary_page(user=mediator, now=NOW)
    assert [(r.case.child_last_name, r.meeting_passed) for r in page.items][:3] == [
        ("Fisher", False), ("Evans", True), ("Adams", False)]


def test_finished_cases_are_apart_most_recently_finished_first(mediator, diary, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(2):  # rows and count; no clocks to read for finished cases
        page = diary_page(user=mediator, now=NOW, finished=True)
    assert [(r.case.child_last_name, r.case.closed_on) for r in page.items] == [
        ("Hughes", dt.date(2025, 6, 1)), ("Green", dt.date(2024, 3, 1))]
    assert page.total == 2


def test_a_coordinator_who_mediates_nothing_has_an_empty_diary(coordinator, diary) -> None:  # type: ignore[no-untyped-def]
    assert list(diary_cases_for(user=coordinator)) == []


def test_the_diary_is_paged_with_no_silent_cap(coordinator, mediator, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    for n in range(PAGE_SIZE + 1):
        _case(coordinator, mediator, f"Case{n:02d}", due=dt.date(2026, 12, 1) + dt.timedelta(days=n))
    with django_assert_num_queries(3):  # rows, count, the page's clocks
        first = diary_page(user=mediator, now=NOW, number=1)
    second = diary_page(user=mediator, now=NOW, number=2)
    assert (len(first.items), first.has_next, first.total, first.total_is_capped) == (PAGE_SIZE, True, 51, False)
    assert [r.case.child_last_name for r in first.items][:2] == ["Case00", "Case01"]
    assert [r.case.child_last_name for r in second.items] == [f"Case{PAGE_SIZE:02d}"]
    assert (second.has_next, second.has_previous, second.start_index, second.end_index) == (False, True, 51, 51)


def test_the_page_shows_the_next_meeting_and_deadline_with_a_fixed_number_of_queries(
        coordinator, mediator, mediator_client) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False):
        case = case_make(by=coordinator, child_last_name="Walkerton")
        Case.objects.filter(pk=case.pk).update(mediator=mediator)
        _meeting(case, dt.datetime(2026, 12, 10, 10, tzinfo=dt.UTC))
        mediator_client.get("/staff/")  # the session's first request writes the session
        response, before = page_queries(mediator_client, "/staff/my-cases/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "1 case;" in html and case.reference in html and "10 Dec 2026, 10:00" in html
        deadline = case.deadlines.filter(met_on=None, stopped_on=None).exclude(clock="tribunal_appeal").order_by(
            "due_date").first()
        assert deadline is not None and f"{deadline.get_clock_display()}, {deadline.due_date:%-d %b %Y}" in html
        for n in range(6):
            extra = case_make(by=coordinator, child_last_name=f"More{n}")
            Case.objects.filter(pk=extra.pk).update(mediator=mediator)
            _meeting(extra, dt.datetime(2026, 12, 11 + n, 10, tzinfo=dt.UTC))
        response, after = page_queries(mediator_client, "/staff/my-cases/")
        assert "7 cases;" in response.content.decode()
        finished, finished_queries = page_queries(mediator_client, "/staff/my-cases/?show=finished")
        assert "None of your cases has finished yet." in finished.content.decode()
    # Session, user and roles, then rows, count and the page's clocks (finished cases: no clocks).
    assert (len(before), len(after), len(finished_queries)) == (7, 7, 6)


def _coordinated(by: object, coordinator: object, name: str, *, due: dt.date | None, state: str = "preparing",
                 closed_on: dt.date | None = None) -> Case:
    case = _case(by, None, name, due=due, state=state, closed_on=closed_on)
    Case.objects.filter(pk=case.pk).update(coordinator=coordinator)
    return case


def test_a_coordinator_sees_the_cases_they_look_after_in_the_same_order(coordinator, manager, mediator) -> None:  # type: ignore[no-untyped-def]
    later = _coordinated(coordinator, coordinator, "Khan", due=dt.date(2026, 12, 20))
    _meeting(later, dt.datetime(2026, 12, 4, 10, tzinfo=dt.UTC))
    _coordinated(coordinator, coordinator, "Lewis", due=dt.date(2026, 12, 8))
    _coordinated(coordinator, coordinator, "Murphy", due=None)
    _coordinated(coordinator, coordinator, "Nowak", due=None, state="closed", closed_on=dt.date(2026, 5, 1))
    _coordinated(coordinator, manager, "Owen", due=dt.date(2026, 12, 1))
    _case(coordinator, mediator, "Patel", due=dt.date(2026, 12, 2))  # mediated, nobody's as coordinator
    assert [(c.child_last_name, c.next_date) for c in diary_cases_for(user=coordinator, of=DiaryOf.COORDINATOR)] == [
        ("Khan", dt.date(2026, 12, 4)), ("Lewis", dt.date(2026, 12, 8)), ("Murphy", None)]
    finished = diary_page(user=coordinator, now=NOW, of=DiaryOf.COORDINATOR, finished=True)
    assert [r.case.child_last_name for r in finished.items] == ["Nowak"]
    assert [c.child_last_name for c in diary_cases_for(user=manager, of=DiaryOf.COORDINATOR)] == ["Owen"]
    assert list(diary_cases_for(user=mediator, of=DiaryOf.COORDINATOR)) == []


def test_the_page_shows_a_coordinator_their_cases(coordinator, coordinator_client) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False):
        case = _coordinated(coordinator, coordinator, "Quinn", due=dt.date(2026, 12, 9))
        _coordinated(coordinator, coordinator, "Roberts", due=None, state="withdrawn", closed_on=dt.date(2026, 6, 2))
        coordinator_client.get("/staff/")
        response, queries = page_queries(coordinator_client, "/staff/my-cases/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "Cases you look after as coordinator that are still open" in html and "moj-sub-navigation" not in html
        assert "1 case;" in html and case.reference in html and "Quinn" in html and "Roberts" not in html
        finished = coordinator_client.get("/staff/my-cases/?show=finished").content.decode()
        assert "Cases you looked after as coordinator that are closed or withdrawn" in finished
        assert "Roberts" in finished and "Quinn" not in finished
        dashboard = coordinator_client.get("/staff/").content.decode()
        assert '<a class="govuk-link" href="/staff/my-cases/">Your cases</a>' in dashboard
    assert len(queries) == 7  # session, user and roles, then rows, count and the page's clocks


def test_someone_both_mediator_and_coordinator_has_a_tab_for_each(coordinator, mediator) -> None:  # type: ignore[no-untyped-def]
    from senmediation.accounts.roles import Role, user_role_add
    from testsupport.fixtures import client_for

    user_role_add(user=mediator, role=Role.COORDINATOR)
    _case(coordinator, mediator, "Singh", due=dt.date(2026, 12, 9))
    _coordinated(coordinator, mediator, "Taylor", due=dt.date(2026, 12, 10))
    client = client_for(mediator)
    with time_machine.travel(NOW, tick=False):
        as_mediator = client.get("/staff/my-cases/").content.decode()
        as_coordinator = client.get("/staff/my-cases/?as=coordinator").content.decode()
        finished = client.get("/staff/my-cases/?as=coordinator&show=finished").content.decode()
        unknown = client.get("/staff/my-cases/?as=nobody")
    assert '<a class="moj-sub-navigation__link" href="/staff/my-cases/" aria-current="page">As mediator</a>' in as_mediator
    assert '<a class="moj-sub-navigation__link" href="/staff/my-cases/?as=coordinator">As coordinator</a>' in as_mediator
    assert "Singh" in as_mediator and "Taylor" not in as_mediator
    assert "<title>My cases as coordinator" in as_coordinator
    assert 'href="/staff/my-cases/?as=coordinator" aria-current="page">As coordinator</a>' in as_coordinator
    assert "Taylor" in as_coordinator and "Singh" not in as_coordinator
    assert 'href="/staff/my-cases/?as=coordinator&amp;show=finished" aria-current="page">As coordinator' in finished
    assert "None of your cases has finished yet." in finished
    assert unknown.status_code == 200 and "Singh" in unknown.content.decode()
