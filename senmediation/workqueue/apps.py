from django.apps import AppConfig


class WorkqueueConfig(AppConfig):
    """The office's work queue: what a member of staff can act on now, gathered from every feature."""

    name = "senmediation.workqueue"
    label = "workqueue"
    verbose_name = "Work queue"
