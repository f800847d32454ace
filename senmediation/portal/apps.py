from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "senmediation.portal"
    label = "portal"
