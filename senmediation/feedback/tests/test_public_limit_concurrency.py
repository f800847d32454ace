"""Complaints and feedback sent in parallel from one address get exactly the hour's allowance."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import close_old_connections

from senmediation.feedback.services.public import address_hash, public_submit

pytestmark = pytest.mark.django_db(transaction=True)
NOW = dt.datetime(2026, 11, 2, 10, 20, tzinfo=dt.UTC)


def test_twelve_parallel_sends_get_exactly_the_limit(settings) -> None:
    settings.FEEDBACK_RATE_LIMIT_PER_HOUR = 5
    start = threading.Barrier(12)

    def send(number: int) -> str:
        try:
            start.wait()
            return public_submit(kind="feedback", idempotency_key=f"parallel-key-{number:04d}", now=NOW,
                                 address=address_hash("203.0.113.9"), trapped=False, make=lambda: "").status
        finally:
            close_old_connections()

    with ThreadPoolExecutor(max_workers=12) as pool:
        outcomes = list(pool.map(send, range(12)))
    assert (outcomes.count("created"), outcomes.count("rate_limited")) == (5, 7)
