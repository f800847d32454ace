"""Times the report pages in-process against whatever database DATABASE_URL points at (seed it first).
Prints median and p95 per page and its ratio to the floor (a trivial signed-in page).

    DATABASE_URL=... python -m bench.reports --runs 20 [--no-pdf]

With the bulk demo data (seed_demo --cases 1000000) the year is 2025 and the quarter July to September
2026, as in docs/performance.md. It writes sessions, audit entries and an API key: time a copy.
"""

from __future__ import annotations

import argparse

from bench.inprocess import django_ready, pages_time
from bench.run import _api_key_for


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-pdf", action="store_true", help="leave out the PDF (seconds each, in WeasyPrint)")
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
    _, key = _api_key_for(commissioner.local_authority)
    year = "period=year&year=2025"  # the last whole year of the bulk demo data
    quarter = "period=quarter&year=2026&quarter=3"
    pages = {
        "floor (signed-in page without case work)": (floor_user, "/staff/"),
        "report, one LA, a quarter (manager)": (manager, f"/staff/reports/{la}/?{quarter}"),
        "report, one LA, a year (manager)": (manager, f"/staff/reports/{la}/?{year}"),
        "report, all LAs, a quarter (manager)": (manager, f"/staff/reports/all/?{quarter}"),
        "report, all LAs, a year (manager)": (manager, f"/staff/reports/all/?{year}"),
        "report, own LA, a year (commissioner)": (commissioner, f"/staff/reports/{la}/?{year}"),
        "CSV, timeliness, all LAs, a year": (manager, f"/staff/reports/all/timeliness.csv?{year}"),
        "SEN2, one LA, a year": (commissioner, f"/staff/reports/{la}/sen2/2025/"),
        "activity statement, one LA, a quarter": (manager, f"/staff/reports/{la}/activity/?{quarter}"),
        "activity statement, one LA, a year": (manager, f"/staff/reports/{la}/activity/?{year}"),
        "API: an LA's report figures, a year": (None, f"/api/v1/reports/{la}?year=2025",
                                                {"Authorization": f"Bearer {key}"}),
    }
    if not args.no_pdf:
        pages["report PDF, one LA, a year"] = (commissioner, f"/staff/reports/{la}/report.pdf?{year}")
    pages_time(pages, runs=args.runs)


if __name__ == "__main__":
    main()
