"""Background work for cases, run by `manage.py db_worker`."""

from __future__ import annotations

from django_tasks import task

from senmediation.core import clock

from .services.deadlines import deadlines_sweep


@task()
def deadlines_sweep_task() -> int:
    """Nightly: every open clock's status (on track, due soon, overdue) brought up to today."""
    return deadlines_sweep(today=clock.today())
