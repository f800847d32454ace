"""Putting a party's secure link into a message only as it leaves (see portal/services/tokens.py for why).

The stored body holds LINK_PLACEHOLDER where the link goes, so the staff pages, the admin and backups
show that a link was sent but never the link itself. Only the message id is queued for the worker."""

from __future__ import annotations

from senmediation.portal.services.tokens import (
    CODE_PATH,
    LinkCaseClosed,
    LinkRevoked,
    PartyLinkError,
    party_link_code_mint,
    party_link_mint,
)

from ..models import Message

LINK_PLACEHOLDER = "[secure link — sent to the recipient only]"


class LinkNotSendable(Exception):
    pass


def message_body_to_send(message: Message) -> str:
    """The body with a freshly made link (e-mail, text) or a letter code in place of the placeholder.
    Raises LinkNotSendable when the link was stopped, has expired or its case has closed."""
    link = message.party_link
    if link is None:
        return message.body
    try:
        if message.channel == Message.Channel.LETTER:
            code = party_link_code_mint(link=link)
            inserted = f"Go to {message.link_site.rstrip('/')}{CODE_PATH} and type in this code: {code}"
        else:
            inserted = message.link_site.rstrip("/") + party_link_mint(link=link)
    except PartyLinkError as problem:
        raise LinkNotSendable(
            f"The secure link in this message was {_why(problem)} before it was sent. "
            "Make a new link if it is still needed.") from problem
    return message.body.replace(LINK_PLACEHOLDER, inserted)


def _why(problem: PartyLinkError) -> str:
    if isinstance(problem, LinkRevoked):
        return "stopped"
    if isinstance(problem, LinkCaseClosed):
        return "no longer needed because the case closed"
    return "out of date"
