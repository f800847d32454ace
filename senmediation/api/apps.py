from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "senmediation.api"
    label = "api"
    verbose_name = "API and webhooks"
