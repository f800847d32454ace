"""Test helpers for the second factor (test-only code)."""

from __future__ import annotations

import base64
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_device_make(user: Any) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)


def totp_code(device: TOTPDevice, *, offset_steps: int = 0) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset_steps):0{device.digits}d}"


def totp_code_from_secret(secret_text: str) -> str:
    """The current code for a base32 key as shown on the set-up page."""
    raw = secret_text.replace(" ", "").upper()
    key = base64.b32decode(raw + "=" * (-len(raw) % 8))
    return f"{totp(key):06d}"


def enrolment_path_make(user: Any) -> str:
    """A set-up link for `user`, made as at the console (manage.py staff_create), as its URL path."""
    from django.core import mail

    from senmediation.accounts.enrolment import enrolment_link_issue

    enrolment_link_issue(user=user, by=None, base_url="https://mediation.example.org/")
    return "/" + mail.outbox[-1].body.split("https://mediation.example.org/", 1)[1].split()[0]


def verified_client(user: Any, client: Client | None = None) -> Client:
    """Signed in with the second factor done, as after a real two-step sign-in."""
    client = client or Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or totp_device_make(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
