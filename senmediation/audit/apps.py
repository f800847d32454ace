from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "senmediation.audit"
    label = "audit"
