"""Background delivery, run by `manage.py db_worker`."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from .services.delivery import message_deliver_now, messages_retry_due


@task()
def message_deliver(message_id: int) -> str:
    return message_deliver_now(message_id)


@task()
def messages_retry_due_task() -> int:
    """Every few minutes (cron: `manage.py messages_deliver_due --enqueue`): stale and due messages."""
    return messages_retry_due()


def message_deliver_later(message_id: int, run_after: dt.datetime | None) -> None:
    """Enqueues delivery now, or a retry at `run_after` where the backend can defer one. Registered with
    services/worker.py at start-up (apps.py), so the services reach this task without importing it."""
    if run_after is None:
        message_deliver.enqueue(message_id)
    elif message_deliver.get_backend().supports_defer:
        message_deliver.using(run_after=run_after).enqueue(message_id)
