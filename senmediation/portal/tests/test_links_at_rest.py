"""No live party link is kept anywhere: the stored message carries a placeholder, the e-mail carries a
link made as it leaves, and a letter's print copy carries a short code the party types in at /p/code/
(the stored letter has it masked: test_print_copy.py)."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.test import Client
from pypdf import PdfReader

from senmediation.accounts.roles import Role
from senmediation.notifications.models import Message
from senmediation.notifications.services.letters import letter_print_copy_render
from senmediation.notifications.tests.helpers import parent_make
from senmediation.portal.models import PartyLink
from senmediation.portal.services.links import party_link_issue, party_link_resolve, party_link_revoke
from testsupport.fixtures import client_for, user_make

pytestmark = pytest.mark.django_db
SITE = "https://mediation.example.org/"
LIVE_LINK = re.compile(r"/p/(?!code/)[^\s/]+/")
PLACEHOLDER = "[secure link — sent to the recipient only]"


def _issue(parent, coordinator, capture, purpose: str = "availability"):  # type: ignore[no-untyped-def]
    with capture(execute=True):
        link, message = party_link_issue(party=parent, purpose=purpose, by=coordinator, base_url=SITE)
    message.refresh_from_db()
    return link, message


def test_the_stored_message_has_a_placeholder_and_the_email_a_working_link(
        coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["email"], email="ravi@example.org")
    link, message = _issue(parent, coordinator, django_capture_on_commit_callbacks)
    assert message.status == "sent"
    assert PLACEHOLDER in message.body and LIVE_LINK.search(message.body) is None
    assert "/p/" not in message.subject
    [sent] = mail.outbox
    found = LIVE_LINK.search(sent.body)
    assert found is not None and f"{SITE.rstrip('/')}{found.group(0)}" in sent.body
    assert PLACEHOLDER not in sent.body
    assert party_link_resolve(found.group(0).removeprefix("/p/").removesuffix("/")) == link
    assert Client().get(found.group(0)).status_code == 200


def test_the_admin_and_staff_pages_show_no_live_link(coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["email"], email="ravi@example.org")
    _, message = _issue(parent, coordinator, django_capture_on_commit_callbacks)
    manager = user_make("boss", Role.MANAGER, is_staff=True, is_superuser=True)
    admin_page = client_for(manager).get(f"/admin/notifications/message/{message.pk}/change/")
    assert admin_page.status_code == 200
    assert LIVE_LINK.search(admin_page.content.decode()) is None
    assert PLACEHOLDER in admin_page.content.decode()
    for url in ("/staff/notifications/", f"/staff/cases/{parent.case.reference}/"):
        page = client_for(coordinator).get(url)
        assert page.status_code == 200 and LIVE_LINK.search(page.content.decode()) is None


def test_a_letter_carries_a_code_that_works_at_the_code_page(
        coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["letter"], address="1 Example Street\nSale\nM33 1AA")
    link, message = _issue(parent, coordinator, django_capture_on_commit_callbacks)
    assert message.channel == "letter" and message.letter_file
    assert LIVE_LINK.search(message.body) is None
    print_copy = letter_print_copy_render(message=message, by=coordinator)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(print_copy)).pages)
    assert LIVE_LINK.search(text) is None
    assert "https://mediation.example.org/p/code/" in text
    code = re.search(r"\b([A-Z2-9]{5}-[A-Z2-9]{5})\b", text).group(1)  # type: ignore[union-attr]
    stored = PartyLink.objects.get(pk=link.pk)
    assert code.replace("-", "") not in stored.code_hash and len(stored.code_hash) == 64
    visitor = Client()
    assert visitor.get("/p/code/").status_code == 200
    response = visitor.post("/p/code/", {"code": code.lower().replace("-", " ")})
    assert response.status_code == 302
    assert visitor.get(response["Location"]).status_code == 200
    assert party_link_resolve(response["Location"].removeprefix("/p/").removesuffix("/")) == link


def test_a_wrong_or_stopped_code_gets_a_plain_english_answer(
        coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["letter"], address="1 Example Street")
    link, message = _issue(parent, coordinator, django_capture_on_commit_callbacks)
    text = PdfReader(io.BytesIO(letter_print_copy_render(message=message, by=coordinator))).pages[0].extract_text()
    code = re.search(r"\b([A-Z2-9]{5}-[A-Z2-9]{5})\b", text).group(1)  # type: ignore[union-attr]
    wrong = Client().post("/p/code/", {"code": "ABCDE-FGHJK"})
    assert wrong.status_code == 400
    assert ("The code is not right. Check it against your letter or the code we read to you, and try again."
            in wrong.content.decode())
    blank = Client().post("/p/code/", {"code": ""})
    assert blank.status_code == 400 and '<a href="#id_code">Enter your code</a>' in blank.content.decode()
    party_link_revoke(link=link, by=coordinator)
    stopped = Client().post("/p/code/", {"code": code})
    assert stopped.status_code == 410 and "This link has been stopped." in stopped.content.decode()


def test_wrong_codes_are_limited_per_address(settings) -> None:
    settings.PARTY_CODE_ATTEMPTS_PER_HOUR = 3
    visitor = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        assert visitor.post("/p/code/", {"code": "ABCDE-FGHJK"}).status_code == 400
    limited = visitor.post("/p/code/", {"code": "ABCDE-FGHJK"})
    assert limited.status_code == 429
    assert "You have entered too many wrong codes" in limited.content.decode()
    assert Client(REMOTE_ADDR="203.0.113.10").post("/p/code/", {"code": "ABCDE-FGHJK"}).status_code == 400


def test_a_link_stopped_before_sending_is_not_sent(coordinator, django_capture_on_commit_callbacks) -> None:
    from senmediation.notifications.services import message_deliver_now

    parent = parent_make(preferred_contact=["email"], email="ravi@example.org")
    link, message = party_link_issue(party=parent, purpose="availability", by=coordinator, base_url=SITE)
    party_link_revoke(link=link, by=coordinator)
    assert message_deliver_now(message.pk) == "failed"
    assert mail.outbox == []
    assert Message.objects.get(pk=message.pk).last_error == (
        "The secure link in this message was stopped before it was sent. Make a new link if it is still needed.")


def test_the_task_queue_holds_only_the_message_id(settings, coordinator,
                                                  django_capture_on_commit_callbacks) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    parent = parent_make(preferred_contact=["email"], email="ravi@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        _, message = party_link_issue(party=parent, purpose="availability", by=coordinator, base_url=SITE)
    queued = list(DBTaskResult.objects.values_list("args_kwargs", flat=True))
    assert queued == [{"args": [message.pk], "kwargs": {}}]
