"""Who sees what: every URL in the URL configuration against every role (quality.md, security).

Each row maps a URL name to the status each role gets. A URL without a row fails
`test_every_url_has_a_row`, naming it. Add a row by copying one with the same protection:
  CASE_PAGE  a case's page: its mediator, coordinators and managers; another mediator gets 404 (a refusal
             reveals nothing); commissioners and administrators 403 (no case content)
  OFFICE     coordinators and managers only
  MANAGERS   managers only
  STAFF      anyone with a staff role
  PUBLIC     everyone, signed in or not
`{case}` in kwargs is the reference of a case whose mediator is "mediator"; ids that do not exist
(MISSING) test that refusals come before look-ups. A role's value may be a set where the outcome
for an allowed user depends on the case's state. The Django admin is checked by rule (see below).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from senmediation.accounts.roles import Role
from senmediation.accounts.tests.helpers import verified_client
from senmediation.cases.models import Case
from senmediation.cases.tests.factories import case_make
from senmediation.directory.models import LocalAuthority
from senmediation.testing.fixtures import mediator_make, user_make

ROLES = ("anonymous", "coordinator", "mediator", "other_mediator", "manager", "commissioner", "other_commissioner",
         "administrator")
Outcome = int | frozenset[int]
MISSING = 987654


def by_role(anonymous: Outcome, coordinator: Outcome, mediator: Outcome, other_mediator: Outcome, manager: Outcome,
            commissioner: Outcome, other_commissioner: Outcome, administrator: Outcome) -> dict[str, Outcome]:
    return dict(zip(ROLES, (anonymous, coordinator, mediator, other_mediator, manager, commissioner,
                            other_commissioner, administrator), strict=True))


def either(*statuses: int) -> frozenset[int]:
    return frozenset(statuses)


def everyone(status: Outcome) -> dict[str, Outcome]:
    return dict.fromkeys(ROLES, status)


def allowed_as(profile: dict[str, Outcome], status: Outcome) -> dict[str, Outcome]:
    """The same protection, with `status` for the roles that get through."""
    return {role: status if value == 200 else value for role, value in profile.items()}


PUBLIC = everyone(200)
STAFF = by_role(302, 200, 200, 200, 200, 200, 200, 200)
CASE_WORK = by_role(302, 200, 200, 200, 200, 403, 403, 403)
CASE_PAGE = by_role(302, 200, 200, 404, 200, 403, 403, 403)
CASE_OFFICE = by_role(302, 200, 403, 403, 200, 403, 403, 403)  # coordinators and managers, on a case
OFFICE = by_role(302, 200, 403, 403, 200, 403, 403, 403)
MANAGERS = by_role(302, 403, 403, 403, 200, 403, 403, 403)
GET_ONLY_POSTED = everyone(405)


@dataclass(frozen=True)
class Check:
    expect: dict[str, Outcome]
    method: str = "get"
    kwargs: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)


def get(expect: dict[str, Outcome], **kwargs: Any) -> Check:
    return Check(expect, "get", kwargs)


def post(expect: dict[str, Outcome], data: dict[str, Any] | None = None, **kwargs: Any) -> Check:
    return Check(expect, "post", kwargs, data or {})


CASE = {"reference": "{case}"}
REDIRECTED = either(302)
ANY_ALLOWED = either(200, 302, 400, 404)  # allowed through; what follows depends on the case's state

ROWS: dict[str, list[Check]] = {
    "healthz": [get(PUBLIC)],
    "readyz": [get(everyone(503))],  # no task worker in the test run
    "metrics": [get(everyone(403))],  # only with the bearer token, whoever is signed in
    # The API: its schema and docs are public; everything else needs an API key, whoever is signed in.
    "api:api-root": [get(everyone(404))],
    "api:openapi-json": [get(PUBLIC)],
    "api:openapi-view": [get(PUBLIC)],
    "api:referral_create": [post(everyone(401))],
    "api:case_detail": [get(everyone(401), **CASE)],
    "api:certificate_list": [get(everyone(401), **CASE)],
    "api:certificate_download": [get(everyone(401), certificate_id=MISSING, **CASE)],
    "api:report_figures": [get(everyone(401), gss_code="E08000009")],
    # Sign-in pages: open to all; the second-factor pages send anyone without a pending sign-in back.
    "accounts:login": [get(PUBLIC)],
    "accounts:two_factor": [get(everyone(302))],
    "accounts:two_factor_setup": [get(everyone(302))],
    # A made-up authenticator set-up link is refused, whoever asks.
    "accounts:enrolment_start": [get(everyone(403), token="not-a-real-token")],
    "accounts:recovery_codes": [get(everyone(302))],
    "accounts:password_change": [get(STAFF)],
    "accounts:logout": [get(GET_ONLY_POSTED)],
    # Case work.
    "cases:dashboard": [get(STAFF)],
    "cases:list": [get(CASE_WORK)],
    "cases:detail": [get(CASE_PAGE, **CASE)],
    "cases:transition": [get(GET_ONLY_POSTED, **CASE), post(allowed_as(CASE_PAGE, 302), **CASE)],
    "cases:assign_mediator": [get(GET_ONLY_POSTED, **CASE),
                              post(by_role(302, 302, 403, 403, 302, 403, 403, 403), **CASE)],
    "cases:parties_agreed": [get(GET_ONLY_POSTED, **CASE), post(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "cases:schedule_meeting": [get(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "cases:cancel_meeting": [get(GET_ONLY_POSTED, **CASE), post(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "cases:child_views_file": [get(allowed_as(CASE_PAGE, 404), pk=MISSING, **CASE)],
    "cases:summaries": [get(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "cases:contacts": [get(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "cases:party_add": [get(CASE_PAGE, **CASE)],
    "cases:party_edit": [get(allowed_as(CASE_PAGE, 404), pk=MISSING, **CASE)],
    "cases:advice": [get(allowed_as(CASE_OFFICE, ANY_ALLOWED), **CASE)],
    "cases:child_views": [get(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    # Private notes: the case's mediator and managers only (quality.md).
    "cases:mediator_notes": [get(by_role(302, either(403, 404), ANY_ALLOWED, 404, ANY_ALLOWED, 403, 403, 403),
                                 **CASE)],
    # Audit and privacy: managers only.
    "audit:case_access": [get(MANAGERS, **CASE)],
    "audit:subject_access": [get(MANAGERS)],
    # Public pages and the referral journey.
    "public:home": [get(PUBLIC)],
    "public:what_is_mediation": [get(PUBLIC)],
    "public:how_it_works": [get(PUBLIC)],
    "public:who": [get(PUBLIC)],
    "public:cost": [get(PUBLIC)],
    "public:contact": [get(PUBLIC)],
    "public:feedback": [get(PUBLIC)],
    "public:accessibility": [get(PUBLIC)],
    "public:privacy": [get(PUBLIC)],
    "public:appeal_deadlines": [get(PUBLIC)],
    "referrals:start": [get(PUBLIC)],
    "referrals:confirmation": [get(everyone(either(200, 302)))],
    "referrals:step": [get(everyone(either(200, 302, 404)), slug="who")],
    "referrals:staff_start": [get(allowed_as(OFFICE, ANY_ALLOWED))],
    "referrals:staff_step": [get(allowed_as(OFFICE, ANY_ALLOWED), slug="channel")],
}


def _add_rows(rows: dict[str, list[Check]]) -> None:
    for name, checks in rows.items():
        assert name not in ROWS, f"two rows for {name}"
        ROWS[name] = checks


# Documents, agreements, notifications and the portal (one block per app, so rows are easy to add).
_add_rows({
    "documents:list": [get(CASE_PAGE, **CASE)],
    "documents:upload": [get(GET_ONLY_POSTED, **CASE), post(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "documents:download": [get(allowed_as(CASE_PAGE, 404), pk=MISSING, **CASE)],
    "documents:certificate_issue": [get(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "documents:certificate": [get(allowed_as(CASE_PAGE, 404), pk=MISSING, **CASE)],
    "documents:certificate_reissue": [get(allowed_as(CASE_PAGE, 404), pk=MISSING, **CASE)],
    "documents:certificate_download": [get(allowed_as(CASE_PAGE, 404), pk=MISSING, **CASE)],
    "documents:notify_la": [get(GET_ONLY_POSTED, **CASE), post(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "documents:notify_icb": [get(GET_ONLY_POSTED, **CASE), post(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "documents:mediators": [get(CASE_OFFICE, **CASE)],
})
_add_rows({
    "agreements:builder": [get(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "agreements:meeting": [get(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "agreements:attendance_add": [get(GET_ONLY_POSTED, **CASE), post(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "agreements:attendance_remove": [get(GET_ONLY_POSTED, pk=MISSING, **CASE),
                                     post(allowed_as(CASE_PAGE, 404), pk=MISSING, **CASE)],
    "agreements:ground_rules": [get(GET_ONLY_POSTED, **CASE), post(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "agreements:session_start": [get(GET_ONLY_POSTED, **CASE), post(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "agreements:session_end": [get(GET_ONLY_POSTED, **CASE), post(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "agreements:issue_outcomes": [get(GET_ONLY_POSTED, **CASE), post(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "agreements:item_edit": [get(allowed_as(CASE_PAGE, 404), pk=MISSING, **CASE)],
    "agreements:item_remove": [get(allowed_as(CASE_PAGE, 302), pk=MISSING, **CASE),
                               post(allowed_as(CASE_PAGE, 404), pk=MISSING, **CASE)],
    "agreements:finalise": [get(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "agreements:pdf": [get(allowed_as(CASE_PAGE, 404), **CASE)],
    "agreements:copies_send": [get(GET_ONLY_POSTED, **CASE), post(allowed_as(CASE_PAGE, 404), **CASE)],
    "agreements:followup": [get(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "agreements:item_done": [get(GET_ONLY_POSTED, pk=MISSING, **CASE),
                             post(allowed_as(CASE_PAGE, 404), pk=MISSING, **CASE)],
    "agreements:item_ask_family": [get(GET_ONLY_POSTED, pk=MISSING, **CASE),
                                   post(allowed_as(CASE_PAGE, 404), pk=MISSING, **CASE)],
})
_add_rows({
    "notifications:messages": [get(OFFICE)],
    "notifications:message_retry": [get(GET_ONLY_POSTED, message_id=MISSING),
                                    post(allowed_as(OFFICE, 404), message_id=MISSING)],
    "notifications:attachment": [get(allowed_as(OFFICE, 404), message_id=MISSING, attachment_id=MISSING)],
    "notifications:print_queue": [get(OFFICE)],
    "notifications:letter": [get(allowed_as(OFFICE, 404), message_id=MISSING)],
    "notifications:letter_printed": [get(GET_ONLY_POSTED, message_id=MISSING),
                                     post(allowed_as(OFFICE, 404), message_id=MISSING)],
    "notifications:letter_posted": [get(GET_ONLY_POSTED, message_id=MISSING),
                                    post(allowed_as(OFFICE, 404), message_id=MISSING)],
    "notifications:calls": [get(OFFICE)],
    "notifications:call_done": [get(GET_ONLY_POSTED, task_id=MISSING), post(allowed_as(OFFICE, 404), task_id=MISSING)],
    "notifications:templates": [get(MANAGERS)],
    "notifications:template_edit": [get(allowed_as(MANAGERS, 404), key="no-such-template")],
    "notifications:case_links": [get(allowed_as(CASE_PAGE, ANY_ALLOWED), **CASE)],
    "notifications:case_link_revoke": [get(GET_ONLY_POSTED, link_id=MISSING, **CASE),
                                       post(allowed_as(CASE_PAGE, 404), link_id=MISSING, **CASE)],
})
# Reports: managers any LA or all; a commissioner only their own LA (another LA, or all: 404, revealing nothing).
REPORTS = by_role(302, 403, 403, 403, 200, 200, 200, 403)
OWN_LA = {"la": "E08000009"}
OWN_LA_ONLY = by_role(302, 403, 403, 403, 200, 200, 404, 403)
MANAGERS_ALL = by_role(302, 403, 403, 403, 200, 404, 404, 403)
_add_rows({
    "reporting:index": [get(REPORTS)],
    "reporting:report": [get(allowed_as(OWN_LA_ONLY, 302), **OWN_LA), get(allowed_as(MANAGERS_ALL, 302), la="all")],
    "reporting:csv": [get(OWN_LA_ONLY, table="enquiries-by-source", **OWN_LA),
                      get(MANAGERS_ALL, la="all", table="timeliness")],
    "reporting:pdf": [get(OWN_LA_ONLY, **OWN_LA), get(MANAGERS_ALL, la="all")],
    # SEN2 is one LA's return: "all" is 404 for everyone.
    "reporting:sen2": [get(OWN_LA_ONLY, year=2026, **OWN_LA), get(allowed_as(MANAGERS_ALL, 404), la="all", year=2026)],
    "reporting:sen2_csv": [get(OWN_LA_ONLY, year=2026, **OWN_LA)],
    # The activity statement and its rate card: managers only (the provider sends the statement).
    "reporting:activity": [get(MANAGERS, **OWN_LA)],
    "reporting:activity_csv": [get(MANAGERS, **OWN_LA)],
    "reporting:activity_pdf": [get(MANAGERS, **OWN_LA)],
    "reporting:rate_card": [get(MANAGERS, **OWN_LA), get(allowed_as(MANAGERS, 404), la="all")],
})
# The portal: anyone holding a link; a made-up token opens nothing, whoever asks. The letter-code page is
# public; a wrong code is a form error for everyone.
_add_rows({
    "portal:code": [get(PUBLIC), post(everyone(400), data={"code": "ABCDE-FGHJK"})],
    "portal:page": [get(everyone(404), token="not-a-real-token")],
    "portal:done": [get(everyone(404), token="not-a-real-token")],
    "portal:agreement_file": [get(everyone(404), token="not-a-real-token")],
})
# Complaints and feedback: a complaint is 404 for anyone it is about, and for mediators always (see
# senmediation/feedback/tests/test_views.py); managers handle them; a mediator sees only their own results.
MEDIATORS = by_role(302, 403, 200, 200, 403, 403, 403, 403)
_add_rows({
    "feedback:complaints": [get(OFFICE)],
    "feedback:complaint_new": [get(OFFICE)],
    "feedback:complaint": [get(allowed_as(CASE_WORK, 404), pk=MISSING)],
    "feedback:complaint_acknowledge": [get(GET_ONLY_POSTED, pk=MISSING), post(allowed_as(MANAGERS, 404), pk=MISSING)],
    "feedback:complaint_owner": [get(GET_ONLY_POSTED, pk=MISSING), post(allowed_as(MANAGERS, 404), pk=MISSING)],
    "feedback:complaint_note": [get(GET_ONLY_POSTED, pk=MISSING), post(allowed_as(OFFICE, 404), pk=MISSING)],
    "feedback:complaint_escalate": [get(GET_ONLY_POSTED, pk=MISSING), post(allowed_as(MANAGERS, 404), pk=MISSING)],
    "feedback:complaint_respond": [get(allowed_as(MANAGERS, 404), pk=MISSING)],
    "feedback:complaint_letter": [get(allowed_as(MANAGERS, 404), pk=MISSING)],
    "feedback:results": [get(MANAGERS)],
    "feedback:mine": [get(MEDIATORS)],
    "feedback_public:complaint": [get(PUBLIC)],
    "feedback_public:complaint_sent": [get(everyone(302))],
    "feedback_public:feedback": [get(PUBLIC)],
    "feedback_public:feedback_sent": [get(everyone(302))],
})

# ---- The Django admin, by rule -------------------------------------------------------------------
# Only administrators are admin staff here. They manage users and settings but read no case content
# unless they are also managers, so every admin page of these apps/models must refuse them (403).
# Register such models with senmediation.accounts.admin_guard.ManagerOnlyAdminMixin.
CASE_CONTENT_APPS = frozenset({"cases", "meetings", "documents", "agreements", "portal", "referrals", "api"})
CASE_CONTENT_MODELS = frozenset({"notifications.message", "notifications.messageattachment",
                                 "notifications.calltask", "audit.auditentry"})
NOT_ADMIN_STAFF = tuple(role for role in ROLES if role != "administrator")
ADMIN_SITE_PAGES: dict[str, Outcome] = {  # what the administrator gets; everyone else is sent to sign in
    "admin:index": 200, "admin:login": 302, "admin:logout": 405, "admin:password_change": 200,
    "admin:password_change_done": 200, "admin:jsi18n": 200, "admin:autocomplete": 403,
}
# Extra per-object admin pages, asked for an object that does not exist. (django-otp's pages showing
# another person's TOTP key and QR code are removed in accounts/admin.py.) Sending an authenticator set-up
# link: managers and superusers only (senmediation/accounts/tests/test_enrolment.py has the 403s).
ADMIN_OBJECT_PAGES: dict[str, Outcome] = {"admin:accounts_user_enrolment_link": 404}
MODEL_VIEWS = ("changelist", "add", "change", "delete", "history")


def _is_case_content(model: Any) -> bool:
    return model._meta.app_label in CASE_CONTENT_APPS or model._meta.label_lower in CASE_CONTENT_MODELS


def admin_checks() -> Iterator[tuple[str, str, dict[str, Outcome]]]:
    """(description, url, expected outcome per role) for every admin URL."""
    def others(administrator: Outcome) -> dict[str, Outcome]:
        return {**dict.fromkeys(NOT_ADMIN_STAFF, 302), "administrator": administrator}

    for name, status in ADMIN_SITE_PAGES.items():
        yield name, reverse(name), others(status)
    for name, status in ADMIN_OBJECT_PAGES.items():
        yield name, reverse(name, kwargs={"pk": MISSING}), others(status)
    yield "admin:view_on_site", reverse("admin:view_on_site", args=[MISSING, MISSING]), others(404)
    yield "admin catch-all", "/admin/no-such-page/", others(404)
    labels = set()
    for model in admin.site._registry:
        meta = model._meta
        labels.add(meta.app_label)
        obj = model._default_manager.order_by("pk").first()
        object_id = str(obj.pk) if obj else str(MISSING)
        for view in MODEL_VIEWS:
            name = f"admin:{meta.app_label}_{meta.model_name}_{view}"
            args = [] if view in ("changelist", "add") else [object_id]
            url = reverse(name, args=args)
            if _is_case_content(model):
                expected: Outcome = either(302, 403) if view == "history" and obj is None else 403
            else:
                expected = either(200, 302, 403)
            yield name, url, others(expected)
        yield f"admin {meta.label} object redirect", f"/admin/{meta.app_label}/{meta.model_name}/{object_id}/", \
            others(302)
    for label in sorted(labels):
        shown = any(not _is_case_content(m) for m in admin.site._registry if m._meta.app_label == label)
        yield f"admin:app_list {label}", reverse("admin:app_list", args=[label]), others(200 if shown else 404)


ADMIN_HANDLED = frozenset({*ADMIN_SITE_PAGES, *ADMIN_OBJECT_PAGES, "admin:view_on_site", "admin:app_list"})


# ---- The walk and the tests -----------------------------------------------------------------------
def url_names(patterns: list[Any] | None = None, namespace: str = "", prefix: str = "") -> Iterator[tuple[str, str]]:
    """(qualified name or '<unnamed>', route) for every pattern, following includes."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (
                pattern.namespace or namespace)
            yield from url_names(pattern.url_patterns, inner or "", route)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or "<unnamed>")
            yield name, route


def _admin_model_url(name: str) -> bool:
    return name.startswith("admin:") and name.rsplit("_", 1)[-1] in MODEL_VIEWS


def test_every_url_has_a_row() -> None:
    missing, unnamed = [], []
    for name, route in url_names():
        if route.startswith("admin/"):
            if name == "<unnamed>" or name in ADMIN_HANDLED or _admin_model_url(name):
                continue
            missing.append(f"{name} ({route})")
        elif name == "<unnamed>":
            unnamed.append(route)
        elif name not in ROWS:
            missing.append(f"{name} ({route})")
    stale = sorted(set(ROWS) - {name for name, _ in url_names()})
    problems = []
    if missing:
        problems.append("These URLs have no row in tests/test_access_matrix.py ROWS; add one saying what each role "
                        "gets:\n  " + "\n  ".join(sorted(missing)))
    if unnamed:
        problems.append("Give these URL patterns a name so the matrix can list them:\n  " + "\n  ".join(unnamed))
    if stale:
        problems.append("Rows for URLs that no longer exist (remove them):\n  " + "\n  ".join(stale))
    assert not problems, "\n".join(problems)


@pytest.fixture
def world(reference_data: None, settings: Any) -> dict[str, Any]:
    """One case whose mediator is `mediator`, and a client for every role, signed in with both factors."""
    settings.OTP_REQUIRED = True
    trafford = LocalAuthority.objects.get(gss_code="E08000009")
    elsewhere = LocalAuthority.objects.exclude(pk=trafford.pk).first()
    users = {
        "coordinator": user_make("m-coord", Role.COORDINATOR),
        "mediator": mediator_make("m-med"),
        "other_mediator": mediator_make("m-med2"),
        "manager": user_make("m-boss", Role.MANAGER),
        "commissioner": user_make("m-comm", Role.COMMISSIONER, local_authority=trafford),
        "other_commissioner": user_make("m-comm2", Role.COMMISSIONER, local_authority=elsewhere),
        "administrator": user_make("m-root", Role.ADMINISTRATOR, is_staff=True, is_superuser=True),
    }
    case = case_make(by=users["coordinator"])
    Case.objects.filter(pk=case.pk).update(mediator=users["mediator"])
    clients = {"anonymous": Client(), **{role: verified_client(user) for role, user in users.items()}}
    return {"case": case.reference, "clients": clients}


def _status(client: Client, method: str, url: str, data: dict[str, Any]) -> int:
    response = client.post(url, data) if method == "post" else client.get(url)
    return response.status_code


def _fits(status: int, expected: Outcome) -> bool:
    return status in expected if isinstance(expected, frozenset) else status == expected


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ROWS))
def test_each_role_gets_what_its_row_says(name: str, world: dict[str, Any]) -> None:
    wrong = []
    for check in ROWS[name]:
        kwargs = {k: (world["case"] if v == "{case}" else v) for k, v in check.kwargs.items()}
        url = reverse(name, kwargs=kwargs)
        for role in ROLES:
            status = _status(world["clients"][role], check.method, url, check.data)
            if not _fits(status, check.expect[role]):
                wrong.append(f"{check.method.upper()} {url} as {role}: got {status}, expected {check.expect[role]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_the_admin_refuses_non_staff_and_hides_case_content(world: dict[str, Any]) -> None:
    wrong = []
    for description, url, expected in admin_checks():
        for role in ROLES:
            status = _status(world["clients"][role], "get", url, {})
            if not _fits(status, expected[role]):
                wrong.append(f"{description} GET {url} as {role}: got {status}, expected {expected[role]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_a_manager_with_admin_access_can_read_the_audit_log(reference_data: None, settings: Any) -> None:
    settings.OTP_REQUIRED = True
    manager = user_make("m-staff-boss", Role.MANAGER, is_staff=True, is_superuser=True)
    assert verified_client(manager).get(reverse("admin:audit_auditentry_changelist")).status_code == 200
