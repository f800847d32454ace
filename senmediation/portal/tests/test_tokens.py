"""Which links still open once their case has closed: a documents link, while the retention rules keep them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from senmediation.cases.models import Case, Party
from senmediation.cases.tests.factories import case_make
from senmediation.portal.services.links import party_link_create
from senmediation.portal.services.tokens import LinkCaseClosed, LinkDocumentsGone, party_link_resolve

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)


def _closed_parent(coordinator, closed_on: dt.date) -> Party:  # type: ignore[no-untyped-def]
    case = case_make(by=coordinator)
    Case.objects.filter(pk=case.pk).update(state="closed", closed_on=closed_on)
    return Party.objects.select_related("case").get(case=case, role=Party.Role.PARENT)


def _token(path: str) -> str:
    return path.removeprefix("/p/").removesuffix("/")


@time_machine.travel(NOW, tick=False)
def test_a_documents_link_opens_after_the_case_closed_while_its_documents_are_kept(coordinator) -> None:
    parent = _closed_parent(coordinator, dt.date(2026, 11, 20))
    link, path = party_link_create(party=parent, purpose="documents", by=coordinator)
    assert party_link_resolve(_token(path)) == link
    assert link.expires_at - link.created_at == dt.timedelta(days=7)


@time_machine.travel(NOW, tick=False)
def test_a_case_link_stops_when_the_case_closes(coordinator) -> None:
    parent = _closed_parent(coordinator, dt.date(2026, 11, 20))
    _, path = party_link_create(party=parent, purpose="case", by=coordinator)
    with pytest.raises(LinkCaseClosed) as stopped:
        party_link_resolve(_token(path))
    assert str(stopped.value) == "This link has stopped working because the case has closed."


@time_machine.travel(NOW, tick=False)
def test_a_documents_link_stops_once_the_retention_period_has_passed(coordinator) -> None:
    # Closed 24 November 2020: kept for 6 years, so 24 November 2026 is the last day; 25th is past it.
    parent = _closed_parent(coordinator, dt.date(2020, 11, 24))
    _, path = party_link_create(party=parent, purpose="documents", by=coordinator)
    assert party_link_resolve(_token(path)).purpose == "documents"
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False), pytest.raises(LinkDocumentsGone) as gone:
        party_link_resolve(_token(path))
    assert str(gone.value) == "This link has stopped working because we no longer keep this case's documents."
    assert gone.value.status == 410
