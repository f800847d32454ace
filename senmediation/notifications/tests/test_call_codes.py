"""A code to read out on a call: minted when the coordinator asks, shown once, never stored in plain text."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from senmediation.cases.models import CaseEvent
from senmediation.notifications.models import CallTask
from senmediation.notifications.services.call_codes import (
    CallCodeRefused,
    CallHasNoLink,
    call_code_mint,
    call_script,
)
from senmediation.notifications.services.secure_links import LINK_PLACEHOLDER
from senmediation.notifications.tests.helpers import parent_make
from senmediation.portal.models import PartyLink
from senmediation.portal.services.links import party_link_issue, party_link_revoke
from senmediation.portal.services.tokens import LinkUnknown, code_hash, party_link_resolve_code

pytestmark = pytest.mark.django_db
SITE = "https://mediation.example.org/"
CODE = re.compile(r"^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$")
SENTENCE = "Go to https://mediation.example.org/p/code/ and type in this code:"


def _call(coordinator, capture, **party):  # type: ignore[no-untyped-def]
    """A parent who asked to be phoned, sent a link to say when they can come: a call to make."""
    parent = parent_make(preferred_contact=["phone"], **party)
    with capture(execute=True):
        link, message = party_link_issue(party=parent, purpose="availability", by=coordinator, base_url=SITE)
    return link, CallTask.objects.select_related("message__party_link__party__case").get(message=message)


def test_the_call_script_leads_to_the_code_where_the_link_would_go(
        coordinator, django_capture_on_commit_callbacks) -> None:
    _, task = _call(coordinator, django_capture_on_commit_callbacks)
    assert task.message.body.count(LINK_PLACEHOLDER) == 1
    script = call_script(task.message)
    assert script is not None
    assert script.before == "Dear Ravi Patel,\n\nPlease use this secure link to tell us when you can come:"
    assert script.code_sentence == SENTENCE
    assert script.after.startswith("The link is just for you. It works until ")
    assert script.problem == ""


def test_a_call_without_a_link_has_no_code_script(coordinator, django_capture_on_commit_callbacks) -> None:
    from senmediation.notifications.services import notification_send

    parent = parent_make(preferred_contact=["phone"])
    with django_capture_on_commit_callbacks(execute=True):
        message = notification_send(template_key="referral_received", context={}, party=parent,
                                    idempotency_key="no-link")
    task = CallTask.objects.get(message=message)
    assert call_script(task.message) is None
    with pytest.raises(CallHasNoLink, match="This call's message has no secure link, so there is no code to read"):
        call_code_mint(task=task, by=coordinator)


def test_the_code_minted_opens_the_party_s_link(coordinator, django_capture_on_commit_callbacks) -> None:
    link, task = _call(coordinator, django_capture_on_commit_callbacks)
    minted = call_code_mint(task=task, by=coordinator)
    assert CODE.match(minted.code), minted.code
    assert minted.code_sentence == SENTENCE
    assert minted.party_name == "Ravi Patel" and minted.expires_at == link.expires_at
    resolved, path = party_link_resolve_code(minted.code)
    assert resolved.pk == link.pk and path.startswith("/p/")
    opened = Client().post("/p/code/", {"code": minted.code})
    assert opened.status_code == 302 and opened["Location"].startswith("/p/")


def test_a_second_code_stops_the_first(coordinator, django_capture_on_commit_callbacks) -> None:
    _, task = _call(coordinator, django_capture_on_commit_callbacks)
    first = call_code_mint(task=task, by=coordinator).code
    second = call_code_mint(task=task, by=coordinator).code
    assert first != second
    with pytest.raises(LinkUnknown):
        party_link_resolve_code(first)
    assert party_link_resolve_code(second)[0].pk == task.message.party_link_id


def test_the_timeline_says_a_code_was_read_out_and_nothing_holds_the_code(
        coordinator, coordinator_client, django_capture_on_commit_callbacks, caplog) -> None:
    link, task = _call(coordinator, django_capture_on_commit_callbacks)
    caplog.set_level("DEBUG")
    page = coordinator_client.post(f"/staff/notifications/calls/{task.pk}/code/")
    assert page.status_code == 200
    [code] = re.findall(r"<code>([A-Z2-9]{5}) ([A-Z2-9]{5})</code>", page.content.decode())
    formatted, bare = "-".join(code), "".join(code)
    assert party_link_resolve_code(formatted)[0].pk == link.pk
    event = CaseEvent.objects.filter(case=task.case).order_by("-at", "-id").first()
    assert event is not None
    assert (event.summary, event.by, event.detail, event.after) == (
        "A code was read out to Ravi Patel by phone", coordinator, "", {})
    task.message.refresh_from_db()
    assert LINK_PLACEHOLDER in task.message.body
    assert PartyLink.objects.get(pk=link.pk).code_hash == code_hash(bare)
    # The whole database, as a backup would hold it: the code only as its keyed hash.
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    for written in (formatted, bare, " ".join(code)):
        assert written not in dump.getvalue()
        assert written not in caplog.text
    from senmediation.audit.models import AuditEntry

    entry = AuditEntry.objects.get(view_name="notifications:call_code")
    assert (entry.action, entry.case_reference, entry.status_code, entry.path) == (
        "change", task.case.reference, 200, f"/staff/notifications/calls/{task.pk}/code/")


@pytest.mark.parametrize(("spoil", "problem"), [
    ("revoke", "The secure link in this message was stopped, so there is no code to read out. Make a new link "
               "if it is still needed."),
    ("expire", "The secure link in this message was out of date, so there is no code to read out. Make a new "
               "link if it is still needed."),
    ("close", "The secure link in this message was no longer needed because the case closed, so there is no "
              "code to read out. Make a new link if it is still needed."),
])
def test_a_link_that_cannot_be_used_gets_no_code(coordinator, django_capture_on_commit_callbacks, spoil: str,
                                                 problem: str) -> None:
    link, task = _call(coordinator, django_capture_on_commit_callbacks)
    events_before = CaseEvent.objects.filter(case=task.case).count()
    if spoil == "revoke":
        party_link_revoke(link=link, by=coordinator)
        events_before += 1
    elif spoil == "close":
        type(task.case).objects.filter(pk=task.case.pk).update(state="closed")
    task = CallTask.objects.select_related("message__party_link__party__case").get(pk=task.pk)
    travel = dt.timedelta(days=8 if spoil == "expire" else 0)
    with time_machine.travel(link.expires_at - dt.timedelta(days=7) + travel):
        script = call_script(task.message)
        assert script is not None and script.problem == problem
        with pytest.raises(CallCodeRefused, match=re.escape(problem)) as refused:
            call_code_mint(task=task, by=coordinator)
    assert refused.value.status == 410
    assert PartyLink.objects.get(pk=link.pk).code_hash is None
    assert CaseEvent.objects.filter(case=task.case).count() == events_before


def test_a_call_marked_done_gets_no_code(coordinator, django_capture_on_commit_callbacks) -> None:
    from senmediation.notifications.services import call_task_done

    link, task = _call(coordinator, django_capture_on_commit_callbacks)
    call_task_done(task=task, by=coordinator)
    with pytest.raises(CallCodeRefused, match="This call is marked as done, so there is no code to read out."):
        call_code_mint(task=task, by=coordinator)
    assert PartyLink.objects.get(pk=link.pk).code_hash is None
