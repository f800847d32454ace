from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "senmediation.directory"
    label = "directory"
    verbose_name = "Directory and reference data"
