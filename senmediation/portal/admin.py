from django.contrib import admin

from senmediation.accounts.admin_guard import ManagerOnlyAdminMixin

from .models import AttendanceResponse, Availability, ChildViews, Feedback, PartyLink, PartySummary


# Case content: administrators without the manager role see none of it.
@admin.register(PartyLink)
class PartyLinkAdmin(ManagerOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("party", "purpose", "created_at", "expires_at", "revoked_at", "use_count")
    list_filter = ("purpose",)
    readonly_fields = ("token_hash",)
    raw_id_fields = ("party",)


class SubmissionAdmin(ManagerOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("party", "submitted_at")
    raw_id_fields = ("party", "link")


for model in (Availability, PartySummary, ChildViews, AttendanceResponse, Feedback):
    admin.site.register(model, SubmissionAdmin)
