"""Signing webhook bodies and one delivery attempt with its back-off; the worker runs the attempts."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import urllib.error
import urllib.request

from senmediation.core import clock

from .models import WebhookDelivery

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-SEN-Signature"
TIMESTAMP_HEADER = "X-SEN-Timestamp"
EVENT_HEADER = "X-SEN-Event"
MAX_ATTEMPTS = 8
TIMEOUT_SECONDS = 10


def signature(*, secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 over "<timestamp>.<body>", hex: the receiver recomputes it with the shared secret."""
    message = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_verify(*, secret: str, timestamp: str, body: bytes, received: str) -> bool:
    return hmac.compare_digest(signature(secret=secret, timestamp=timestamp, body=body), received)


def back_off(attempts: int) -> dt.timedelta:
    """30 s, 1 min, 2 min, ... capped at 2 hours: a receiver that is down is not hammered."""
    return dt.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 7200))


def webhook_deliver_now(delivery_id: int) -> str:
    """One attempt. Success is any 2xx; otherwise the next attempt waits longer, until MAX_ATTEMPTS."""
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
        return "skipped"
    now = clock.now()
    timestamp = str(int(now.timestamp()))
    body = delivery.body.encode()
    request = urllib.request.Request(delivery.endpoint.url, data=body, method="POST", headers={  # noqa: S310
        "Content-Type": "application/json", "User-Agent": "senmediation-webhooks/1",
        TIMESTAMP_HEADER: timestamp, EVENT_HEADER: delivery.event,
        SIGNATURE_HEADER: signature(secret=delivery.endpoint.secret, timestamp=timestamp, body=body),
    })
    delivery.attempts += 1
    code: int | None = None
    error = ""
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            code = int(response.status)
    except urllib.error.HTTPError as refusal:
        code, error = refusal.code, f"HTTP {refusal.code}"
    except (OSError, ValueError) as failure:
        error = str(failure)[:500] or failure.__class__.__name__
    delivery.last_status_code = code
    delivery.last_error = error
    if code is not None and 200 <= code < 300:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.next_attempt_at = now + back_off(delivery.attempts)
    delivery.save()
    if delivery.status == WebhookDelivery.Status.PENDING:
        logger.info("Webhook %s to %s failed (%s); next try at %s", delivery.pk, delivery.endpoint.url,
                    error or code, delivery.next_attempt_at)
    return delivery.status


def webhooks_deliver_due(*, now: dt.datetime | None = None) -> int:
    """Cron's sweep: every pending delivery whose next attempt is due (or left by a dead worker)."""
    now = now or clock.now()
    due = list(WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now).values_list("pk", flat=True)[:500])
    for pk in due:
        webhook_deliver_now(pk)
    return len(due)
