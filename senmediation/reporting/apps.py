from django.apps import AppConfig


class ReportingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "senmediation.reporting"
    verbose_name = "Reports"

    def ready(self) -> None:
        from .invalidation import connect

        connect()
