"""Issuing, checking and revoking API keys, and counting each key's calls."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from senmediation.core import clock
from senmediation.core.ratelimit import Decision
from senmediation.core.ratelimit import rate_limit_hit as core_rate_limit_hit

from .models import SCOPES, ApiKey, Organisation

KEY_START = "sm_"
DEFAULT_DAYS = 365
RATE_WINDOW_SECONDS = 60


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_key_issue(
    *, organisation: Organisation, name: str, scopes: Iterable[str], by: Any, expires_at: dt.datetime | None = None,
) -> tuple[ApiKey, str]:
    """Creates a key and returns it with the only copy of its secret: show it once, never store it."""
    chosen = sorted(set(scopes))
    unknown = [scope for scope in chosen if scope not in SCOPES]
    if unknown:
        raise ValueError(f"Unknown scopes: {', '.join(unknown)}")
    prefix = secrets.token_hex(6)
    token = f"{KEY_START}{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(
        organisation=organisation, name=name, prefix=prefix, key_hash=_digest(token), scopes=chosen,
        expires_at=expires_at or clock.now() + dt.timedelta(days=DEFAULT_DAYS), created_by=by,
    )
    return key, token


def api_key_revoke(*, key: ApiKey) -> None:
    if key.revoked_at is None:
        key.revoked_at = clock.now()
        key.save(update_fields=["revoked_at"])


def api_key_find(token: str, *, now: dt.datetime) -> ApiKey | None:
    """The live key for this token, or None when it is unknown, wrong, revoked or expired."""
    parts = token.split("_")
    if len(parts) < 3 or not token.startswith(KEY_START) or len(parts[1]) > 16:
        return None
    key = ApiKey.objects.select_related("organisation").filter(prefix=parts[1]).first()
    if key is None or not hmac.compare_digest(key.key_hash, _digest(token)):
        return None
    if key.revoked_at is not None or key.expires_at <= now:
        return None
    # Written at most once a minute per key: enough to tell a manager whether a key is in use.
    if key.last_used_at is None or now - key.last_used_at > dt.timedelta(minutes=1):
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


def rate_limit_per_minute() -> int:
    return int(getattr(settings, "API_RATE_LIMIT_PER_MINUTE", 120))


def rate_limit_hit(*, key: ApiKey, now: dt.datetime) -> Decision:
    """Counts one call in the key's current minute (core/ratelimit.py, atomic on every server);
    refuses, with the seconds left in the minute, once the minute's allowance is used."""
    return core_rate_limit_hit(scope="api-key", key=str(key.pk), limit=rate_limit_per_minute(),
                               window=dt.timedelta(seconds=RATE_WINDOW_SECONDS), now=now)
