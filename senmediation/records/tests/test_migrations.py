import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from senmediation.records.tasks import retention_apply_nightly

pytestmark = pytest.mark.django_db

repoint = importlib.import_module("senmediation.records.migrations.0001_queued_retention_task_path")


def _queued(path: str, status: str) -> DBTaskResult:
    return DBTaskResult.objects.create(task_path=path, status=status, args_kwargs={"args": [], "kwargs": {}},
                                       queue_name="default", backend_name="default",
                                       run_after=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def test_a_retention_run_still_queued_under_the_old_path_is_pointed_at_the_new_one() -> None:
    waiting = _queued(repoint.OLD, "READY")
    finished = _queued(repoint.OLD, "SUCCESSFUL")
    repoint.forwards(apps, None)
    waiting.refresh_from_db()
    finished.refresh_from_db()
    assert waiting.task_path == "senmediation.records.tasks.retention_apply_nightly"
    assert finished.task_path == "senmediation.audit.tasks.retention_apply_nightly"
    assert import_string(waiting.task_path) is retention_apply_nightly
