"""Django admin rules: administrators manage users and settings but read no case content unless
they are also managers (the data minimisation principle, UK GDPR art. 5(1)(c))."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from .roles import Role, has_role


class ManagerOnlyAdminMixin:
    """For ModelAdmins of case content: invisible and refused (403) unless the user is a manager."""

    def _manager(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff and has_role(request.user, Role.MANAGER))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._manager(request) and super().has_module_permission(request)  # type: ignore[misc]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._manager(request) and super().has_view_permission(request, obj)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._manager(request) and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._manager(request) and super().has_add_permission(request, *args)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._manager(request) and super().has_delete_permission(request, obj)  # type: ignore[misc]


class ServiceAdminSite(admin.AdminSite):
    """The admin asks for the second factor like every staff page, and signs in through our page."""

    def has_permission(self, request: HttpRequest) -> bool:
        if not super().has_permission(request):
            return False
        if getattr(settings, "OTP_REQUIRED", False):
            verified = getattr(request.user, "is_verified", None)
            return bool(verified and verified())
        return True

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        return redirect_to_login(request.GET.get("next") or "/admin/")
