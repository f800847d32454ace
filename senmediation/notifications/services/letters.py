"""Letters as tagged PDFs (PDF/UA) that screen readers can read; large print when the person asked for it.

A letter that carries a secure link is stored (the case copy) with its code masked. The code goes in only
when staff download the print copy: `letter_print_copy_render` mints a fresh code, which replaces the link's
earlier one, and returns the PDF to stream; it is never saved. Once the letter is posted its print copy is
gone: the family's code keeps working, but nobody can make another."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.core.pdf import template_to_pdf
from senmediation.directory.selectors import provider_current

from ..models import Message
from .secure_links import LinkNotSendable, letter_body_masked, letter_body_to_print


class PrintCopyGone(ServiceError):
    status = 410


def letter_pdf_render(message: Message, *, body: str | None = None) -> bytes:
    """The letter as a PDF; `body` is the text to print when it differs from the stored one (the code
    masked in the case copy, or the real code in the print copy)."""
    return template_to_pdf("notifications/letter.html", {
        "message": message,
        "provider": provider_current(),
        "date": clock.local(message.created_at or clock.now()).date(),
        "address_lines": [line for line in message.to.splitlines() if line.strip()],
        "paragraphs": [part.strip() for part in (message.body if body is None else body).split("\n\n") if part.strip()],
    })


def letter_print_copy_render(*, message: Message, by: Any) -> bytes:
    """The copy to print and post, with a freshly minted code (any earlier print copy's code stops working).
    Raises PrintCopyGone once the letter is posted, or when its link was stopped, expired or its case closed."""
    if message.channel != Message.Channel.LETTER or not message.letter_file:
        raise PrintCopyGone("This letter has not been made yet, so there is nothing to print.")
    if message.status == Message.Status.POSTED:
        raise PrintCopyGone("This letter was marked as posted, so its print copy is gone. The case copy, with "
                            "the code hidden, stays with the case.")
    if message.status not in (Message.Status.SENT, Message.Status.PRINTED):
        raise PrintCopyGone("This letter is not waiting to be printed.")
    try:
        body = letter_body_to_print(message)  # one UPDATE: the new code's hash replaces the old one
    except LinkNotSendable as problem:
        raise PrintCopyGone(str(problem)) from problem
    return letter_pdf_render(message, body=body)


def letters_mask_codes() -> int:
    """Letters made before codes were masked kept the real code in their stored PDF: each one that carries a
    secure link is made again with the code masked and the old file deleted. Codes already posted keep working.
    Returns how many were masked; safe to run again."""
    masked = 0
    letters = Message.objects.filter(channel=Message.Channel.LETTER, party_link__isnull=False).exclude(letter_file="")
    for message in letters.select_related("case").iterator():
        old = str(message.letter_file.name)
        pdf = letter_pdf_render(message, body=letter_body_masked(message))
        with transaction.atomic():
            message.letter_file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(pdf), save=False)
            Message.objects.filter(pk=message.pk).update(letter_file=message.letter_file.name)
        message.letter_file.storage.delete(old)
        masked += 1
    return masked
