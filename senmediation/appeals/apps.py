from django.apps import AppConfig


class AppealsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "senmediation.appeals"
    label = "appeals"
    verbose_name = "Appeals to the Tribunal"
