"""Records every request to the guarded parts of the service, after the response is ready."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from senmediation.core.client_ip import client_ip

from .services import audit_record

__all__ = ["AuditMiddleware", "client_ip"]

AUDITED_PREFIXES = ("/staff/", "/admin/", "/p/", "/accounts/", "/api/", "/refer/staff/", "/calendar/")
SIGN_IN_REQUIRED_PREFIXES = ("/staff/", "/admin/", "/refer/staff/")
DENIED_STATUSES = frozenset({401, 403, 404, 405, 429})
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SECRET_KWARGS = ("token",)


def _action(request: HttpRequest, response: HttpResponse, was_signed_in: bool, signed_in: bool) -> str:
    chosen = getattr(request, "audit_action", "")
    if chosen:
        return str(chosen)
    if signed_in and not was_signed_in:
        return "sign_in"
    if was_signed_in and not signed_in:
        return "sign_out"
    status = response.status_code
    if status in DENIED_STATUSES:
        return "denied"
    if request.path.startswith("/accounts/") and status == 400:
        return "denied"  # a wrong password or code
    if not signed_in and status == 302 and request.path.startswith(SIGN_IN_REQUIRED_PREFIXES):
        return "denied"  # sent to sign in
    return "read" if request.method in READ_METHODS else "change"


def _path(request: HttpRequest, kwargs: dict[str, Any]) -> str:
    path = request.path  # never the query string
    for name in SECRET_KWARGS:
        value = kwargs.get(name)
        if value:
            path = path.replace(str(value), f"[{name}]")
    return path


class AuditMiddleware:
    """Who read or changed what, when and from where (quality.md: every read and change recorded)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        # A break-glass superuser is audited everywhere, public pages included (accounts/breakglass.py).
        superuser = bool(user is not None and user.is_authenticated and user.is_superuser)
        if not superuser and not request.path.startswith(AUDITED_PREFIXES):
            return self.get_response(request)
        user_before = getattr(request, "user", None)
        was_signed_in = bool(user_before is not None and user_before.is_authenticated)
        response = self.get_response(request)
        user_after = getattr(request, "user", None)
        signed_in = bool(user_after is not None and user_after.is_authenticated)
        match = getattr(request, "resolver_match", None)
        kwargs = dict(match.kwargs) if match else {}
        audit_record(
            user=user_after if signed_in else user_before,
            ip=client_ip(request),
            method=request.method or "",
            path=_path(request, kwargs),
            view_name=(match.view_name if match else "") or "",
            # Pages without the reference in their address (a message, a letter) name their case themselves.
            case_reference=str(kwargs.get("reference", "") or getattr(request, "audit_case_reference", ""))[:20],
            action=_action(request, response, was_signed_in, signed_in),
            status_code=response.status_code,
            username=str(getattr(request, "audit_username", "")),  # an API key has no user
            detail="break-glass superuser" if superuser else "",
        )
        return response
