from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _sqlite_pragmas(sender, connection, **kwargs):  # type: ignore[no-untyped-def]
    # WAL and a busy timeout for every SQLite connection (Django's init_command covers new ones;
    # this keeps test databases, which may be created differently, the same).
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=20000")


class CoreConfig(AppConfig):
    name = "senmediation.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        connection_created.connect(_sqlite_pragmas, dispatch_uid="senmediation_sqlite_pragmas")
