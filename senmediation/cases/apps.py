from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "senmediation.cases"
    label = "cases"
    verbose_name = "Cases"
