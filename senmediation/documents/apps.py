from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "senmediation.documents"
    label = "documents"
