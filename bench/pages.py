"""Times the staff pages in-process against whatever database DATABASE_URL points at (seed it first with
`manage.py seed_demo --cases N`). Prints median and p95 for each page and its ratio to the floor: a
trivial signed-in page behind the same middleware (the dashboard of a user with no case work).

    DATABASE_URL=... python -m bench.pages --runs 60
"""

from __future__ import annotations

import argparse
from urllib.parse import urlencode

from bench.inprocess import django_ready, pages_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    django_ready()
    from senmediation.accounts.models import User
    from senmediation.accounts.roles import Role
    from senmediation.cases.models import Case

    coordinator = User.objects.filter(groups__name=Role.COORDINATOR.value).first()
    floor_user = User.objects.filter(groups__name=Role.ADMINISTRATOR.value).first()
    case = Case.objects.order_by("-id").first()
    if coordinator is None or floor_user is None or case is None:
        raise SystemExit("Seed the database first: manage.py seed_demo --cases 1000")
    la = case.local_authority_id
    parent = case.parties.filter(role="parent").order_by("id").first()
    parent_name = parent.name if parent else case.child_name
    pages = {
        "floor (signed-in page without case work)": (floor_user, "/staff/"),
        "floor of bench.run (/accounts/password/)": (coordinator, "/accounts/password/"),
        "dashboard": (coordinator, "/staff/"),
        "case list": (coordinator, "/staff/cases/"),
        "search by a parent's full name": (coordinator, f"/staff/cases/?{urlencode({'q': parent_name})}"),
        "case list, filtered": (coordinator, f"/staff/cases/?local_authority={la}&state=information_given"),
        "case list, by next deadline": (coordinator, "/staff/cases/?sort=due"),
        "case page": (coordinator, f"/staff/cases/{case.reference}/"),
    }
    mediator = User.objects.filter(groups__name=Role.MEDIATOR.value, mediated_cases__isnull=False).first()
    if mediator is not None:
        pages["a mediator's cases (diary)"] = (mediator, "/staff/my-cases/")
    pages_time(pages, runs=args.runs)


if __name__ == "__main__":
    main()
