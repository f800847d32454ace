"""GET /api/v1/cases: the changes list, its scope, its cursor, and a fixed number of queries a page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from senmediation.api import changes
from senmediation.api.models import IdempotentReferral, Organisation
from senmediation.cases.models import Case
from senmediation.cases.tests.factories import case_make
from senmediation.core import clock
from senmediation.directory.models import LocalAuthority

from .helpers import client_with, key_for, la_organisation

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)


def _changed(case: Case, at: dt.datetime) -> Case:
    Case.objects.filter(pk=case.pk).update(updated_at=at)
    return case


def _cases(count: int, *, gss_code: str = "E08000009", start: dt.datetime = NOW - dt.timedelta(hours=2)) -> list[Case]:
    la = LocalAuthority.objects.get(gss_code=gss_code)
    # Pairs share a moment, so the id has to break the tie.
    return [_changed(case_make(local_authority=la), start + dt.timedelta(minutes=index // 2)) for index in range(count)]


def _all_pages(organisation: Organisation, *, size: int, between: Any = None,
               since: dt.datetime | None = None) -> tuple[list[str], str]:
    seen: list[str] = []
    page = changes.cases_changed(organisation=organisation, since=since, cursor=None, size=size, now=NOW)
    while True:
        seen += [row["reference"] for row in page["cases"]]
        if between is not None:
            between(len(seen))
        if not page["has_more"]:
            return seen, page["next_cursor"]
        page = changes.cases_changed(organisation=organisation, since=None, cursor=page["next_cursor"], size=size,
                                     now=NOW)


def test_an_la_lists_its_own_cases_oldest_change_first_and_never_another_las(reference_data: None) -> None:
    trafford = _cases(5)
    stockport = _cases(2, gss_code="E08000007")
    seen, _ = _all_pages(la_organisation("E08000009"), size=2)
    assert seen == [case.reference for case in trafford]
    assert not set(seen) & {case.reference for case in stockport}


def test_a_partner_lists_only_the_cases_it_referred(reference_data: None) -> None:
    cases = _cases(3)
    partner = Organisation.objects.create(name="Trafford SENDIASS", kind=Organisation.Kind.IASS)
    IdempotentReferral.objects.create(organisation=partner, key_hash="a" * 64, case_reference=cases[1].reference)
    seen, _ = _all_pages(partner, size=50)
    assert seen == [cases[1].reference]


def test_paging_is_complete_and_stable_while_cases_change_between_pages(reference_data: None) -> None:
    cases = _cases(9)
    later = NOW - dt.timedelta(minutes=5)

    def meanwhile(read: int) -> None:
        if read == 3:  # after the first page: one case already sent and one not yet sent change
            _changed(cases[0], later)
            _changed(cases[6], later)

    seen, _ = _all_pages(la_organisation("E08000009"), size=3, between=meanwhile)
    references = [case.reference for case in cases]
    # Every case once in order, except that the two that changed come again, after the rest, by id.
    assert seen == references[:6] + references[7:] + [references[0], references[6]]


def test_the_cursor_carries_on_later_with_only_newer_changes_and_the_last_seconds_wait(reference_data: None) -> None:
    organisation = la_organisation("E08000009")
    cases = _cases(2)
    _, cursor = _all_pages(organisation, size=10)
    fresh = _changed(cases[0], NOW - dt.timedelta(seconds=3))  # inside the last 10 seconds: not yet
    page = changes.cases_changed(organisation=organisation, since=None, cursor=cursor, size=10, now=NOW)
    assert (page["cases"], page["next_cursor"], page["complete_until"]) == ([], cursor, NOW - dt.timedelta(seconds=10))
    page = changes.cases_changed(organisation=organisation, since=None, cursor=cursor, size=10,
                                 now=NOW + dt.timedelta(seconds=10))
    assert [row["reference"] for row in page["cases"]] == [fresh.reference]


def test_changed_since_is_at_or_after_the_moment(reference_data: None) -> None:
    cases = _cases(4)  # at start, start, start + 1 min, start + 1 min
    since = NOW - dt.timedelta(hours=2) + dt.timedelta(minutes=1)
    seen, _ = _all_pages(la_organisation("E08000009"), size=1, since=since)
    assert seen == [cases[2].reference, cases[3].reference]


def test_a_page_is_one_query_however_large(reference_data: None) -> None:
    organisation = la_organisation("E08000009")
    _cases(6)
    counts = []
    for size in (1, 6):
        with CaptureQueriesContext(connection) as queries:
            changes.cases_changed(organisation=organisation, since=None, cursor=None, size=size, now=NOW)
        counts.append(len(queries))
    assert counts == [1, 1]


def test_over_http_with_a_cursor_and_the_items_shape(reference_data: None) -> None:
    case = _changed(case_make(), clock.now() - dt.timedelta(minutes=1))
    _, token = key_for(la_organisation("E08000009"))
    response = client_with(token).get("/api/v1/cases", {"changed_since": "2026-01-01T00:00:00+01:00"})
    assert response.status_code == 200
    body = response.json()
    assert body["cases"] == [{
        "reference": case.reference, "case_type": "sen_mediation", "case_type_label": "SEN mediation",
        "state": case.state, "state_label": case.state_label, "opened_on": case.opened_on.isoformat(),
        "closed_on": None, "changed_at": body["cases"][0]["changed_at"], "local_authority": "E08000009",
    }]
    changed = Case.objects.get(pk=case.pk).updated_at
    # To the millisecond, as every date and time the API sends; the cursor keeps the exact moment.
    assert dt.datetime.fromisoformat(body["cases"][0]["changed_at"]) == changed.replace(
        microsecond=changed.microsecond // 1000 * 1000)
    assert body["has_more"] is False
    following = client_with(token).get("/api/v1/cases", {"cursor": body["next_cursor"]})
    assert following.json()["cases"] == []


@pytest.mark.parametrize("query", [
    {"changed_since": "2026-12-01T10:00:00"},  # no offset
    {"changed_since": "2026-02-30T10:00:00Z"},
    {"changed_since": "yesterday"},
    {"cursor": "not-a-cursor"},
    {"page_size": "0"},
    {"page_size": "201"},
])
def test_a_bad_moment_cursor_or_page_size_is_422_naming_it(reference_data: None, query: dict[str, str]) -> None:
    _, token = key_for(la_organisation("E08000009"))
    response = client_with(token).get("/api/v1/cases", query)
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == list(query)


def test_moments_far_from_now_are_read_without_failing() -> None:
    assert changes.moment_parse("0001-01-01T00:00:00+01:00") == dt.datetime.min.replace(tzinfo=dt.UTC)
    assert changes.moment_parse("9999-12-31T23:59:60-01:00") == dt.datetime.max.replace(tzinfo=dt.UTC)
    assert changes.moment_parse("2026-12-03T09:30:00.1234567+01:30") == dt.datetime(
        2026, 12, 3, 8, 0, 0, 123456, tzinfo=dt.UTC)
    assert changes.cursor_read("f" * 32) == (dt.datetime.max.replace(tzinfo=dt.UTC), 2**63 - 1)
