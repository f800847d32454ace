"""The one rate limiter: every throttle of the service counts here (docs/security.md, "One rate limiter").

A limit is a scope (what is limited), a key (who: a client address, an account, an API key; only a
keyed hash of it is stored), a number and a fixed window. `rate_limit_hit` counts one hit with a single
statement, `INSERT ... ON CONFLICT (scope, key_hash, window_start) DO UPDATE SET count = count + 1
RETURNING count`, which SQLite (3.35+) and PostgreSQL both run atomically: parallel requests on any
number of servers each get their own number, so exactly `limit` of them are allowed, never more.

`rate_limit_peek` looks without counting; `rate_limit_refund` gives back a hit that turned out not to
count (a right code, a right password), so a limit on failures can still be checked atomically
before the attempt; `rate_limit_clear` forgets a key; `rate_limit_prune` (nightly,
`manage.py ratelimit_prune`) removes windows that ended more than a day ago."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import F

from . import clock
from .models import RateCounter

KEEP = dt.timedelta(days=1)

_HIT = """
INSERT INTO {table} ({scope}, {key_hash}, {window_start}, {expires_at}, {count}, {last_at})
VALUES (%s, %s, %s, %s, 1, %s)
ON CONFLICT ({scope}, {key_hash}, {window_start}) DO UPDATE SET
    {count} = {table}.{count} + 1,
    {last_at} = CASE WHEN {table}.{count} < %s THEN excluded.{last_at} ELSE {table}.{last_at} END
RETURNING {count}
"""


@dataclass(frozen=True)
class Decision:
    """`allowed`: for a hit, whether it was within the limit; for a peek, whether the next hit would be.
    `retry_after`: whole seconds until the window ends. `last_at`: the last hit counted within the limit."""

    allowed: bool
    count: int
    limit: int
    window_start: dt.datetime
    retry_after: int
    last_at: dt.datetime | None = None


def key_hash(key: str) -> str:
    """A keyed hash (HMAC-SHA256 with SECRET_KEY) of an address or other key: enough to count, useless
    to anyone else."""
    return hmac.new(settings.SECRET_KEY.encode(), key.encode(), hashlib.sha256).hexdigest()


def _window(window: dt.timedelta, now: dt.datetime | None) -> tuple[dt.datetime, dt.datetime, int]:
    """The start and end of the fixed window `now` falls in, and the seconds left in it."""
    now = now or clock.now()
    seconds = int(window.total_seconds())
    if seconds < 1:
        raise ValueError("A rate limit's window is at least a second.")
    epoch = now.timestamp()
    start_epoch = int(epoch) - int(epoch) % seconds
    start = dt.datetime.fromtimestamp(start_epoch, tz=dt.UTC)
    return start, start + dt.timedelta(seconds=seconds), max(1, int(start_epoch + seconds - epoch))


def rate_limit_hit(
    *, scope: str, key: str, limit: int, window: dt.timedelta, now: dt.datetime | None = None,
) -> Decision:
    """Counts one hit and says whether it is within `limit` for this window (one atomic statement)."""
    now = now or clock.now()
    start, end, left = _window(window, now)
    ops, quote = connection.ops, connection.ops.quote_name
    names = {field: quote(field) for field in ("scope", "key_hash", "window_start", "expires_at", "count", "last_at")}
    sql = _HIT.format(table=quote(RateCounter._meta.db_table), **names)
    with connection.cursor() as cursor:
        cursor.execute(sql, [scope, key_hash(key), ops.adapt_datetimefield_value(start),
                             ops.adapt_datetimefield_value(end), ops.adapt_datetimefield_value(now), limit])
        row = cursor.fetchone()
    count = int(row[0])
    return Decision(count <= limit, count, limit, start, left, now if count <= limit else None)


def rate_limit_peek(
    *, scope: str, key: str, limit: int, window: dt.timedelta, now: dt.datetime | None = None,
) -> Decision:
    """The count so far in this window, counting nothing; `allowed` says whether one more hit would be."""
    start, _, left = _window(window, now)
    row = (RateCounter.objects.filter(scope=scope, key_hash=key_hash(key), window_start=start)
           .values_list("count", "last_at").first())
    count, last_at = row if row else (0, None)
    return Decision(count < limit, count, limit, start, left, last_at)


def rate_limit_refund(*, scope: str, key: str, window: dt.timedelta, now: dt.datetime | None = None) -> None:
    """Takes back one hit of this window (the attempt turned out not to count)."""
    start, _, _ = _window(window, now)
    (RateCounter.objects.filter(scope=scope, key_hash=key_hash(key), window_start=start, count__gt=0)
     .update(count=F("count") - 1))


def rate_limit_clear(*, scope: str, key: str) -> None:
    """Forgets every window of this key (e.g. an account's failures once its owner signs in)."""
    RateCounter.objects.filter(scope=scope, key_hash=key_hash(key)).delete()


def rate_limit_prune(*, now: dt.datetime | None = None) -> int:
    """Removes windows that ended more than a day ago; returns how many."""
    deleted, _ = RateCounter.objects.filter(expires_at__lt=(now or clock.now()) - KEEP).delete()
    return deleted
