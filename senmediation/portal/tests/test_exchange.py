import datetime as dt

import pytest
from django.core import mail

from senmediation.cases.models import Party
from senmediation.cases.services.opening import PartyInput
from senmediation.cases.tests.factories import case_make
from senmediation.portal.models import SummaryExchange
from senmediation.portal.services.exchange import summaries_for, summaries_release_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_sided_case(coordinator):
    return case_make(by=coordinator, parties=[
        PartyInput(role=Party.Role.PARENT, name="Ravi Patel", email="ravi@example.com", preferred_contact=["email"],
                   is_main_contact=True),
        PartyInput(role=Party.Role.LA_OFFICER, name="Lee Officer", email="lee@trafford.example.gov.uk",
                   preferred_contact=["email"]),
    ])


def test_summaries_are_shared_only_when_all_are_in_then_with_everyone_at_once(
    coordinator_client, two_sided_case, django_capture_on_commit_callbacks
) -> None:
    case = two_sided_case
    url = f"/staff/cases/{case.reference}/summaries/"
    parent, officer = case.parties.get(role="parent"), case.parties.get(role="la_officer")
    coordinator_client.post(url, {"intent": "summary", "party": parent.pk, "text": "We want more speech therapy"})
    response = coordinator_client.post(url, {"intent": "release"}, follow=True)
    assert "Still waiting for a summary from Lee Officer" in response.content.decode()
    assert not mail.outbox
    coordinator_client.post(url, {"intent": "summary", "party": officer.pk, "text": "The LA will review provision"})
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url, {"intent": "release"})
    assert sorted(m.to[0] for m in mail.outbox) == ["lee@trafford.example.gov.uk", "ravi@example.com"]
    for message in mail.outbox:
        assert "We want more speech therapy" in message.body and "The LA will review provision" in message.body
    _, rows = summaries_for(case)
    assert all(row.received for row in rows)
    page = coordinator_client.get(url).content.decode()
    assert "Shared on" in page


def test_on_the_set_date_what_has_arrived_is_shared(coordinator_client, two_sided_case,
                                                    django_capture_on_commit_callbacks) -> None:
    case = two_sided_case
    url = f"/staff/cases/{case.reference}/summaries/"
    parent = case.parties.get(role="parent")
    coordinator_client.post(url, {"intent": "summary", "party": parent.pk, "text": "Our view"})
    coordinator_client.post(url, {"intent": "date", "release_on_0": "1", "release_on_1": "12",
                                  "release_on_2": "2026"})
    assert SummaryExchange.objects.get(case=case).release_on == dt.date(2026, 12, 1)
    assert summaries_release_due(today=dt.date(2026, 11, 30)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert summaries_release_due(today=dt.date(2026, 12, 1)) == 1
    assert len(mail.outbox) == 2
