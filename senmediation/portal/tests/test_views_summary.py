"""The summary page: send, reopen and change until the exchange, then read-only with everyone's summaries."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail

from senmediation.cases.models import Issue, Party
from senmediation.cases.tests.factories import case_make
from senmediation.notifications.models import Message
from senmediation.portal.models import PartySummary, Purpose
from senmediation.portal.services.exchange import summaries_release, summary_record
from senmediation.portal.services.links import party_link_create

pytestmark = pytest.mark.django_db

NOTE = "Please know I am on medication that makes me tired in the afternoon."


@pytest.fixture
def parent(coordinator) -> Party:  # type: ignore[no-untyped-def]
    case = case_make(by=coordinator)
    Party.objects.create(case=case, role=Party.Role.LA_OFFICER, name="Lee Officer", email="lee@trafford.example",
                         organisation="Trafford Council", preferred_contact=["email"])
    return case.parties.get(role=Party.Role.PARENT)


def _task(party, by) -> str:  # type: ignore[no-untyped-def]
    """The summary task of a new link for `party` (a family's link itself opens their case page)."""
    return party_link_create(party=party, purpose=Purpose.SUMMARY_AND_ISSUES, by=by)[1] + "task/"


def _send(client, path, summary="The plan does not say enough.", issues="Therapy hours\nTransport", note=NOTE):  # type: ignore[no-untyped-def]
    return client.post(path, {"summary": summary, "issues": issues, "mediator_only": note})


def test_reopening_the_link_shows_what_was_sent_and_it_can_be_changed(client, parent, coordinator) -> None:
    path = _task(parent, coordinator)
    assert _send(client, path).status_code == 302
    html = client.get(path).content.decode()
    assert "The plan does not say enough.</textarea>" in html
    assert "Therapy hours\nTransport</textarea>" in html
    assert f"{NOTE}</textarea>" in html
    assert "You can change it until the summaries are sent to every side." in html
    assert "Send your changes" in html

    assert _send(client, path, summary="Changed my mind", issues="Transport\nA 1:1 assistant", note="").status_code == 302
    newest = PartySummary.objects.filter(party=parent).order_by("-submitted_at", "-id").first()
    assert (newest.text, newest.issues, newest.mediator_only) == ("Changed my mind", ["Transport", "A 1:1 assistant"], "")  # type: ignore[union-attr]
    # The case's issues follow: the dropped one goes, the kept one stays once, the new one is added.
    assert sorted(Issue.objects.filter(raised_by=parent).values_list("text", flat=True)) == [
        "A 1:1 assistant", "Speech and language therapy hours", "Transport"]
    assert parent.case.events.filter(summary__contains="used their link to change their summary and 2 issues").count() == 1


def test_an_issue_with_an_outcome_is_kept_when_dropped(client, parent, coordinator) -> None:
    path = _task(parent, coordinator)
    _send(client, path, issues="Therapy hours")
    Issue.objects.filter(raised_by=parent, text="Therapy hours").update(outcome="agreed")
    _send(client, path, issues="")
    assert Issue.objects.filter(raised_by=parent, text="Therapy hours").count() == 1


def test_the_other_side_never_sees_the_note_before_or_after_the_exchange(
    client, parent, coordinator, django_capture_on_commit_callbacks
) -> None:
    parent_path = _task(parent, coordinator)
    _send(client, parent_path)
    officer = parent.case.parties.get(role=Party.Role.LA_OFFICER)
    _, officer_path = party_link_create(party=officer, purpose=Purpose.SUMMARY_AND_ISSUES, by=coordinator)
    before = client.get(officer_path).content.decode()
    assert "The plan does not say enough." not in before and NOTE not in before
    assert "Ravi Patel (parent or carer)" in before  # named as a side the summary will go to
    summary_record(case=parent.case, party=officer, text="The LA will review provision", by=coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        summaries_release(case=parent.case, by=coordinator)
    after = client.get(officer_path)
    html = after.content.decode()
    assert after.status_code == 200
    assert "The plan does not say enough." in html and "Transport" in html
    assert NOTE not in html
    assert "The other sides' summaries" in html
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "The plan does not say enough." in message.body and "- Transport" in message.body
        assert NOTE not in message.body and NOTE not in message.subject
    assert not Message.objects.filter(body__contains=NOTE).exists()


def test_after_the_exchange_the_page_is_read_only_and_a_change_is_refused(client, parent, coordinator) -> None:
    path = _task(parent, coordinator)
    _send(client, path)
    officer = parent.case.parties.get(role=Party.Role.LA_OFFICER)
    summary_record(case=parent.case, party=officer, text="The LA will review provision", by=coordinator)
    with time_machine.travel(dt.datetime(2026, 12, 10, 9, 0, tzinfo=dt.UTC)):
        summaries_release(case=parent.case, by=coordinator)
    page = client.get(path)
    html = page.content.decode()
    assert page.status_code == 200
    assert ("You can no longer change your summary, because we sent every side's summary to all the sides "
            "on 10 December 2026.") in html
    assert "<textarea" not in html
    assert NOTE in html  # their own note, on their own page, marked as not shared
    assert "For the mediator only (not shared)" in html
    assert "<h3 class=\"govuk-summary-card__title\">Trafford Council</h3>" in html
    assert "The LA will review provision" in html

    refused = _send(client, path, summary="Too late")
    assert refused.status_code == 409
    assert "Your changes were not saved" in refused.content.decode()
    assert "<title>Error: Your summary and issues" in refused.content.decode()
    assert not PartySummary.objects.filter(text="Too late").exists()


def test_the_page_has_a_fixed_number_of_queries(client, parent, coordinator, django_assert_max_num_queries) -> None:
    path = _task(parent, coordinator)
    _send(client, path)
    with django_assert_max_num_queries(15):
        assert client.get(path).status_code == 200
