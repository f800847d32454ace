"""Opening a link with the code printed in a letter, with wrong codes limited per internet address."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from senmediation.core import clock
from senmediation.core.errors import ServiceError

from ..models import CodeFailure
from .tokens import LinkUnknown, party_link_resolve_code

CODE_ATTEMPTS_PER_HOUR_DEFAULT = 10
WINDOW = dt.timedelta(hours=1)


class CodeAttemptsLimited(ServiceError):
    status = 429


def _limit() -> int:
    return int(getattr(settings, "PARTY_CODE_ATTEMPTS_PER_HOUR", CODE_ATTEMPTS_PER_HOUR_DEFAULT))


def party_link_open_by_code(*, code: str, ip_address: str | None) -> str:
    """The URL path that opens the link a letter's code belongs to (a fresh secret each time), or
    CodeAttemptsLimited after too many wrong codes from this address in an hour, LinkUnknown for a wrong
    code, LinkExpired / LinkRevoked for a code whose link no longer works."""
    now = clock.now()
    if CodeFailure.objects.filter(ip_address=ip_address, at__gte=now - WINDOW).count() >= _limit():
        raise CodeAttemptsLimited(
            "You have entered too many wrong codes. Wait an hour and try again, or call us and we will help.")
    try:
        _, path = party_link_resolve_code(code)
    except LinkUnknown:
        CodeFailure.objects.filter(at__lt=now - WINDOW).delete()  # kept only as long as the limit needs
        CodeFailure.objects.create(ip_address=ip_address, at=now)
        raise
    return path
