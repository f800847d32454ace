"""The second sign-in step: TOTP devices (authenticator apps) and single-use recovery codes."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"


def otp_required() -> bool:
    return bool(getattr(settings, "OTP_REQUIRED", False))


def totp_confirmed(*, user: Any) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def totp_device_pending(*, user: Any) -> TOTPDevice:
    """The unconfirmed device being set up (one at a time): made on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def totp_secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def totp_qr_data_uri(device: TOTPDevice) -> str:
    """The provisioning link as an SVG QR code in a data: URI (CSP allows data: images, no scripts)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    svg = image.to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def recovery_code_digest(code: str) -> str:
    """What is stored for a recovery code: a keyed hash (16 hex characters fit django-otp's column).
    Keyed with SECRET_KEY, so a copy of the database alone cannot be searched for the codes."""
    normalised = "".join(code.split()).lower()
    return hmac.new(settings.SECRET_KEY.encode(), b"recovery-code:" + normalised.encode(), hashlib.sha256).hexdigest()[:16]


def recovery_codes_issue(*, user: Any) -> list[str]:
    """New single-use recovery codes, replacing any old ones. Shown once, stored only hashed."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=recovery_code_digest(code)) for code in codes])
    return codes


def totp_setup_confirm(*, user: Any, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirms the new app if `token` is right; returns fresh recovery codes, or None if wrong."""
    with transaction.atomic():
        if not device.verify_token(token):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        return recovery_codes_issue(user=user)


def second_factor_match(*, user: Any, token: str) -> Device | None:
    """The confirmed device (app or recovery codes) that accepts `token`, if any."""
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            candidate = recovery_code_digest(token) if isinstance(device, StaticDevice) else token
            if device.verify_token(candidate):
                return device
    return None


def recovery_codes_left(*, user: Any) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def devices_confirmed(*, user: Any) -> list[Device]:
    return list(devices_for_user(user, confirmed=True))
