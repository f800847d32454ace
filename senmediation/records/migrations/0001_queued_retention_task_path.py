"""The nightly retention task moved from `audit.tasks` to `records.tasks` (audit sits below the case
domain; applying retention needs it). The database task queue stores each task by its dotted path, so a
run still waiting in the queue is pointed at the new path. The old module is not kept as an alias: it
would make `audit` import `records`, an import from the audit log up into the layer above the cases."""

from typing import Any

from django.db import migrations

OLD = "senmediation.audit.tasks.retention_apply_nightly"
NEW = "senmediation.records.tasks.retention_apply_nightly"


def _repoint(apps: Any, old: str, new: str) -> None:
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=old, status="READY").update(task_path=new)


def forwards(apps: Any, schema_editor: Any) -> None:
    _repoint(apps, OLD, NEW)


def backwards(apps: Any, schema_editor: Any) -> None:
    _repoint(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("django_tasks_database", "0021_conditional_partial_index_ordering")]
    operations = [migrations.RunPython(forwards, backwards)]
