"""Who may open staff pages at all. What a user may see inside a page is decided by selectors."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .roles import Role, user_roles

STAFF_ROLES = frozenset({Role.COORDINATOR, Role.MEDIATOR, Role.MANAGER, Role.COMMISSIONER, Role.ADMINISTRATOR})


def second_factor_missing(request: HttpRequest) -> bool:
    if not getattr(settings, "OTP_REQUIRED", False):
        return False
    verified = getattr(request.user, "is_verified", None)
    return not (verified and verified())


def role_required(*roles: Role) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Signed in (with the second factor where required) and holding one of `roles`; else 403."""
    allowed = frozenset(roles) if roles else STAFF_ROLES

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated or second_factor_missing(request):
                return redirect_to_login(request.get_full_path())
            if not (user_roles(request.user) & allowed):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
