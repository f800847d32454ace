"""Issuing, checking and revoking API keys, and counting each key's calls."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from senmediation.core import clock

from .models import SCOPES, ApiKey, Organisation, RateWindow

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


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    retry_after: int = 0


def rate_limit_per_minute() -> int:
    return int(getattr(settings, "API_RATE_LIMIT_PER_MINUTE", 120))


def rate_limit_hit(*, key: ApiKey, now: dt.datetime) -> RateDecision:
    """Counts one call in the key's current minute; refuses once the minute's allowance is used."""
    epoch = int(now.timestamp())
    start_seconds = epoch - epoch % RATE_WINDOW_SECONDS
    start = dt.datetime.fromtimestamp(start_seconds, tz=dt.UTC)
    for _ in range(2):
        updated = RateWindow.objects.filter(key=key, window_start=start).update(count=F("count") + 1)
        if updated:
            break
        try:
            with transaction.atomic():
                RateWindow.objects.create(key=key, window_start=start, count=1)
            RateWindow.objects.filter(key=key, window_start__lt=start).delete()
            break
        except IntegrityError:  # another server made this minute's row first: count on it
            continue
    count = RateWindow.objects.filter(key=key, window_start=start).values_list("count", flat=True).first() or 0
    if count > rate_limit_per_minute():
        return RateDecision(False, max(1, start_seconds + RATE_WINDOW_SECONDS - epoch))
    return RateDecision(True)
