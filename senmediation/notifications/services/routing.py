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
