"""What the in-process page timers share: Django set up as for a test client, and the timing loop
that prints median, p95 and the ratio to the floor (the first page given)."""

from __future__ import annotations

import os
import statistics
import time
from typing import Any


def django_ready() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("OTP_REQUIRED", "0")
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    # Serve static files without a manifest: the bench measures pages, not collectstatic.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.ALLOWED_HOSTS = ["testserver"]


def pages_time(pages: dict[str, tuple[Any, ...]], *, runs: int) -> None:
    """Times each (user, url) or (user, url, headers) page `runs` times after one warm-up and prints the
    table; the first page is the floor the others are compared with. A user of None: not signed in (an
    API read, with its key in the headers)."""
    from django.test import Client

    from senmediation.cases.models import Case

    results = {}
    for name, (user, url, *rest) in pages.items():
        headers = rest[0] if rest else {}
        client = Client(headers=headers)
        if user is not None:
            client.force_login(user)
        client.get(url)  # warm up
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        results[name] = (statistics.median(timings), timings[max(int(len(timings) * 0.95) - 1, 0)])
    floor = next(iter(results.values()))[0]
    print(f"{Case.objects.count()} cases; {runs} requests per page")
    print(f"{'page':45} {'median ms':>10} {'p95 ms':>8} {'x floor':>8}")
    for name, (median, p95) in results.items():
        print(f"{name:45} {median:10.1f} {p95:8.1f} {median / floor:8.2f}")
