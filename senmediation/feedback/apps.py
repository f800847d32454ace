from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "senmediation.feedback"
    verbose_name = "Feedback and complaints"
