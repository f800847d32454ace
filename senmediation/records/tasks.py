"""Nightly jobs for the worker (`manage.py db_worker`); cron enqueues them or runs the commands."""

from __future__ import annotations

from django_tasks import task

from senmediation.core.ratelimit import rate_limit_prune

from .retention import retention_apply


@task()
def retention_apply_nightly() -> int:
    """Anonymises cases past their retention period and forgets old rate-limit counters (failed
    sign-ins among them); returns how many cases were anonymised."""
    rate_limit_prune()
    return retention_apply()
