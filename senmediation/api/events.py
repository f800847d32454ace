"""Which organisations hear about a case, and the events they get. The case domain does not know
about webhooks: it announces `cases.signals.case_transitioned` once a step commits, and ApiConfig.ready
connects `case_transitioned_publish` to it."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from senmediation.core import clock

from .models import EVENTS, IdempotentReferral, Organisation, WebhookDelivery, WebhookEndpoint
from .tasks import webhook_enqueue

__all__ = ["EVENTS", "case_events_publish", "case_transitioned_publish", "webhook_replay", "webhook_secret_new"]
# The workflow actions that are also events of their own.
ACTION_EVENTS = {"issue_certificate": "certificate.issued", "record_agreement": "agreement.made"}


def webhook_secret_new() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


def _endpoints_for(*, reference: str, local_authority_id: int) -> Iterable[WebhookEndpoint]:
    referred_by = IdempotentReferral.objects.filter(case_reference=reference).values("organisation_id")
    return WebhookEndpoint.objects.filter(active=True).filter(
        Q(organisation__kind=Organisation.Kind.LOCAL_AUTHORITY, organisation__local_authority_id=local_authority_id)
        | (Q(organisation_id__in=referred_by) & ~Q(organisation__kind=Organisation.Kind.LOCAL_AUTHORITY))
    ).distinct()


def case_events_publish(
    *, reference: str, local_authority_id: int, action: str, from_state: str, to_state: str,
) -> list[WebhookDelivery]:
    """Called after a transition commits: records one delivery per event per subscribed endpoint and
    hands each to the task worker."""
    events = ["case.state_changed"] + ([ACTION_EVENTS[action]] if action in ACTION_EVENTS else [])
    created: list[WebhookDelivery] = []
    now = clock.now()
    for endpoint in _endpoints_for(reference=reference, local_authority_id=local_authority_id):
        for event in [event for event in events if event in endpoint.events]:
            delivery = WebhookDelivery(endpoint=endpoint, event=event, next_attempt_at=now)
            delivery.body = json.dumps({
                "id": str(delivery.event_id), "type": event, "created_at": now.isoformat(),
                "data": {"reference": reference, "action": action, "from_state": from_state, "state": to_state},
            }, separators=(",", ":"), sort_keys=True)
            delivery.save()
            created.append(delivery)
    for delivery in created:
        webhook_enqueue(delivery)
    return created


def case_transitioned_publish(
    sender: Any, *, reference: str, local_authority_id: int, action: str, from_state: str, to_state: str,
    **kwargs: Any,
) -> None:
    """Receives `case_transitioned` (sent on commit) and publishes the step to partners' webhooks."""
    case_events_publish(reference=reference, local_authority_id=local_authority_id, action=action,
                        from_state=from_state, to_state=to_state)


def webhook_replay(*, delivery: WebhookDelivery) -> None:
    """A manager sends an event again (same body, fresh signature and timestamp)."""
    delivery.status = WebhookDelivery.Status.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = clock.now()
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    webhook_enqueue(delivery)
