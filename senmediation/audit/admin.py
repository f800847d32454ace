from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from senmediation.accounts.admin_guard import ManagerOnlyAdminMixin

from .models import AuditEntry, RetentionPolicy


@admin.register(AuditEntry)
class AuditEntryAdmin(ManagerOnlyAdminMixin, admin.ModelAdmin[AuditEntry]):
    """Read-only, and only for managers: who looked at which case is itself sensitive."""

    list_display = ["at", "username", "action", "method", "path", "status_code", "case_reference"]
    list_filter = ["action"]
    search_fields = ["=case_reference", "=username"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(admin.ModelAdmin[RetentionPolicy]):
    list_display = ["record_type", "years"]
