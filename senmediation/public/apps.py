from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "senmediation.public"
    label = "public"
    verbose_name = "Public information pages"
