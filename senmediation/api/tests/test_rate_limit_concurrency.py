"""A key's calls sent in parallel get exactly the minute's allowance."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import close_old_connections

from senmediation.api.keys import rate_limit_hit

from .helpers import key_for, la_organisation

pytestmark = pytest.mark.django_db(transaction=True)
NOW = dt.datetime(2026, 11, 2, 10, 20, 15, tzinfo=dt.UTC)


def test_thirty_parallel_calls_get_exactly_the_limit(reference_data: None, settings: Any) -> None:
    settings.API_RATE_LIMIT_PER_MINUTE = 10
    key, _ = key_for(la_organisation())
    other, _ = key_for(la_organisation("E08000007"))
    start = threading.Barrier(30)

    def call(_: int) -> bool:
        try:
            start.wait()
            return rate_limit_hit(key=key, now=NOW).allowed
        finally:
            close_old_connections()

    with ThreadPoolExecutor(max_workers=30) as pool:
        allowed = list(pool.map(call, range(30)))
    assert allowed.count(True) == 10
    refused = rate_limit_hit(key=key, now=NOW)
    assert (refused.allowed, refused.retry_after) == (False, 45)
    assert rate_limit_hit(key=other, now=NOW).allowed
    assert rate_limit_hit(key=key, now=NOW + dt.timedelta(minutes=1)).allowed
