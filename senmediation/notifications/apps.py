from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _templates_ensure(sender: Any, **kwargs: Any) -> None:
    if getattr(sender, "label", None) == "notifications":
        from .services.templates import notification_templates_ensure

        notification_templates_ensure()


class NotificationsConfig(AppConfig):
    name = "senmediation.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        post_migrate.connect(_templates_ensure, sender=self, dispatch_uid="notification_templates_ensure")
