"""Background delivery, run by `manage.py db_worker`."""

from __future__ import annotations

from django_tasks import task

from .services.delivery import message_deliver_now, messages_retry_due


@task()
def message_deliver(message_id: int) -> str:
    return message_deliver_now(message_id)


@task()
def messages_retry_due_task() -> int:
    """Every few minutes (cron: `manage.py messages_deliver_due --enqueue`): stale and due messages."""
    return messages_retry_due()
