"""Which way a message goes: the first of the person's preferences that we can actually use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings


def notify_api_key() -> str:
    return str(getattr(settings, "NOTIFY_API_KEY", "") or "")


def notify_sms_ready() -> bool:
    return bool(notify_api_key() and getattr(settings, "NOTIFY_SMS_TEMPLATE_ID", ""))


def notify_email_ready() -> bool:
    return bool(notify_api_key() and getattr(settings, "NOTIFY_EMAIL_TEMPLATE_ID", ""))


@dataclass(frozen=True)
class Route:
    channel: str  # email | sms | letter | call_task
    to: str


def route_choose(*, preferred: list[str], email: str, phone: str, address: str, name: str,
                 sms_available: bool) -> Route:
    """Preferences in the person's order; text falls through to the next one when Notify is not set up;
    with nothing electronic that works, a letter (it can always be printed and posted or handed over)."""
    for choice in preferred:
        if choice == "email" and email:
            return Route("email", email)
        if choice == "text" and phone and sms_available:
            return Route("sms", phone)
        if choice == "letter":
            break
        if choice == "phone" and phone:
            return Route("call_task", phone)
    return Route("letter", "\n".join(line for line in [name, address.strip()] if line))


def route_for_party(party: Any) -> Route:
    return route_choose(
        preferred=list(party.preferred_contact or []), email=party.email or "", phone=party.phone or "",
        address=party.address or "", name=party.name, sms_available=notify_sms_ready(),
    )


def route_gap(route: Route, *, name: str, address: str | None) -> str:
    """Why `route` cannot reach its person, in plain English, or "" when it can. `address` is the person's
    postal address (None when there is no party to ask: the route's own lines are then all we know)."""
    who = name or "this person"
    if route.channel == "letter":
        has_address = bool(address.strip()) if address is not None else bool(route.to.strip())
        if not has_address:
            return f"No postal address for {who}: add one to send this letter"
    elif route.channel == "email" and not route.to.strip():
        return f"No e-mail address for {who}: add one to send this e-mail"
    elif route.channel == "sms" and not route.to.strip():
        return f"No phone number for {who}: add one to send this text message"
    elif route.channel == "call_task" and not route.to.strip():
        return f"No phone number for {who}: add one to make this call"
    return ""


def route_gap_for_party(route: Route, party: Any) -> str:
    if party is None:
        return route_gap(route, name="", address=None)
    return route_gap(route, name=party.name, address=party.address or "")
