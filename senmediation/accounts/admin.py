from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
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

from .ceiling import may_manage_account, may_manage_accounts, roles_grantable
from .enrolment import ENROLMENT_HOURS, enrolment_link_issue, may_issue_enrolment
from .models import User
from .roles import Role

# Never changed through the admin: the e-mail address only through a change confirmed from the old address
# (accounts/email_change.py), superuser status only by `manage.py breakglass`, permissions only by role.
ALWAYS_READONLY = ("email", "is_superuser", "user_permissions")


def _role_set(group_names: Any) -> frozenset[Role]:
    names = set(group_names)
    return frozenset(role for role in Role if role.value in names)


class UserChangeWithCeilingForm(UserChangeForm):  # type: ignore[type-arg]
    """The admin's user form, refusing any role the person saving it may not give or take away."""

    actor: Any = None

    def clean_groups(self) -> Any:
        groups = self.cleaned_data.get("groups")
        if groups is None or self.actor is None:
            return groups
        before = _role_set(self.instance.groups.values_list("name", flat=True)) if self.instance.pk else frozenset()
        after = _role_set(group.name for group in groups)
        refused = sorted(role.value for role in (before ^ after) if role not in roles_grantable(self.actor))
        if refused:
            raise ValidationError(f"You cannot give or take away the role: {', '.join(refused)}.")
        return groups


def _roles_text(user: Any) -> str:
    names = sorted(user.groups.values_list("name", flat=True))
    return ",".join(names) + (";superuser" if user.is_superuser else "")


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Service", {"fields": ("local_authority", "phone")}))  # type: ignore[misc]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    change_form_template = "admin/accounts/user/change_form_with_enrolment.html"
    form = UserChangeWithCeilingForm

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if issubclass(form, UserChangeWithCeilingForm):
            form = type("UserChangeWithCeilingFormFor", (form,), {"actor": request.user})
        return form

    def get_urls(self) -> list[Any]:
        return [
            path("<int:pk>/authenticator-link/", self.admin_site.admin_view(self.enrolment_link_view),
                 name="accounts_user_enrolment_link"),
            *super().get_urls(),
        ]

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "",
                    extra_context: dict[str, Any] | None = None) -> HttpResponse:
        person = User.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        extra = {**(extra_context or {}),
                 "can_send_enrolment": person is not None and may_manage_account(request.user, person)}
        return super().change_view(request, object_id, form_url, extra)

    def enrolment_link_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """A manager sends a person a one-time link to set up (or replace) their authenticator app."""
        if not may_issue_enrolment(request.user):
            raise PermissionDenied
        person = User.objects.filter(pk=pk).first()
        if person is None:
            raise Http404("No such user")
        if not may_manage_account(request.user, person):
            raise PermissionDenied  # their own account, or one ranked at or above theirs (accounts/ceiling.py)
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
        readonly = [*super().get_readonly_fields(request, obj), *ALWAYS_READONLY]
        if not request.user.is_superuser:
            readonly.append("is_staff")  # admin entry comes with the administrator role, not by hand
        if obj is not None and not may_manage_account(request.user, obj):
            readonly.append("groups")
        return readonly

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and may_manage_accounts(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Nobody changes their own account here, nor one ranked at or above theirs (accounts/ceiling.py);
        # an administrator changes no account at all. The password page asks this too.
        if not super().has_change_permission(request, obj):
            return False
        return may_manage_accounts(request.user) if obj is None else may_manage_account(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        return may_manage_accounts(request.user) if obj is None else may_manage_account(request.user, obj)

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
