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
        # The services hand messages to the worker through this hook, so they never import tasks.py back.
        from .services.worker import message_deliver_later_register
        from .tasks import message_deliver_later

        message_deliver_later_register(message_deliver_later)
        # Notifications listens to the case domain, which never imports it (cases/signals.py).
        from senmediation.cases import signals

        from . import receivers

        signals.party_reach_changed.connect(receivers.party_reach_changed_release,
                                            dispatch_uid="notifications.party_reach_changed_release")
        signals.la_asked_can_arrange.connect(receivers.la_asked_can_arrange_write,
                                             dispatch_uid="notifications.la_asked_can_arrange_write")
        signals.mediation_not_arranged.connect(receivers.mediation_not_arranged_tell_family,
                                               dispatch_uid="notifications.mediation_not_arranged_tell_family")
