"""Signed, single-purpose, expiring, revocable links. The URL carries a random token plus an HMAC signature,
so a changed link is refused before the database is asked; only a SHA-256 hash of the token is stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core import signing
from django.db import transaction
from django.db.models import F

from senmediation.cases.services.events import case_event_record
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.rules.links import MAX_DAYS_VALID, link_days_default

from ..models import PartyLink, Purpose

_SIGNER_SALT = "senmediation.portal.party-link"


class PartyLinkError(ServiceError):
    status = 404


class LinkTampered(PartyLinkError):
    pass


class LinkUnknown(PartyLinkError):
    pass


class LinkExpired(PartyLinkError):
    status = 410


class LinkRevoked(PartyLinkError):
    status = 410


def _signer() -> signing.Signer:
    return signing.Signer(salt=_SIGNER_SALT, sep=".")


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def party_link_path(token: str) -> str:
    return f"/p/{token}/"


def party_link_create(*, party: Any, purpose: str, by: Any, days_valid: int | None = None) -> tuple[
        PartyLink, str]:
    """A new link for one party and one purpose; returns the link and its URL path `/p/<token>/`.
    Without `days_valid` it lasts the shortest time its purpose needs (rules/links.py)."""
    if purpose not in Purpose.values:
        raise ServiceError("Choose what the link is for.", field="purpose")
    days_valid = link_days_default(purpose) if days_valid is None else days_valid
    if not 1 <= days_valid <= MAX_DAYS_VALID:
        raise ServiceError(f"A link can last from 1 to {MAX_DAYS_VALID} days.", field="days_valid")
    raw = secrets.token_urlsafe(32)
    now = clock.now()
    with transaction.atomic():
        link = PartyLink.objects.create(
            party=party, purpose=purpose, token_hash=token_hash(raw), created_at=now,
            expires_at=now + dt.timedelta(days=days_valid), created_by=by if getattr(by, "pk", None) else None,
        )
        case_event_record(case=party.case, by=by, kind="updated",
                          summary=f"Secure link made for {party.name} to {Purpose(purpose).label}")
    return link, party_link_path(_signer().sign(raw))


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


def party_link_resolve(token: str) -> PartyLink:
    """The live link for a token, or LinkTampered / LinkUnknown / LinkExpired / LinkRevoked."""
    try:
        raw = _signer().unsign(token)
    except signing.BadSignature:
        raise LinkTampered("This link is not right. It may have been copied wrongly.") from None
    link = PartyLink.objects.select_related("party", "party__case").filter(token_hash=token_hash(raw)).first()
    if link is None:
        raise LinkUnknown("We cannot find this link.")
    if link.revoked_at:
        raise LinkRevoked("This link has been stopped.")
    if link.expires_at <= clock.now():
        raise LinkExpired("This link has expired.")
    if not link.party.case.is_open and link.purpose != Purpose.FEEDBACK:
        # A closed case needs nothing more from the parties; feedback is asked for at the end and shows
        # nothing of the case.
        raise LinkExpired("This link has stopped working because the case has closed.")
    return link


def party_link_touch(*, link: PartyLink) -> None:
    """Counts an opening of the link (not a timeline event: submissions are)."""
    PartyLink.objects.filter(pk=link.pk).update(use_count=F("use_count") + 1, last_used_at=clock.now())


def party_link_issue(*, party: Any, purpose: str, by: Any, base_url: str, days_valid: int | None = None) -> tuple[
        PartyLink, str, Any]:
    """Makes a link and sends it to the party the way they asked to be contacted."""
    from senmediation.notifications.services import notification_send

    with transaction.atomic():
        link, path = party_link_create(party=party, purpose=purpose, by=by, days_valid=days_valid)
        message = notification_send(
            template_key="party_link", party=party, case=party.case, by=by,
            idempotency_key=f"party-link:{link.pk}",
            context={"link_url": base_url.rstrip("/") + path, "link_purpose": link.get_purpose_display(),
                     "link_expires": f"{clock.local(link.expires_at):%-d %B %Y}"},
        )
    return link, path, message
