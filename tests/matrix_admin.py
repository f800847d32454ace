"""The Django admin in the access matrix (tests/test_access_matrix.py), checked by rule rather than by row."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import admin
from django.urls import reverse

from senmediation.accounts.roles import ROLE_PERMISSIONS, Role

from .matrix_roles import MISSING, ROLES

# ---- The Django admin, by rule -------------------------------------------------------------------
# Only administrators are admin staff here. They manage users and settings but read no case content
# unless they are also managers, so every admin page of these apps/models must refuse them (403), a
# superuser included. Register such models with senmediation.accounts.admin_guard.ManagerOnlyAdminMixin.
# Elsewhere a plain administrator gets exactly what its group's permissions in accounts/roles.py grant
# (ROLE_PERMISSIONS), and a superuser gets every page. Everyone else is sent to sign in.
CASE_CONTENT_APPS = frozenset({"cases", "meetings", "documents", "agreements", "portal", "referrals", "api"})
CASE_CONTENT_MODELS = frozenset({"notifications.message", "notifications.messageattachment",
                                 "notifications.calltask", "audit.auditentry"})
ADMIN_STAFF = ("administrator", "superuser")
ADMIN_SITE_PAGES: dict[str, int] = {  # what both admin staff get
    "admin:index": 200, "admin:login": 302, "admin:logout": 405, "admin:password_change": 200,
    "admin:password_change_done": 200, "admin:jsi18n": 200, "admin:autocomplete": 403,
}
# Extra per-object admin pages. (django-otp's pages showing another person's TOTP key and QR code are
# removed in accounts/admin.py.) Setting someone's password follows the role ceiling (accounts/ceiling.py):
# a plain administrator sets nobody's (refused before the look-up); the break-glass superuser sets those
# of accounts below its own, never its own; a user that does not exist is 404 for the superuser.
USER_PASSWORD_PAGE = "admin:auth_user_password_change"
USER_PASSWORD: dict[str, tuple[int, int]] = {  # whose password: (administrator, superuser)
    "coordinator": (403, 200), "administrator": (403, 200), "manager": (403, 200), "superuser": (403, 403),
}
# Sending an authenticator set-up link: managers and superusers only (a plain administrator is refused);
# senmediation/accounts/tests/test_enrolment.py has the rest.
ENROLMENT_LINK_PAGE = "admin:accounts_user_enrolment_link"
MODEL_VIEWS = ("changelist", "add", "change", "delete", "history")
# The task worker's results (django-tasks-db's own admin) are read-only for everyone, superusers included.
READ_ONLY_MODELS = frozenset({"django_tasks_database.dbtaskresult"})
VIEW_NEEDS = {"changelist": ("view", "change"), "add": ("add",), "change": ("view", "change"),
              "delete": ("delete",), "history": ("view", "change")}


def _is_case_content(model: Any) -> bool:
    return model._meta.app_label in CASE_CONTENT_APPS or model._meta.label_lower in CASE_CONTENT_MODELS


def _administrator_may(meta: Any, actions: tuple[str, ...]) -> bool:
    """Whether the Administrator role's permissions (accounts/roles.py) include any of `actions` on the model."""
    return any(app == meta.app_label and model in ("*", meta.model_name) and set(granted) & set(actions)
               for app, model, granted in ROLE_PERMISSIONS[Role.ADMINISTRATOR])


def _model_page(meta: Any, view: str, role: str, found: bool, case_content: bool) -> int:
    if view == "history" and not found:
        return 302  # Django's history page looks the object up first: "does not exist", back to the index
    allowed = not case_content and (role == "superuser" or _administrator_may(meta, VIEW_NEEDS[view]))
    if view in ("add", "delete") and meta.label_lower in READ_ONLY_MODELS:
        allowed = False
    if not allowed:
        return 403
    return 200 if found or view in ("changelist", "add") else 302


def _admin_section_site(world: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, int]]]:
    for name, status in ADMIN_SITE_PAGES.items():
        yield name, reverse(name), _admin_expect(status, status)
    for whose, statuses in USER_PASSWORD.items():
        yield f"{USER_PASSWORD_PAGE} of {whose}", reverse(USER_PASSWORD_PAGE, args=[world["user_ids"][whose]]), \
            _admin_expect(*statuses)
    yield f"{USER_PASSWORD_PAGE} of nobody", reverse(USER_PASSWORD_PAGE, args=[MISSING]), _admin_expect(403, 404)
    yield f"{ENROLMENT_LINK_PAGE} for the coordinator", \
        reverse(ENROLMENT_LINK_PAGE, args=[world["user_ids"]["coordinator"]]), _admin_expect(403, 200)
    yield f"{ENROLMENT_LINK_PAGE} for nobody", reverse(ENROLMENT_LINK_PAGE, args=[MISSING]), _admin_expect(403, 404)
    yield "admin:view_on_site", reverse("admin:view_on_site", args=[MISSING, MISSING]), _admin_expect(404, 404)
    yield "admin catch-all", "/admin/no-such-page/", _admin_expect(404, 404)
    for label in sorted({model._meta.app_label for model in admin.site._registry}):
        models = [m._meta for m in admin.site._registry if m._meta.app_label == label]
        shown = [meta for meta in models if not _is_case_content(meta.model)]
        administrator = any(_administrator_may(meta, ("view", "change", "add", "delete")) for meta in shown)
        yield f"admin:app_list {label}", reverse("admin:app_list", args=[label]), \
            _admin_expect(200 if administrator else 404, 200 if shown else 404)


def _admin_expect(administrator: int, superuser: int) -> dict[str, int]:
    return {**dict.fromkeys(ROLES, 302), "administrator": administrator, "superuser": superuser}


def _admin_section_model(model: Any) -> Iterator[tuple[str, str, dict[str, int]]]:
    meta = model._meta
    case_content = _is_case_content(model)
    obj = model._default_manager.order_by("pk").first()
    object_id = str(obj.pk) if obj else str(MISSING)
    for view in MODEL_VIEWS:
        name = f"admin:{meta.app_label}_{meta.model_name}_{view}"
        url = reverse(name, args=[] if view in ("changelist", "add") else [object_id])
        yield name, url, _admin_expect(*(_model_page(meta, view, role, obj is not None, case_content)
                                         for role in ADMIN_STAFF))
    yield f"admin {meta.label} object redirect", f"/admin/{meta.app_label}/{meta.model_name}/{object_id}/", \
        _admin_expect(302, 302)


# One section per registered model (so the pages spread over the test workers), and one for the site.
ADMIN_SECTIONS = ("site", *sorted(model._meta.label for model in admin.site._registry))


def admin_checks(section: str, world: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, int]]]:
    """(description, url, expected status per role) for the admin URLs of one section."""
    if section == "site":
        return _admin_section_site(world)
    model = next(m for m in admin.site._registry if m._meta.label == section)
    return _admin_section_model(model)


ADMIN_HANDLED = frozenset({*ADMIN_SITE_PAGES, USER_PASSWORD_PAGE, ENROLMENT_LINK_PAGE, "admin:view_on_site", "admin:app_list",
                           *(f"admin:{m._meta.app_label}_{m._meta.model_name}_{view}"
                             for m in admin.site._registry for view in MODEL_VIEWS)})
