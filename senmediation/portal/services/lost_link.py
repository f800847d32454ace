""""I've lost my link": a family asks for a fresh link to their case page with their case reference and the
e-mail address or mobile number we hold for them.

The answer is the same whether or not the details match, so the page cannot be used to find out who is a
party to which case. The new link goes only to the address or number that matched, never to another one
we hold, so knowing someone's reference is not enough to reach their case. Requests are limited an hour:
per internet address (then a 429 page), and per e-mail address or number and per case reference (then
nothing is sent, with the same answer), so the page cannot be used to flood a family with messages or to
guess the contact details of one case from many addresses.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from senmediation.audit.retention import case_documents_kept
from senmediation.cases.models import Party
from senmediation.cases.search import phone_normalised
from senmediation.cases.services.references import PREFIXES
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.core.ratelimit import rate_limit_hit
from senmediation.notifications.models import Message
from senmediation.notifications.services.routing import Route, notify_sms_ready
from senmediation.rules.links import FAMILY_PAGE_ROLES

from ..models import Purpose
from .links import party_link_create, party_link_send

WINDOW = dt.timedelta(hours=1)
LIMITS_DEFAULT = {"ip": 20, "address": 3, "case": 5}
TEMPLATE_KEY = "party_link_lost"
REFERENCE_PATTERN = re.compile(rf"^({'|'.join(PREFIXES.values())})-\d{{4}}-\d{{5,}}$")
_SEPARATORS = re.compile(r"[\s\u2010-\u2015_/-]+")
MOBILE_PATTERN = re.compile(r"^07\d{9}$")


class LostLinkLimited(ServiceError):
    status = 429


@dataclass(frozen=True)
class Contact:
    """What the family typed, normalised: an e-mail address in lower case, or a mobile as 07 and 9 digits."""

    kind: str  # "email" | "mobile"
    value: str


def reference_normalise(text: str) -> str:
    """'med 2026 00042' and 'MED–2026–00042' both give 'MED-2026-00042'."""
    return _SEPARATORS.sub("-", text.strip().upper()).strip("-")


def reference_valid(text: str) -> bool:
    return bool(REFERENCE_PATTERN.match(reference_normalise(text)))


def contact_parse(text: str) -> Contact | None:
    """An e-mail address or a UK mobile number (spaces, +44 or 0044 allowed), or None for anything else."""
    text = text.strip()
    if "@" in text:
        local, _, domain = text.rpartition("@")
        return Contact("email", text.lower()) if local and "." in domain and " " not in text else None
    digits = phone_normalised(text)
    if re.fullmatch(r"[\d\s()+.-]+", text) and MOBILE_PATTERN.match(digits):
        return Contact("mobile", digits)
    return None


def _limits() -> dict[str, int]:
    return {**LIMITS_DEFAULT, **getattr(settings, "PORTAL_LOST_LINK_LIMITS", {})}


def _within(scope: str, key: str, limit: int) -> bool:
    return rate_limit_hit(scope=f"lost-link-{scope}", key=key, limit=limit, window=WINDOW, now=clock.now()).allowed


def _matches(party: Party, contact: Contact) -> bool:
    if contact.kind == "email":
        return bool(party.email) and party.email.strip().lower() == contact.value
    return bool(party.phone) and phone_normalised(party.phone) == contact.value


def _route(contact: Contact) -> Route:
    if contact.kind == "email":
        return Route("email", contact.value)
    # Without text messages set up, a coordinator phones that number and reads out a code instead.
    return Route("sms" if notify_sms_ready() else "call_task", contact.value)


def lost_link_request(*, reference: str, contact: str, ip_address: str | None, base_url: str) -> Message | None:
    """Sends a fresh link to the family party of case `reference` whose e-mail address or mobile number is
    `contact`, to that address or number only: a link to their case page while the case is open, or to
    download its documents once it has closed, while the retention rules keep them. Returns the message,
    or None when nothing was sent (no match, a closed case whose documents are gone, or a per-address or
    per-case limit reached): the caller shows the same answer either way. Raises LostLinkLimited after too
    many requests from one internet address."""
    limits = _limits()
    if not _within("ip", ip_address or "unknown", limits["ip"]):
        raise LostLinkLimited("You have asked for a new link too many times. Wait an hour and try again, or call "
                              "us and we will help.")
    wanted, reference = contact_parse(contact), reference_normalise(reference)
    if wanted is None or not REFERENCE_PATTERN.match(reference):
        return None
    # Both counted on every request, so neither limit can be dodged by varying the other detail.
    address_ok = _within("address", f"{wanted.kind}:{wanted.value}", limits["address"])
    case_ok = _within("case", reference, limits["case"])
    if not (address_ok and case_ok):
        return None
    candidates = (Party.objects.select_related("case").filter(case__reference=reference, role__in=FAMILY_PAGE_ROLES)
                  .order_by("-is_main_contact", "pk"))
    party = next((candidate for candidate in candidates if _matches(candidate, wanted)), None)
    if party is None:
        return None
    case = party.case
    if case.is_open:
        purpose = Purpose.CASE
    elif case_documents_kept(case, today=clock.today()):
        purpose = Purpose.DOCUMENTS
    else:
        return None
    with transaction.atomic():
        link, _ = party_link_create(party=party, purpose=purpose, by=None)
        return party_link_send(link=link, template_key=TEMPLATE_KEY, base_url=base_url, by=None,
                               idempotency_key=f"party-link-lost:{link.pk}", route=_route(wanted),
                               context={"link_purpose": link.get_purpose_display()})
