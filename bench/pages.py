"""Times the staff pages in-process against whatever database DATABASE_URL points at (seed it first with
`manage.py seed_demo --cases N`). Prints median and p95 for each page and its ratio to the floor: a
trivial signed-in page behind the same middleware (the dashboard of a user with no case work).

    DATABASE_URL=... python -m bench.pages --runs 60
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("OTP_REQUIRED", "0")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    from senmediation.accounts.models import User
    from senmediation.accounts.roles import Role
    from senmediation.cases.models import Case

    setup_test_environment()
    # Serve static files without a manifest: the bench measures pages, not collectstatic.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.ALLOWED_HOSTS = ["testserver"]
    coordinator = User.objects.filter(groups__name=Role.COORDINATOR.value).first()
    floor_user = User.objects.filter(groups__name=Role.ADMINISTRATOR.value).first()
    case = Case.objects.order_by("-id").first()
    if coordinator is None or floor_user is None or case is None:
        raise SystemExit("Seed the database first: manage.py seed_demo --cases 1000")
    la = case.local_authority_id
    pages = {
        "floor (signed-in page without case work)": (floor_user, "/staff/"),
        "dashboard": (coordinator, "/staff/"),
        "case list, filtered": (coordinator, f"/staff/cases/?local_authority={la}&state=information_given"),
        "case list, by next deadline": (coordinator, "/staff/cases/?sort=due"),
        "case page": (coordinator, f"/staff/cases/{case.reference}/"),
    }
    results = {}
    for name, (user, url) in pages.items():
        client = Client()
        client.force_login(user)
        client.get(url)  # warm up
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        results[name] = (statistics.median(timings), timings[int(len(timings) * 0.95) - 1])
    floor = results["floor (signed-in page without case work)"][0]
    print(f"{Case.objects.count()} cases; {args.runs} requests per page")
    print(f"{'page':45} {'median ms':>10} {'p95 ms':>8} {'x floor':>8}")
    for name, (median, p95) in results.items():
        print(f"{name:45} {median:10.1f} {p95:8.1f} {median / floor:8.2f}")


if __name__ == "__main__":
    main()
