"""The one rate limiter: an atomic counter per (scope, hashed key, window) in the database."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import close_old_connections

from senmediation.core.models import RateCounter
from senmediation.core.ratelimit import (
    rate_limit_clear,
    rate_limit_hit,
    rate_limit_peek,
    rate_limit_prune,
    rate_limit_refund,
)

NOW = dt.datetime(2026, 11, 2, 10, 20, 30, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


@pytest.mark.django_db
def test_counts_up_to_the_limit_then_refuses_with_the_time_left() -> None:
    decisions = [rate_limit_hit(scope="test", key="203.0.113.9", limit=3, window=HOUR, now=NOW) for _ in range(5)]
    assert [d.allowed for d in decisions] == [True, True, True, False, False]
    assert [d.count for d in decisions] == [1, 2, 3, 4, 5]
    assert decisions[-1].retry_after == 39 * 60 + 30  # to the end of the hour's window
    assert rate_limit_hit(scope="test", key="203.0.113.10", limit=3, window=HOUR, now=NOW).allowed
    assert rate_limit_hit(scope="other", key="203.0.113.9", limit=3, window=HOUR, now=NOW).allowed
    # The next window starts afresh.
    assert rate_limit_hit(scope="test", key="203.0.113.9", limit=3, window=HOUR, now=NOW + HOUR).count == 1


@pytest.mark.django_db
def test_peek_counts_nothing_refund_gives_one_back_clear_forgets() -> None:
    assert rate_limit_peek(scope="test", key="k", limit=2, window=HOUR, now=NOW).count == 0
    rate_limit_hit(scope="test", key="k", limit=2, window=HOUR, now=NOW)
    rate_limit_hit(scope="test", key="k", limit=2, window=HOUR, now=NOW)
    peek = rate_limit_peek(scope="test", key="k", limit=2, window=HOUR, now=NOW)
    assert (peek.count, peek.allowed, peek.last_at) == (2, False, NOW)
    assert rate_limit_peek(scope="test", key="k", limit=2, window=HOUR, now=NOW).count == 2
    rate_limit_refund(scope="test", key="k", window=HOUR, now=NOW)
    assert rate_limit_peek(scope="test", key="k", limit=2, window=HOUR, now=NOW).allowed
    rate_limit_clear(scope="test", key="k")
    assert rate_limit_peek(scope="test", key="k", limit=2, window=HOUR, now=NOW).count == 0


@pytest.mark.django_db
def test_no_raw_key_is_stored_and_old_windows_are_pruned() -> None:
    rate_limit_hit(scope="test", key="203.0.113.9", limit=3, window=HOUR, now=NOW - dt.timedelta(days=2))
    rate_limit_hit(scope="test", key="203.0.113.9", limit=3, window=HOUR, now=NOW)
    stored = list(RateCounter.objects.values_list("scope", "key_hash"))
    assert all("203.0.113" not in key and len(key) == 64 for _, key in stored)
    assert rate_limit_prune(now=NOW) == 1
    assert RateCounter.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_hits_allow_exactly_the_limit() -> None:
    start = threading.Barrier(30)

    def hit(_: int) -> bool:
        try:
            start.wait()
            return rate_limit_hit(scope="test", key="203.0.113.9", limit=10, window=HOUR, now=NOW).allowed
        finally:
            close_old_connections()

    with ThreadPoolExecutor(max_workers=30) as pool:
        allowed = list(pool.map(hit, range(30)))
    assert allowed.count(True) == 10
    assert RateCounter.objects.get().count == 30


@pytest.mark.django_db
def test_the_nightly_command_prunes(time_machine) -> None:
    from io import StringIO

    from django.core.management import call_command

    rate_limit_hit(scope="test", key="k", limit=1, window=HOUR, now=NOW - dt.timedelta(days=2))
    time_machine.move_to(NOW, tick=False)
    out = StringIO()
    call_command("ratelimit_prune", stdout=out)
    assert out.getvalue() == "Removed 1 old rate-limit window.\n"
    assert not RateCounter.objects.exists()
