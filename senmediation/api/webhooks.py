"""Signing webhook bodies and one delivery attempt with its back-off; the worker runs the attempts."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import http.client
import logging

from senmediation.core import clock

from . import outbound
from .models import WebhookDelivery

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-SEN-Signature"
TIMESTAMP_HEADER = "X-SEN-Timestamp"
EVENT_HEADER = "X-SEN-Event"
MAX_ATTEMPTS = 8
TIMEOUT_SECONDS = 10
# What a failed attempt records and logs: the class of the answer only, never the exact code, the port or
# the operating system's words, so the record cannot be used to map what listens where.
FAILED = "Delivery failed"
REFUSED = f"{FAILED}: address not allowed (public https addresses only)"
NO_RESPONSE = f"{FAILED}: no response"


def failure_text(code: int) -> str:
    """"Delivery failed: HTTP 4xx" and so on, for an answer that is not a 2xx."""
    if 300 <= code < 400:
        return f"{FAILED}: HTTP 3xx (redirects are not followed)"
    if 400 <= code < 600:
        return f"{FAILED}: HTTP {code // 100}xx"
    return f"{FAILED}: unexpected answer"


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
    headers = {
        "Content-Type": "application/json", "User-Agent": "senmediation-webhooks/1",
        TIMESTAMP_HEADER: timestamp, EVENT_HEADER: delivery.event,
        SIGNATURE_HEADER: signature(secret=delivery.endpoint.secret, timestamp=timestamp, body=body),
    }
    delivery.attempts += 1
    code: int | None = None
    try:
        code = outbound.post_checked(url=delivery.endpoint.url, body=body, headers=headers,
                                     timeout=TIMEOUT_SECONDS)
        error = "" if 200 <= code < 300 else failure_text(code)
    except outbound.DestinationRefused:
        error = REFUSED
    except (OSError, http.client.HTTPException, ValueError):
        error = NO_RESPONSE
    delivery.last_status_code = None  # no longer recorded: the class in last_error is all that is kept
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
        logger.info("Webhook delivery %s for endpoint %s: %s; next try at %s", delivery.pk, delivery.endpoint_id,
                    error, delivery.next_attempt_at)
    return delivery.status


def webhooks_deliver_due(*, now: dt.datetime | None = None) -> int:
    """Cron's sweep: every pending delivery whose next attempt is due (or left by a dead worker)."""
    now = now or clock.now()
    due = list(WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now).values_list("pk", flat=True)[:500])
    for pk in due:
        webhook_deliver_now(pk)
    return len(due)
