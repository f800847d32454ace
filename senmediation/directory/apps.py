from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "senmediation.directory"
    label = "directory"
    verbose_name = "Directory and reference data"

    def ready(self) -> None:
        from . import selectors  # noqa: F401  (connects the provider cache's signal receivers)
