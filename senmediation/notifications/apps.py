from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "senmediation.notifications"
    label = "notifications"
