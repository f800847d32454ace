from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "senmediation.accounts"
    label = "accounts"
    verbose_name = "Staff accounts"

    def ready(self) -> None:
        from .roles import roles_ensure_signal

        post_migrate.connect(roles_ensure_signal, dispatch_uid="senmediation_roles_ensure")

        from django.contrib import admin

        from .admin_guard import ServiceAdminSite

        # The way django-otp documents for guarding the default site without touching urls.py.
        admin.site.__class__ = ServiceAdminSite
