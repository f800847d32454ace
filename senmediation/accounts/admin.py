from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Service", {"fields": ("local_authority", "phone")}))  # type: ignore[misc]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
