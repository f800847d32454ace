"""Signed, single-purpose, expiring, revocable links. The URL carries a random token plus an HMAC signature,
so a changed link is refused before the database is asked; only a SHA-256 hash of the token is stored.
A link sent to a party gets its secret only as the message leaves (see tokens.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F

from senmediation.cases.services.events import case_event_record
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.notifications.models import Message
from senmediation.notifications.services import notification_send
from senmediation.notifications.services.routing import Route
from senmediation.rules.expenses import claimant_allowed
from senmediation.rules.links import MAX_DAYS_VALID, link_days_default, opens_family_page

from ..models import PartyLink, Purpose
from .tokens import (
    LinkExpired,
    LinkRevoked,
    LinkTampered,
    LinkUnknown,
    PartyLinkError,
    party_link_resolve,
    party_link_secret_new,
)

__all__ = [
    "LinkExpired", "LinkRevoked", "LinkTampered", "LinkUnknown", "PartyLinkError", "party_link_create",
    "party_link_issue", "party_link_resolve", "party_link_revoke", "party_link_send", "party_link_touch",
]


def party_link_create(*, party: Any, purpose: str, by: Any, days_valid: int | None = None) -> tuple[
        PartyLink, str]:
    """A new link for one party and one purpose; returns the link and its URL path `/p/<token>/`.
    Without `days_valid` it lasts the shortest time its purpose needs (rules/links.py)."""
    if purpose not in Purpose.values:
        raise ServiceError("Choose what the link is for.", field="purpose")
    if purpose == Purpose.EXPENSES and not claimant_allowed(party.role):
        raise ServiceError("Only the parent or the young person can claim expenses (SEND Regulations 2014 "
                           "reg 41(1)). Choose them, or another purpose.", field="purpose")
    if purpose in (Purpose.CASE, Purpose.DOCUMENTS) and not opens_family_page(party.role):
        raise ServiceError(f"Only the family has a case page: the parent, the young person or someone who acts for "
                           f"them. {party.name} is the {party.get_role_display().lower()}: choose what they need "
                           f"to do instead.", field="purpose")
    if purpose == Purpose.DOCUMENTS and party.case.is_open:
        raise ServiceError("A documents link is for a case that has closed. This case is still open: send a link "
                           "to see their case instead.", field="purpose")
    days_valid = link_days_default(purpose) if days_valid is None else days_valid
    if not 1 <= days_valid <= MAX_DAYS_VALID:
        raise ServiceError(f"A link can last from 1 to {MAX_DAYS_VALID} days.", field="days_valid")
    stored, path = party_link_secret_new()
    now = clock.now()
    with transaction.atomic():
        link = PartyLink.objects.create(
            party=party, purpose=purpose, token_hash=stored, created_at=now,
            expires_at=now + dt.timedelta(days=days_valid), created_by=by if getattr(by, "pk", None) else None,
        )
        case_event_record(case=party.case, by=by, kind="updated",
                          summary=f"Secure link made for {party.name} to {Purpose(purpose).label}")
    return link, path


def party_link_revoke(*, link: PartyLink, by: Any) -> PartyLink:
    if link.revoked_at:
        raise ServiceError("That link was already stopped.")
    with transaction.atomic():
        link.revoked_at = clock.now()
        link.revoked_by = by if getattr(by, "pk", None) else None
        link.save(update_fields=["revoked_at", "revoked_by"])
        case_event_record(case=link.party.case, by=by, kind="updated",
                          summary=f"Secure link for {link.party.name} to {link.get_purpose_display()} stopped")
    return link


def party_link_touch(*, link: PartyLink) -> None:
    """Counts an opening of the link (not a timeline event: submissions are)."""
    PartyLink.objects.filter(pk=link.pk).update(use_count=F("use_count") + 1, last_used_at=clock.now())


def party_link_send(*, link: PartyLink, template_key: str, base_url: str, idempotency_key: str, by: Any,
                    context: dict[str, Any] | None = None, route: Route | None = None) -> Message:
    """Sends `link` to its party in the message `template_key`. The stored message says where the link goes
    but not what it is: the worker puts in a freshly made link (or a letter's code) as it sends. Without
    `route` it goes the way the party asked to be contacted; with it, only there (the lost-link page sends
    to the address the family typed in, never to another one)."""
    return notification_send(
        template_key=template_key, party=link.party, case=link.party.case, by=by, idempotency_key=idempotency_key,
        party_link=link, link_site=base_url, route=route,
        context={"link_expires": f"{clock.local(link.expires_at):%-d %B %Y}", **(context or {})},
    )


def party_link_issue(*, party: Any, purpose: str, by: Any, base_url: str, days_valid: int | None = None) -> tuple[
        PartyLink, Message]:
    """Makes a link and sends it to the party the way they asked to be contacted."""
    with transaction.atomic():
        link, _ = party_link_create(party=party, purpose=purpose, by=by, days_valid=days_valid)
        message = party_link_send(link=link, template_key="party_link", base_url=base_url, by=by,
                                  idempotency_key=f"party-link:{link.pk}",
                                  context={"link_purpose": link.get_purpose_display()})
    return link, message
