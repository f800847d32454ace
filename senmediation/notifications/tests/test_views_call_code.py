"""The "Show a code to read out" button on Calls to make: who may press it, and what each answer says."""

from __future__ import annotations

import re

import pytest

from senmediation.cases.models import CaseEvent
from senmediation.core import clock
from senmediation.notifications.models import CallTask, Message
from senmediation.portal.models import PartyLink
from senmediation.portal.services.links import party_link_issue, party_link_revoke
from senmediation.portal.services.tokens import party_link_resolve_code
from senmediation.rules.read_aloud import character_said
from testsupport.fixtures import client_for

from .helpers import parent_make

pytestmark = pytest.mark.django_db
SITE = "https://mediation.example.org/"
CALLS = "/staff/notifications/calls/"
SHOWN_CODE = re.compile(
    r'<p class="govuk-body govuk-!-font-size-48[^"]*" id="call-code"><code>([A-Z2-9]{5}) ([A-Z2-9]{5})</code></p>')


def _call(coordinator, capture) -> tuple[PartyLink, CallTask]:  # type: ignore[no-untyped-def]
    parent = parent_make(preferred_contact=["phone"], call_times="After 3pm")
    with capture(execute=True):
        link, message = party_link_issue(party=parent, purpose="availability", by=coordinator, base_url=SITE)
    return link, CallTask.objects.select_related("case").get(message=message)


def _code_url(task: CallTask) -> str:
    return f"{CALLS}{task.pk}/code/"


def test_the_call_script_offers_a_code_where_the_link_would_go(coordinator_client, coordinator,
                                                               django_capture_on_commit_callbacks) -> None:
    _, task = _call(coordinator, django_capture_on_commit_callbacks)
    page = coordinator_client.get(CALLS).content.decode()
    assert "<p>Go to https://mediation.example.org/p/code/ and type in this code:</p>" in page
    assert f'<form method="post" action="{_code_url(task)}">' in page
    assert ('Show a code to read out<span class="govuk-visually-hidden"> to Ravi Patel</span></button>') in page
    assert "[secure link — sent to the recipient only]" not in page
    assert "<p>Dear Ravi Patel,</p>" in page
    assert f'action="{CALLS}{task.pk}/done/"' in page  # marking the call done is still there


def test_pressing_the_button_shows_a_fresh_code_once_set_out_for_reading(
        coordinator_client, coordinator, django_capture_on_commit_callbacks) -> None:
    link, task = _call(coordinator, django_capture_on_commit_callbacks)
    response = coordinator_client.post(_code_url(task))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    page = response.content.decode()
    first, second = SHOWN_CODE.search(page).groups()  # type: ignore[union-attr]
    assert party_link_resolve_code(f"{first}-{second}")[0].pk == link.pk
    assert "<h1 class=\"govuk-heading-l\">Read this code to Ravi Patel</h1>" in page
    assert "<title>Code to read to Ravi Patel" in page
    assert "Say: Go to https://mediation.example.org/p/code/ and type in this code:</p>" in page
    assert f'<p class="govuk-body-l" id="call-code-spelled">{" ".join(first)}, then {" ".join(second)}</p>' in page
    assert '<ol class="govuk-list govuk-list--number" start="6">' in page
    for character in first + second:
        assert f"<li>{character_said(character)}</li>" in page
    expires = f"{clock.local(link.expires_at):%-d %B %Y}"
    assert (f"The code works for as long as the link does: until {expires}, unless the link is stopped or the "
            "case closes first.") in page
    assert ("If you print a letter for this person later, it will have a new code and this one will stop "
            "working.") in page
    assert f'action="{CALLS}{task.pk}/done/"' in page


def test_managers_may_show_a_code_and_no_one_else(coordinator, manager_client, mediator_client, commissioner,
                                                  client, django_capture_on_commit_callbacks) -> None:
    link, task = _call(coordinator, django_capture_on_commit_callbacks)
    assert mediator_client.post(_code_url(task)).status_code == 403
    assert client_for(commissioner).post(_code_url(task)).status_code == 403
    anonymous = client.post(_code_url(task))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/sign-in/")
    assert PartyLink.objects.get(pk=link.pk).code_hash is None
    assert SHOWN_CODE.search(manager_client.post(_code_url(task)).content.decode())


def test_get_is_refused_and_an_unknown_call_is_not_found(coordinator_client, coordinator,
                                                         django_capture_on_commit_callbacks) -> None:
    link, task = _call(coordinator, django_capture_on_commit_callbacks)
    assert coordinator_client.get(_code_url(task)).status_code == 405
    assert coordinator_client.post(f"{CALLS}987654/code/").status_code == 404
    assert PartyLink.objects.get(pk=link.pk).code_hash is None


def test_a_call_about_a_complaint_on_whoever_it_is_about_is_not_found(
        coordinator, coordinator_client, manager, manager_client, django_capture_on_commit_callbacks) -> None:
    from senmediation.feedback.models import Complaint
    from senmediation.feedback.services.complaints import complaint_acknowledge
    from senmediation.feedback.tests.factories import complaint_make

    link, _ = _call(coordinator, django_capture_on_commit_callbacks)
    complaint = complaint_make(preferred_contact="phone", phone="07700 900999", email="")
    with django_capture_on_commit_callbacks(execute=True):
        complaint_acknowledge(complaint=complaint, by=manager, today=complaint.received_on)
    task = CallTask.objects.get(message__complaint=complaint)
    Message.objects.filter(pk=task.message_id).update(party_link=link)  # a link, so only the complaint decides
    Complaint.objects.filter(pk=complaint.pk).update(about=coordinator)
    assert coordinator_client.post(_code_url(task)).status_code == 404
    assert PartyLink.objects.get(pk=link.pk).code_hash is None
    assert manager_client.post(_code_url(task)).status_code == 200


def test_a_stopped_link_gets_a_clear_answer_and_a_way_on(coordinator_client, coordinator,
                                                         django_capture_on_commit_callbacks) -> None:
    link, task = _call(coordinator, django_capture_on_commit_callbacks)
    party_link_revoke(link=link, by=coordinator)
    problem = ("The secure link in this message was stopped, so there is no code to read out. Make a new link if "
               "it is still needed.")
    reference = task.case.reference
    links_page = (f'<a class="govuk-link" href="/staff/notifications/cases/{reference}/links/">Secure links for '
                  f'{reference}</a>')
    listing = coordinator_client.get(CALLS).content.decode()
    assert problem in listing and links_page in listing and "Show a code to read out" not in listing
    refused = coordinator_client.post(_code_url(task))
    assert refused.status_code == 410
    page = refused.content.decode()
    assert '<h1 class="govuk-heading-l">No code to read out</h1>' in page
    assert f'<p class="govuk-body">{problem}</p>' in page and links_page in page
    assert not CaseEvent.objects.filter(summary__startswith="A code was read out").exists()


def test_a_call_without_a_link_says_there_is_no_code(coordinator_client, coordinator,
                                                     django_capture_on_commit_callbacks) -> None:
    from senmediation.notifications.services import notification_send

    parent = parent_make(preferred_contact=["phone"])
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(template_key="referral_received", context={}, party=parent, idempotency_key="c1")
    task = CallTask.objects.get()
    assert "Show a code to read out" not in coordinator_client.get(CALLS).content.decode()
    refused = coordinator_client.post(_code_url(task))
    assert refused.status_code == 404
    assert "This call&#x27;s message has no secure link, so there is no code to read out." in refused.content.decode()


def test_the_calls_page_asks_the_same_number_of_queries_however_many_links_it_checks(
        coordinator_client, coordinator, django_capture_on_commit_callbacks) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert coordinator_client.get(CALLS).status_code == 200
        return len(captured)

    _call(coordinator, django_capture_on_commit_callbacks)
    coordinator_client.get(CALLS)  # the first request of a session reads what later ones find cached
    one = queries()
    for _ in range(3):
        _call(coordinator, django_capture_on_commit_callbacks)
    assert coordinator_client.get(CALLS).content.decode().count("Show a code to read out<span") == 4
    assert queries() == one
