"""Secure links: made, resolved, expired, stopped and tampered with."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.signing import Signer

from senmediation.cases.models import Party
from senmediation.cases.tests.factories import case_make
from senmediation.core.errors import ServiceError
from senmediation.portal.models import PartyLink
from senmediation.portal.services.links import (
    LinkExpired,
    LinkRevoked,
    LinkTampered,
    LinkUnknown,
    party_link_create,
    party_link_issue,
    party_link_resolve,
    party_link_revoke,
)

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def parent(coordinator) -> Party:  # type: ignore[no-untyped-def]
    return case_make(by=coordinator).parties.get(role=Party.Role.PARENT)


def _token(path: str) -> str:
    return path.removeprefix("/p/").removesuffix("/")


def test_only_a_hash_of_the_token_is_stored(parent, coordinator) -> None:
    link, path = party_link_create(party=parent, purpose="availability", by=coordinator)
    token = _token(path)
    assert path.startswith("/p/") and path.endswith("/")
    raw = token.split(".")[0]
    assert raw not in link.token_hash and len(link.token_hash) == 64
    assert party_link_resolve(token) == link
    assert link.expires_at - link.created_at == dt.timedelta(days=7)
    assert parent.case.events.filter(summary__startswith="Secure link made for Ravi Patel").exists()


def test_a_changed_link_is_refused_before_the_database_is_asked(parent, coordinator,
                                                               django_assert_num_queries) -> None:
    _, path = party_link_create(party=parent, purpose="availability", by=coordinator)
    token = _token(path)
    raw, signature = token.split(".")
    tampered = f"{raw[:-1]}{'A' if raw[-1] != 'A' else 'B'}.{signature}"
    with django_assert_num_queries(0), pytest.raises(LinkTampered):
        party_link_resolve(tampered)
    with pytest.raises(LinkTampered):
        party_link_resolve("nonsense")
    with pytest.raises(LinkUnknown):
        party_link_resolve(Signer(salt="senmediation.portal.party-link", sep=".").sign("never-issued"))


def test_a_link_expires(parent, coordinator) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        link, path = party_link_create(party=parent, purpose="feedback", by=coordinator, days_valid=2)
        traveller.shift(dt.timedelta(days=2, seconds=-1))
        assert party_link_resolve(_token(path)) == link
        traveller.shift(dt.timedelta(seconds=1))
        with pytest.raises(LinkExpired):
            party_link_resolve(_token(path))


def test_a_stopped_link_no_longer_works(parent, coordinator) -> None:
    link, path = party_link_create(party=parent, purpose="feedback", by=coordinator)
    party_link_revoke(link=link, by=coordinator)
    with pytest.raises(LinkRevoked):
        party_link_resolve(_token(path))
    with pytest.raises(ServiceError):
        party_link_revoke(link=link, by=coordinator)
    assert parent.case.events.filter(summary__contains="stopped").exists()


def test_bad_purpose_and_length_are_refused(parent, coordinator) -> None:
    with pytest.raises(ServiceError):
        party_link_create(party=parent, purpose="everything", by=coordinator)
    with pytest.raises(ServiceError):
        party_link_create(party=parent, purpose="feedback", by=coordinator, days_valid=0)


def test_issuing_a_link_sends_it_the_way_the_party_asked(parent, coordinator,
                                                         django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        link, message = party_link_issue(party=parent, purpose="availability", by=coordinator,
                                         base_url="https://mediation.example.org/")
    assert PartyLink.objects.count() == 1
    assert len(mail.outbox) == 1
    assert "https://mediation.example.org/p/" in mail.outbox[0].body
    assert "tell us when you can come" in mail.outbox[0].body
    assert message.idempotency_key == f"party-link:{link.pk}"


def test_links_stop_working_when_the_case_closes_except_feedback(client, parent, coordinator) -> None:
    from senmediation.cases.models import Case

    _, summary_path = party_link_create(party=parent, purpose="summary_and_issues", by=coordinator)
    feedback, feedback_path = party_link_create(party=parent, purpose="feedback", by=coordinator)
    Case.objects.filter(pk=parent.case_id).update(state="closed")
    with pytest.raises(LinkExpired) as stopped:
        party_link_resolve(_token(summary_path))
    assert str(stopped.value) == "This link has stopped working because the case has closed."
    response = client.get(summary_path)
    assert response.status_code == 410
    assert party_link_resolve(_token(feedback_path)) == feedback


@pytest.mark.parametrize(("purpose", "days"), [
    ("availability", 7), ("attendance", 7), ("summary_and_issues", 14), ("child_views", 14),
    ("agreement", 30), ("feedback", 28),
])
def test_each_purpose_has_its_own_shortest_default(parent, coordinator, purpose, days) -> None:
    link, _ = party_link_create(party=parent, purpose=purpose, by=coordinator)
    assert link.expires_at - link.created_at == dt.timedelta(days=days)


def test_staff_can_still_choose_a_longer_time_up_to_the_maximum(parent, coordinator) -> None:
    link, _ = party_link_create(party=parent, purpose="availability", by=coordinator, days_valid=60)
    assert link.expires_at - link.created_at == dt.timedelta(days=60)
    with pytest.raises(ServiceError, match="A link can last from 1 to 60 days."):
        party_link_create(party=parent, purpose="availability", by=coordinator, days_valid=61)


@pytest.mark.parametrize("role", [Party.Role.LA_OFFICER, Party.Role.SUPPORTER])
@pytest.mark.parametrize("purpose", ["case", "documents"])
def test_only_the_family_gets_a_case_or_documents_link(coordinator, role: str, purpose: str) -> None:
    from senmediation.cases.models import Case

    case = case_make(by=coordinator)
    Case.objects.filter(pk=case.pk).update(state="closed", closed_on=dt.date(2026, 11, 20))
    other = Party.objects.create(case=case, role=role, name="Jo Bloggs")
    with pytest.raises(ServiceError) as refused:
        party_link_create(party=other, purpose=purpose, by=coordinator)
    what = {"la_officer": "local authority officer", "supporter": "supporter or advocate"}[role]
    assert refused.value.message == (f"Only the family has a case page: the parent, the young person or someone who "
                                     f"acts for them. Jo Bloggs is the {what}: choose what they need to do instead.")
    assert refused.value.field == "purpose"


def test_a_documents_link_is_refused_for_an_open_case(parent, coordinator) -> None:
    with pytest.raises(ServiceError) as refused:
        party_link_create(party=parent, purpose="documents", by=coordinator)
    assert refused.value.message == ("A documents link is for a case that has closed. This case is still open: "
                                     "send a link to see their case instead.")
    assert PartyLink.objects.count() == 0
