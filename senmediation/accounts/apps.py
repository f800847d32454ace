from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "senmediation.accounts"
    label = "accounts"
    verbose_name = "Staff accounts"

    def ready(self) -> None:
        from .roles import roles_ensure_signal

        post_migrate.connect(roles_ensure_signal, dispatch_uid="senmediation_roles_ensure")
