"""Whole-service backup and restore that work the same on SQLite and PostgreSQL.

A backup is Django's JSON dump of every table (primary keys kept, so links, content types and the
audit chain come back exactly), optionally gzipped. Restoring empties the database and loads it in
one transaction. Uploaded files under MEDIA_ROOT are backed up separately (file copy)."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction

# Sessions are not worth keeping: everyone signs in again after a restore.
EXCLUDED = ("sessions", "operations")  # logins and worker heartbeats are not records to restore
SUFFIXES = (".json", ".json.gz")


def _check_name(path: Path) -> None:
    if not str(path).endswith(SUFFIXES):
        raise ValueError("The backup file name must end in .json or .json.gz")


def backup_write(*, output: Path) -> None:
    _check_name(output)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One consistent snapshot of every table, even while the service is in use.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        call_command("dumpdata", exclude=list(EXCLUDED), output=str(output), verbosity=0)


def backup_restore(*, source: Path) -> None:
    """Replaces everything in the database with the backup's contents (all or nothing)."""
    _check_name(source)
    if not source.exists():
        raise FileNotFoundError(f"No backup file at {source}")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Flushing truncates the audit table, which its trigger refuses; only the table's owner may
            # lift it, and only inside this transaction (the application's own role cannot).
            with connection.cursor() as cursor:
                cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_no_truncate")
        # No post-migrate signals: the backup brings its own content types, permissions and groups.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        call_command("loaddata", str(source), verbosity=0)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_no_truncate")
