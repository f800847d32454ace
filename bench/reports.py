"""Times the report pages in-process against whatever database DATABASE_URL points at (seed it first).
Prints median and p95 per page and its ratio to the floor (a trivial signed-in page).

    DATABASE_URL=... python -m bench.reports --runs 20
"""

from __future__ import annotations

import argparse

from bench.inprocess import django_ready, pages_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    django_ready()
    from senmediation.accounts.models import User
    from senmediation.accounts.roles import Role

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
    pages_time(pages, runs=args.runs)


if __name__ == "__main__":
    main()
