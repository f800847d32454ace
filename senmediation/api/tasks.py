"""Webhook delivery, run by `manage.py db_worker`: one attempt per task, the next one deferred."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from .models import WebhookDelivery
from .webhooks import webhook_deliver_now, webhooks_deliver_due


@task()
def webhook_deliver(delivery_id: int) -> str:
    status = webhook_deliver_now(delivery_id)
    if status == WebhookDelivery.Status.PENDING:
        delivery = WebhookDelivery.objects.filter(pk=delivery_id).first()
        if delivery is not None:
            webhook_enqueue(delivery, run_after=delivery.next_attempt_at)
    return status


@task()
def webhooks_deliver_due_task() -> int:
    return webhooks_deliver_due()


def webhook_enqueue(delivery: WebhookDelivery, *, run_after: dt.datetime | None = None) -> None:
    if run_after is None:
        webhook_deliver.enqueue(delivery.pk)
    elif webhook_deliver.get_backend().supports_defer:
        webhook_deliver.using(run_after=run_after).enqueue(delivery.pk)
    # else: a backend that cannot wait (tests' immediate one); `webhooks_deliver_due` sends it when due.
