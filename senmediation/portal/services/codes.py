"""Opening a link with the code printed in a letter, with wrong codes limited per internet address."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.core.ratelimit import rate_limit_hit, rate_limit_refund

from .tokens import LinkUnknown, party_link_resolve_code

CODE_ATTEMPTS_PER_HOUR_DEFAULT = 10
WINDOW = dt.timedelta(hours=1)
SCOPE = "letter-code"


class CodeAttemptsLimited(ServiceError):
    status = 429


def _limit() -> int:
    return int(getattr(settings, "PARTY_CODE_ATTEMPTS_PER_HOUR", CODE_ATTEMPTS_PER_HOUR_DEFAULT))


def party_link_open_by_code(*, code: str, ip_address: str | None) -> str:
    """The URL path that opens the link a letter's code belongs to (a fresh secret each time), or
    CodeAttemptsLimited after too many wrong codes from this address in an hour, LinkUnknown for a wrong
    code, LinkExpired / LinkRevoked for a code whose link no longer works.

    Each try is counted before the code is checked (atomically, so parallel guesses cannot slip past)
    and given back unless the code was wrong: only wrong codes use up the allowance."""
    now, key = clock.now(), ip_address or "unknown"
    if not rate_limit_hit(scope=SCOPE, key=key, limit=_limit(), window=WINDOW, now=now).allowed:
        raise CodeAttemptsLimited(
            "You have entered too many wrong codes. Wait an hour and try again, or call us and we will help.")
    try:
        _, path = party_link_resolve_code(code)
    except LinkUnknown:
        raise
    except BaseException:
        rate_limit_refund(scope=SCOPE, key=key, window=WINDOW, now=now)
        raise
    rate_limit_refund(scope=SCOPE, key=key, window=WINDOW, now=now)
    return path
