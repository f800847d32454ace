from django.apps import AppConfig


class DemodataConfig(AppConfig):
    name = "senmediation.demodata"
    label = "demodata"
    verbose_name = "Demo data"
