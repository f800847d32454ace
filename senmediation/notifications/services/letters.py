"""Letters as tagged PDFs (PDF/UA) that screen readers can read; large print when the person asked for it."""

from __future__ import annotations

from senmediation.core import clock
from senmediation.core.pdf import template_to_pdf
from senmediation.directory.selectors import provider_current

from ..models import Message


def letter_pdf_render(message: Message, *, body: str | None = None) -> bytes:
    """The letter as a PDF; `body` is the text to print when it differs from the stored one (a letter
    code put in as it is made)."""
    return template_to_pdf("notifications/letter.html", {
        "message": message,
        "provider": provider_current(),
        "date": clock.local(message.created_at or clock.now()).date(),
        "address_lines": [line for line in message.to.splitlines() if line.strip()],
        "paragraphs": [part.strip() for part in (message.body if body is None else body).split("\n\n") if part.strip()],
    })
