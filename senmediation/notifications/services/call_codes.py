"""A code for a coordinator to read out on a call, when the message being phoned through carries a party's link.

A call's stored message holds LINK_PLACEHOLDER where the link goes (secure_links.py), and a link cannot be read
out anyway. So the call script shows the words that lead to a code ("Go to <site>/p/code/ and type in this
code:") and the coordinator asks for the code when they are on the phone: it is minted then, shown once on the
page that answers the request, and never stored, logged or put into the message. It is the letter's code
(portal/services/tokens.py): the link keeps one code, so minting it replaces any earlier one, and a letter
printed later for the same link replaces this one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from senmediation.cases.models import CaseEvent
from senmediation.cases.services.events import case_event_record
from senmediation.core.errors import ServiceError
from senmediation.portal.services.tokens import PartyLinkError, party_link_check, party_link_code_mint

from ..models import CallTask, Message
from .secure_links import LINK_PLACEHOLDER, code_sentence, link_problem_why


class CallCodeRefused(ServiceError):
    """No code can be made for this call; `message` says why and what to do."""

    status = 410


class CallHasNoLink(CallCodeRefused):
    status = 404


@dataclass(frozen=True)
class CallScript:
    """A call's message cut where its link goes: the words before it, the sentence that leads to the code (with
    the site's address), the words after it. `problem` says why no code can be made, when the link is not usable."""

    before: str
    code_sentence: str
    after: str
    problem: str = ""


@dataclass(frozen=True)
class CallCode:
    """What the page shows once: never stored."""

    code: str
    code_sentence: str
    party_name: str
    expires_at: dt.datetime


def _problem(problem: PartyLinkError) -> str:
    return (f"The secure link in this message was {link_problem_why(problem)}, so there is no code to read out. "
            "Make a new link if it is still needed.")


def call_script(message: Message | None) -> CallScript | None:
    """The script for a call whose message carries a party's link, or None when it carries none. Needs the
    message's link with its party and case loaded (selectors.call_tasks_open) to check the link."""
    if message is None or message.party_link is None or LINK_PLACEHOLDER not in message.body:
        return None
    sentence = code_sentence(message)
    before, _, after = (part.strip() for part in message.body.partition(LINK_PLACEHOLDER))
    # A manager's wording may name the link twice; the same code answers both.
    after = after.replace(LINK_PLACEHOLDER, f"{sentence} the same code")
    try:
        party_link_check(message.party_link)
    except PartyLinkError as problem:
        return CallScript(before, sentence, after, _problem(problem))
    return CallScript(before, sentence, after)


def call_code_mint(*, task: CallTask, by: Any) -> CallCode:
    """A fresh code for the link in the call's message, to read out now; any earlier code for the link stops
    working. Recorded on the case's timeline without the code. Raises CallHasNoLink when the message carries
    no link, CallCodeRefused when the call is done or the link was stopped, expired or its case closed."""
    message = task.message
    link = message.party_link if message is not None else None
    if message is None or link is None:
        raise CallHasNoLink("This call's message has no secure link, so there is no code to read out.")
    if task.done_at:
        raise CallCodeRefused("This call is marked as done, so there is no code to read out. Make a new link "
                              "if the person still needs one.")
    name = link.party.name
    try:
        with transaction.atomic():
            code = party_link_code_mint(link=link)  # one UPDATE: the new code's keyed hash replaces the old one
            case_event_record(case=link.party.case, by=by, kind=CaseEvent.Kind.UPDATED,
                              summary=f"A code was read out to {name} by phone")
    except PartyLinkError as problem:
        raise CallCodeRefused(_problem(problem)) from problem
    return CallCode(code=code, code_sentence=code_sentence(message), party_name=name, expires_at=link.expires_at)
