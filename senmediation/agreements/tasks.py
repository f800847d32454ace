"""Background work for agreements, run by `manage.py db_worker`."""

from __future__ import annotations

from django_tasks import task

from senmediation.core import clock

from .followup import agreement_items_sweep


@task()
def agreement_items_sweep_task() -> dict[str, int]:
    """Daily: late actions marked and chased, owners reminded before their dates."""
    return agreement_items_sweep(today=clock.today())
