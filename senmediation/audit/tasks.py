"""Nightly jobs for the worker (`manage.py db_worker`); cron enqueues them or runs the commands."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from senmediation.accounts.services import login_failures_prune
from senmediation.core import clock

from .retention import retention_apply


@task()
def retention_apply_nightly() -> int:
    """Anonymises cases past their retention period and forgets old failed sign-ins; returns how many
    cases were anonymised."""
    login_failures_prune(before=clock.now() - dt.timedelta(days=1))
    return retention_apply()
