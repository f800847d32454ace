"""The provider's details and the staff navigation for every page (site-wide reference data)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from senmediation.accounts.roles import Role, user_roles
from senmediation.directory.selectors import provider_current

# Who works on cases: they see the case list and the search box above every staff page. The same roles as
# cases.selectors.can_work_cases, which decides (a test holds the two together; this layer cannot import it).
CASE_WORKERS = frozenset({Role.COORDINATOR, Role.MEDIATOR, Role.MANAGER})

# (label, url, roles that see it); home is for everyone signed in (the work queue for the office).
STAFF_NAV: tuple[tuple[str, str, frozenset[Role] | None], ...] = (
    ("Home", "/staff/", None),
    ("Cases", "/staff/cases/", CASE_WORKERS),
    ("My cases", "/staff/my-cases/", frozenset({Role.MEDIATOR, Role.COORDINATOR, Role.MANAGER})),
    ("Diaries", "/staff/diaries/", frozenset({Role.MEDIATOR, Role.COORDINATOR, Role.MANAGER})),
    ("Record a referral", "/refer/staff/", frozenset({Role.COORDINATOR, Role.MANAGER})),
    ("Messages", "/staff/notifications/", frozenset({Role.COORDINATOR, Role.MANAGER})),
    ("Complaints", "/staff/complaints/", frozenset({Role.COORDINATOR, Role.MANAGER})),
    ("Feedback", "/staff/feedback/", frozenset({Role.MANAGER})),
    ("My feedback", "/staff/feedback/mine/", frozenset({Role.MEDIATOR})),
    ("Reports", "/staff/reports/", frozenset({Role.MANAGER, Role.COMMISSIONER})),
    ("Subject access", "/staff/audit/subject-access/", frozenset({Role.MANAGER})),
    ("Staff", "/staff/people/", frozenset({Role.MANAGER})),
    ("API access", "/staff/access/api/", frozenset({Role.MANAGER})),
)


def provider(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {"provider": provider_current(), "demo_mode": settings.DEMO_MODE}
    if request.path.startswith(("/staff/", "/refer/staff/")) and request.user.is_authenticated:
        roles = user_roles(request.user)
        context["user_role_names"] = sorted(role.value for role in roles)
        context["case_search"] = bool(roles & CASE_WORKERS)
        context["staff_nav"] = [
            {
                "label": label,
                "url": url,
                "current": request.path == url or (url != "/staff/" and request.path.startswith(url)),
            }
            for label, url, needs in STAFF_NAV
            if needs is None or roles & needs
        ]
    return context
