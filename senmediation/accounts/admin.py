from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from senmediation.audit.services import audit_record
from senmediation.core.client_ip import client_ip
from senmediation.core.errors import ServiceError

from .enrolment import ENROLMENT_HOURS, enrolment_link_issue, may_issue_enrolment
from .models import User
from .roles import Role, has_role

ROLE_FIELDS = ("groups", "user_permissions")


def may_grant_roles(user: Any) -> bool:
    """Only a manager or a superuser grants roles: an administrator must not be able to make anyone,
    themselves included, a manager (who reads every case)."""
    return bool(user.is_superuser or has_role(user, Role.MANAGER))


def privileged(user: Any) -> bool:
    return bool(user.is_superuser or user.groups.filter(name=Role.MANAGER.value).exists())


def _roles_text(user: Any) -> str:
    names = sorted(user.groups.values_list("name", flat=True))
    return ",".join(names) + (";superuser" if user.is_superuser else "")


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Service", {"fields": ("local_authority", "phone")}))  # type: ignore[misc]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    change_form_template = "admin/accounts/user/change_form_with_enrolment.html"

    def get_urls(self) -> list[Any]:
        return [
            path("<int:pk>/authenticator-link/", self.admin_site.admin_view(self.enrolment_link_view),
                 name="accounts_user_enrolment_link"),
            *super().get_urls(),
        ]

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "",
                    extra_context: dict[str, Any] | None = None) -> HttpResponse:
        extra = {**(extra_context or {}), "can_send_enrolment": may_issue_enrolment(request.user)}
        return super().change_view(request, object_id, form_url, extra)

    def enrolment_link_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """A manager sends a person a one-time link to set up (or replace) their authenticator app."""
        if not may_issue_enrolment(request.user):
            raise PermissionDenied
        person = User.objects.filter(pk=pk).first()
        if person is None:
            raise Http404("No such user")
        error = ""
        if request.method == "POST":
            try:
                enrolment_link_issue(user=person, by=request.user, base_url=request.build_absolute_uri("/"),
                                     ip=client_ip(request))
            except ServiceError as refusal:
                error = refusal.message
            else:
                messages.success(request, f"A set-up link has been sent to {person.email}. "
                                          f"It works once, for {ENROLMENT_HOURS} hours.")
                return redirect("admin:accounts_user_change", person.pk)
        context = {**self.admin_site.each_context(request), "person": person, "error": error,
                   "hours": ENROLMENT_HOURS, "opts": self.model._meta, "title": "Send a set-up link"}
        return TemplateResponse(request, "admin/accounts/user/enrolment_link.html", context,
                                status=400 if error else 200)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly.append("is_superuser")
        own = obj is not None and obj.pk == request.user.pk
        if not may_grant_roles(request.user) or (own and not request.user.is_superuser):
            readonly += ROLE_FIELDS  # nobody but a superuser changes their own roles
        return readonly

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        # An administrator may not change a manager's or superuser's account, password included.
        return obj is None or may_grant_roles(request.user) or not privileged(obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or may_grant_roles(request.user) or not privileged(obj)

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool) -> None:
        before = User.objects.filter(pk=obj.pk).first() if obj.pk else None
        request._roles_before = _roles_text(before) if before else ""  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: ModelForm[Any], formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        user = form.instance
        before, after = getattr(request, "_roles_before", ""), _roles_text(user)
        if before != after:
            audit_record(
                user=request.user, ip=client_ip(request), method=request.method or "POST",
                path=request.path, view_name="admin:accounts_user_roles", action="change", status_code=200,
                detail=f"roles of user {user.pk}: {before or '-'} -> {after or '-'}",
            )


class TOTPDeviceWithoutSecretsAdmin(TOTPDeviceAdmin):  # type: ignore[misc]
    """Administrators may remove a lost phone's device (the user sets up a new one at next sign-in),
    but never see another person's key or QR code, which would let them copy the second factor."""

    def get_urls(self) -> list[Any]:
        return admin.ModelAdmin.get_urls(self)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [*super().get_readonly_fields(request, obj), "key"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [name for name in super().get_fields(request, obj) if name not in {"key", "qrcode_link"}]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        return [(None, {"fields": self.get_fields(request, obj)})]


admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, TOTPDeviceWithoutSecretsAdmin)
