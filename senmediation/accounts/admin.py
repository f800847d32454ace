from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Service", {"fields": ("local_authority", "phone")}))  # type: ignore[misc]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]


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
