"""A letter's code is put into the PDF only when staff download the print copy, which is never stored:
the stored letter (the case copy) has the code masked, and once the letter is posted its print copy is gone."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader

from senmediation.audit.models import AuditEntry
from senmediation.notifications.models import Message
from senmediation.notifications.services.letters import letter_pdf_render
from senmediation.notifications.tests.helpers import parent_make
from senmediation.portal.models import PartyLink
from senmediation.portal.services.links import party_link_issue, party_link_revoke

pytestmark = pytest.mark.django_db
SITE = "https://mediation.example.org/"
CODE = re.compile(r"\b([A-Z2-9]{5}-[A-Z2-9]{5})\b")
MASK = "XXXXX-XXXXX"
MASK_NOTE = "the code is printed on the posted copy only"


def _text(pdf: bytes) -> str:
    # Words only: the PDF breaks lines wherever the page does.
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def _letter(coordinator, capture):  # type: ignore[no-untyped-def]
    parent = parent_make(preferred_contact=["letter"], address="1 Example Street\nSale\nM33 1AA")
    with capture(execute=True):
        link, message = party_link_issue(party=parent, purpose="availability", by=coordinator, base_url=SITE)
    message.refresh_from_db()
    return link, message


def _print_copy_url(message: Message) -> str:
    return f"/staff/notifications/print-queue/{message.pk}/print.pdf"


def _opens(code: str) -> int:
    response = Client().post("/p/code/", {"code": code})
    return response.status_code


def test_the_stored_letter_has_the_code_masked_and_no_code_is_minted_when_it_is_sent(
        coordinator, django_capture_on_commit_callbacks) -> None:
    link, message = _letter(coordinator, django_capture_on_commit_callbacks)
    assert message.status == "sent" and message.letter_file.name.startswith("letters/")
    text = _text(message.letter_file.read())
    assert CODE.findall(text) == [MASK]
    assert MASK_NOTE in text and "https://mediation.example.org/p/code/" in text
    assert PartyLink.objects.get(pk=link.pk).code_hash is None


def test_the_print_copy_carries_a_fresh_working_code_and_is_not_stored(
        coordinator, coordinator_client, django_capture_on_commit_callbacks) -> None:
    link, message = _letter(coordinator, django_capture_on_commit_callbacks)
    stored_name, stored_bytes = message.letter_file.name, message.letter_file.read()
    first = coordinator_client.get(_print_copy_url(message))
    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf" and first["Cache-Control"] == "no-store"
    [first_code] = CODE.findall(_text(first.content))
    assert first_code != MASK
    second = coordinator_client.get(_print_copy_url(message))
    [second_code] = CODE.findall(_text(second.content))
    assert second_code != first_code
    assert _opens(first_code) == 400  # a later print copy replaced it
    visitor = Client()
    opened = visitor.post("/p/code/", {"code": second_code})
    assert opened.status_code == 302 and visitor.get(opened["Location"]).status_code == 200
    message.refresh_from_db()
    assert message.letter_file.name == stored_name and message.letter_file.read() == stored_bytes
    assert list(AuditEntry.objects.filter(view_name="notifications:letter_print")
                .values_list("action", "case_reference", "status_code")) == [
        ("change", message.case.reference, 200), ("change", message.case.reference, 200)]


def test_the_print_queue_says_each_print_copy_replaces_the_code(
        coordinator, coordinator_client, django_capture_on_commit_callbacks) -> None:
    _, message = _letter(coordinator, django_capture_on_commit_callbacks)
    page = coordinator_client.get("/staff/notifications/print-queue/").content.decode()
    assert f'href="{_print_copy_url(message)}"' in page
    assert ("Each time you download the print copy it gets a new code, and the code in any copy downloaded "
            "before stops working: print and post the copy you download last.") in page
    assert f'href="/staff/notifications/print-queue/{message.pk}/letter.pdf"' in page
    assert "Case copy (code hidden)" in page


def test_after_posting_the_print_copy_is_gone_and_the_case_copy_stays_masked(
        coordinator, coordinator_client, django_capture_on_commit_callbacks) -> None:
    _, message = _letter(coordinator, django_capture_on_commit_callbacks)
    code = CODE.findall(_text(coordinator_client.get(_print_copy_url(message)).content))[0]
    assert coordinator_client.post(f"/staff/notifications/print-queue/{message.pk}/posted/").status_code == 302
    gone = coordinator_client.get(_print_copy_url(message))
    assert gone.status_code == 410 and gone["Content-Type"] == "text/html; charset=utf-8"
    assert ("This letter was marked as posted, so its print copy is gone. The case copy, with the code "
            "hidden, stays with the case.") in gone.content.decode()
    case_copy = coordinator_client.get(f"/staff/notifications/print-queue/{message.pk}/letter.pdf")
    assert case_copy.status_code == 200 and CODE.findall(_text(case_copy.content)) == [MASK]
    assert _opens(code) == 302  # the posted copy still works for the family


def test_a_print_copy_of_a_letter_whose_link_was_stopped_is_refused(
        coordinator, coordinator_client, django_capture_on_commit_callbacks) -> None:
    link, message = _letter(coordinator, django_capture_on_commit_callbacks)
    party_link_revoke(link=link, by=coordinator)
    refused = coordinator_client.get(_print_copy_url(message))
    assert refused.status_code == 410
    assert ("The secure link in this letter was stopped, so it cannot be printed. Make a new link if it is "
            "still needed.") in refused.content.decode()


def test_letters_stored_with_a_code_are_masked_by_the_command(
        coordinator, django_capture_on_commit_callbacks) -> None:
    link, message = _letter(coordinator, django_capture_on_commit_callbacks)
    old_body = message.body.replace(
        "[secure link — sent to the recipient only]",
        "Go to https://mediation.example.org/p/code/ and type in this code: ABCDE-FGHJK")
    message.letter_file.save("letters/old.pdf", ContentFile(letter_pdf_render(message, body=old_body)))
    old_name = message.letter_file.name
    assert "ABCDE-FGHJK" in _text(message.letter_file.read())
    out = io.StringIO()
    call_command("letters_mask_codes", stdout=out)
    assert out.getvalue() == "Masked the code in 1 stored letter.\n"
    message.refresh_from_db()
    assert message.letter_file.name != old_name and not message.letter_file.storage.exists(old_name)
    assert CODE.findall(_text(message.letter_file.read())) == [MASK]
