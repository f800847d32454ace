"""Wrong passwords sent in parallel get exactly LOGIN_FAILURE_LIMIT tries before the lock."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import close_old_connections
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)


def test_twelve_parallel_wrong_passwords_get_exactly_the_limit(coordinator, settings) -> None:
    settings.OTP_REQUIRED = False
    settings.LOGIN_FAILURE_LIMIT = 5
    start = threading.Barrier(12)

    def guess(_: int) -> str:
        try:
            client = Client()
            start.wait()
            page = client.post("/accounts/sign-in/", {"username": "coord", "password": "wrong"}).content.decode()
        finally:
            close_old_connections()
        return "locked" if "this account is locked" in page else "tried" if "is not right" in page else "other"

    with ThreadPoolExecutor(max_workers=12) as pool:
        outcomes = list(pool.map(guess, range(12)))
    assert (outcomes.count("tried"), outcomes.count("locked")) == (5, 7)
