"""Putting a party's secure link into a message only as it leaves (see portal/services/tokens.py for why).

The stored body holds LINK_PLACEHOLDER where the link goes, so the staff pages, the admin and backups
show that a link was sent but never the link itself. Only the message id is queued for the worker.

A letter is stored (its PDF in `letters/`, the case copy) with the code masked; the code is minted only when
staff download the print copy, which is streamed and never saved (letters.py)."""

from __future__ import annotations

from senmediation.portal.services.tokens import (
    CODE_PATH,
    LinkCaseClosed,
    LinkRevoked,
    PartyLinkError,
    party_link_check,
    party_link_code_mint,
    party_link_mint,
)

from ..models import Message

LINK_PLACEHOLDER = "[secure link — sent to the recipient only]"
CODE_MASK = "XXXXX-XXXXX"
CODE_MASK_NOTE = "(the code is printed on the posted copy only)"


class LinkNotSendable(Exception):
    pass


def code_sentence(message: Message, code: str = "") -> str:
    """"Go to <site>/p/code/ and type in this code: <code>" (without `code`, the words that lead to it)."""
    return f"Go to {message.link_site.rstrip('/')}{CODE_PATH} and type in this code: {code}".rstrip()


def letter_body_masked(message: Message) -> str:
    """The letter as stored for the case record: the code's place says it is on the posted copy only."""
    return message.body.replace(LINK_PLACEHOLDER, f"{code_sentence(message, CODE_MASK)} {CODE_MASK_NOTE}")


def message_body_to_send(message: Message) -> str:
    """The body with a freshly made link (e-mail, text) in place of the placeholder; a letter's body with the
    code masked (nothing is minted: the code goes in only when the print copy is made, letter_body_to_print).
    Raises LinkNotSendable when the link was stopped, has expired or its case has closed."""
    link = message.party_link
    if link is None:
        return message.body
    try:
        if message.channel == Message.Channel.LETTER:
            party_link_check(link)
            return letter_body_masked(message)
        inserted = message.link_site.rstrip("/") + party_link_mint(link=link)
    except PartyLinkError as problem:
        raise LinkNotSendable(
            f"The secure link in this message was {link_problem_why(problem)} before it was sent. "
            "Make a new link if it is still needed.") from problem
    return message.body.replace(LINK_PLACEHOLDER, inserted)


def letter_body_to_print(message: Message) -> str:
    """The letter's body with a fresh code, which replaces the link's earlier code (so an earlier print copy's
    code stops working). Raises LinkNotSendable when the link was stopped, has expired or its case closed."""
    link = message.party_link
    if link is None:
        return message.body
    try:
        code = party_link_code_mint(link=link)
    except PartyLinkError as problem:
        raise LinkNotSendable(
            f"The secure link in this letter was {link_problem_why(problem)}, so it cannot be printed. "
            "Make a new link if it is still needed.") from problem
    return message.body.replace(LINK_PLACEHOLDER, code_sentence(message, code))


def link_problem_why(problem: PartyLinkError) -> str:
    """Why a link cannot be used, to follow "The secure link in this message was ..."."""
    if isinstance(problem, LinkRevoked):
        return "stopped"
    if isinstance(problem, LinkCaseClosed):
        return "no longer needed because the case closed"
    return "out of date"
