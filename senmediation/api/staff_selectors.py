"""What managers see on the API access pages: organisations with their keys and endpoints (never a
secret: keys are kept as hashes, endpoint secrets are left out of every query here)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from .models import ApiKey, Organisation, WebhookDelivery, WebhookEndpoint

RECENT_DELIVERIES = 20


def _endpoints() -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.defer("secret").order_by("created_at", "pk")


def organisations_with_access() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("local_authority").prefetch_related(
        Prefetch("keys", queryset=ApiKey.objects.order_by("-created_at", "-pk")),
        Prefetch("webhooks", queryset=_endpoints()),
    ).order_by("name", "pk")


def organisation_with_access_get(pk: int) -> Organisation:
    return get_object_or_404(organisations_with_access(), pk=pk)


def api_key_get(pk: int) -> ApiKey:
    return get_object_or_404(ApiKey.objects.select_related("organisation"), pk=pk)


def webhook_endpoint_get(pk: int) -> WebhookEndpoint:
    return get_object_or_404(WebhookEndpoint.objects.select_related("organisation"), pk=pk)


def deliveries_recent(endpoint: WebhookEndpoint) -> list[WebhookDelivery]:
    return list(endpoint.deliveries.defer("body").order_by("-created_at", "-pk")[:RECENT_DELIVERIES])
