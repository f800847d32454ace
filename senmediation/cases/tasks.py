"""Background work for cases, run by `manage.py db_worker`."""

from __future__ import annotations

from django_tasks import task

from senmediation.core import clock

from .services.deadlines import deadlines_sweep
from .services.not_arranged import la_arrangement_checks_send


@task()
def deadlines_sweep_task() -> int:
    """Nightly: every open clock's status (on track, due soon, overdue) brought up to today, then the day-20
    letters asking LAs whether they can arrange mediation in time (SEND Regs 2014 reg 39(2)), each sent once."""
    today = clock.today()
    changed = deadlines_sweep(today=today)
    la_arrangement_checks_send(today=today)
    return changed
