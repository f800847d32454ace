from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "senmediation.agreements"
    label = "agreements"
