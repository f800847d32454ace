from django.contrib import admin

from senmediation.accounts.admin_guard import ManagerOnlyAdminMixin

from .models import CallTask, Message, MessageTemplate


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "key", "subject")


@admin.register(Message)
class MessageAdmin(ManagerOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("created_at", "channel", "to", "subject", "status", "attempts")
    list_filter = ("status", "channel")
    raw_id_fields = ("case", "party", "created_by", "party_link")
    readonly_fields = ("idempotency_key",)


@admin.register(CallTask)
class CallTaskAdmin(ManagerOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("reason", "due", "done_at")
    raw_id_fields = ("case", "party", "message", "done_by")
