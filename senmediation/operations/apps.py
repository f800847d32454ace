from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What an operator watches: health, readiness, metrics and the task workers' heartbeats."""

    name = "senmediation.operations"
    label = "operations"
    verbose_name = "Operations"
