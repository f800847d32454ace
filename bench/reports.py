"""Times the report pages in-process against whatever database DATABASE_URL points at (seed it first).
Prints median and p95 per page and its ratio to the floor (a trivial signed-in page).

    DATABASE_URL=... python -m bench.reports --runs 20
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
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
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.ALLOWED_HOSTS = ["testserver"]
    manager = User.objects.filter(groups__name=Role.MANAGER.value).first()
    commissioner = User.objects.filter(groups__name=Role.COMMISSIONER.value, local_authority__isnull=False).first()
    floor_user = User.objects.filter(groups__name=Role.ADMINISTRATOR.value).first()
    if manager is None or commissioner is None or floor_user is None:
        raise SystemExit("Seed the database first: manage.py seed_demo --cases 1000")
    la = commissioner.local_authority.gss_code  # type: ignore[union-attr]
    year = "period=year&year=2026"
    quarter = "period=quarter&year=2026&quarter=3"
    pages = {
        "floor (signed-in page without case work)": (floor_user, "/staff/"),
        "report, all LAs, a year (manager)": (manager, f"/staff/reports/all/?{year}"),
        "report, one LA, a quarter (manager)": (manager, f"/staff/reports/{la}/?{quarter}"),
        "report, own LA, a year (commissioner)": (commissioner, f"/staff/reports/{la}/?{year}"),
        "CSV, timeliness, all LAs, a year": (manager, f"/staff/reports/all/timeliness.csv?{year}"),
        "SEN2, one LA, a year": (commissioner, f"/staff/reports/{la}/sen2/2026/"),
        "activity statement, one LA, a year": (manager, f"/staff/reports/{la}/activity/?{year}"),
        "report PDF, one LA, a year": (commissioner, f"/staff/reports/{la}/report.pdf?{year}"),
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
        results[name] = (statistics.median(timings), timings[max(int(len(timings) * 0.95) - 1, 0)])
    floor = results["floor (signed-in page without case work)"][0]
    print(f"{Case.objects.count()} cases; {args.runs} requests per page")
    print(f"{'page':45} {'median ms':>10} {'p95 ms':>8} {'x floor':>8}")
    for name, (median, p95) in results.items():
        print(f"{name:45} {median:10.1f} {p95:8.1f} {median / floor:8.2f}")


if __name__ == "__main__":
    main()
