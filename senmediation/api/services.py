"""What managers do to the API's organisations, keys and webhook endpoints from the staff pages. Each
service is one transaction and writes its own audit entry (no secret ever goes in the log)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from senmediation.audit.services import audit_record
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.directory.models import LocalAuthority

from .events import webhook_secret_new
from .keys import DEFAULT_DAYS, api_key_issue, api_key_revoke
from .models import EVENTS, ApiKey, Organisation, WebhookEndpoint

ACCESS_PATH = "/staff/access/api/"
# After a rotation the old key keeps working this long, so the partner can put the new one in place.
ROTATION_OVERLAP = dt.timedelta(days=7)


def _audit(*, by: Any, ip: str | None, service: str, detail: str) -> None:
    audit_record(user=by, ip=ip, method="POST", path=ACCESS_PATH, view_name=f"access:{service}", action="change",
                 status_code=200, detail=detail)


def organisation_create(
    *, name: str, kind: str, local_authority: LocalAuthority | None, by: Any, ip: str | None,
) -> Organisation:
    name = name.strip()
    if not name:
        raise ServiceError("Enter the organisation's name", field="name")
    if kind not in Organisation.Kind.values:
        raise ServiceError("Choose what kind of organisation it is", field="kind")
    if kind == Organisation.Kind.LOCAL_AUTHORITY and local_authority is None:
        raise ServiceError("Choose the local authority whose cases its keys may read", field="local_authority")
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=name, kind=kind, local_authority=local_authority if kind == Organisation.Kind.LOCAL_AUTHORITY else None)
        _audit(by=by, ip=ip, service="organisation_create", detail=f"API organisation {organisation.pk} added")
    return organisation


def api_key_create(
    *, organisation: Organisation, name: str, scopes: Iterable[str], expires_at: dt.datetime, by: Any,
    ip: str | None,
) -> tuple[ApiKey, str]:
    """A new key and the only copy of its secret, to show once."""
    chosen = sorted(set(scopes))
    if not name.strip():
        raise ServiceError("Enter a name for the key", field="name")
    if not chosen:
        raise ServiceError("Choose at least one thing the key may do", field="scopes")
    if expires_at <= clock.now():
        raise ServiceError("The expiry date must be after today", field="expires")
    with transaction.atomic():
        try:
            key, token = api_key_issue(organisation=organisation, name=name.strip(), scopes=chosen, by=by,
                                       expires_at=expires_at)
        except ValueError as unknown:
            raise ServiceError(str(unknown), field="scopes") from None
        _audit(by=by, ip=ip, service="api_key_create",
               detail=f"API key {key.prefix} issued for organisation {organisation.pk}: {' '.join(chosen)}")
    return key, token


def api_key_rotation_ends(*, key: ApiKey) -> dt.datetime:
    """When the old key stops working once replaced: after the overlap, or its own expiry if sooner."""
    return min(key.expires_at, clock.now() + ROTATION_OVERLAP)


def api_key_rotate(*, key: ApiKey, by: Any, ip: str | None) -> tuple[ApiKey, str]:
    """A replacement with the same name and scopes (a fresh year), the old key cut to the overlap."""
    if key.revoked_at is not None or key.expires_at <= clock.now():
        raise ServiceError("This key no longer works: issue a new one instead")
    with transaction.atomic():
        new, token = api_key_issue(organisation=key.organisation, name=key.name, scopes=key.scopes, by=by,
                                   expires_at=clock.now() + dt.timedelta(days=DEFAULT_DAYS))
        key.expires_at = api_key_rotation_ends(key=key)
        key.save(update_fields=["expires_at"])
        _audit(by=by, ip=ip, service="api_key_rotate",
               detail=f"API key {key.prefix} replaced by {new.prefix}; the old one expires {key.expires_at:%Y-%m-%d}")
    return new, token


def api_key_stop(*, key: ApiKey, by: Any, ip: str | None) -> None:
    """Revokes the key at once (a second revocation changes nothing and records nothing)."""
    if key.revoked_at is not None:
        return
    with transaction.atomic():
        api_key_revoke(key=key)
        _audit(by=by, ip=ip, service="api_key_stop", detail=f"API key {key.prefix} revoked")


def _checked(*, url: str, events: Iterable[str]) -> tuple[str, list[str]]:
    url = url.strip()
    chosen = [event for event in EVENTS if event in set(events)]
    probe = WebhookEndpoint(url=url)
    try:
        probe.clean()
    except ValidationError as refusal:
        raise ServiceError(refusal.message_dict["url"][0], field="url") from None
    if not chosen:
        raise ServiceError("Choose at least one event to send", field="events")
    return url, chosen


def webhook_endpoint_create(
    *, organisation: Organisation, url: str, events: Iterable[str], by: Any, ip: str | None,
) -> WebhookEndpoint:
    """A new endpoint with a new signing secret (on the returned object: show it once)."""
    url, chosen = _checked(url=url, events=events)
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.create(organisation=organisation, url=url, events=chosen,
                                                  secret=webhook_secret_new())
        _audit(by=by, ip=ip, service="webhook_endpoint_create",
               detail=f"Webhook endpoint {endpoint.pk} added for organisation {organisation.pk}: {' '.join(chosen)}")
    return endpoint


def webhook_endpoint_update(
    *, endpoint: WebhookEndpoint, url: str, events: Iterable[str], active: bool, by: Any, ip: str | None,
) -> None:
    url, chosen = _checked(url=url, events=events)
    with transaction.atomic():
        endpoint.url, endpoint.events, endpoint.active = url, chosen, active
        endpoint.save(update_fields=["url", "events", "active"])
        _audit(by=by, ip=ip, service="webhook_endpoint_update",
               detail=f"Webhook endpoint {endpoint.pk} changed: {' '.join(chosen)}, "
                      f"{'switched on' if active else 'switched off'}")


def webhook_secret_rotate(*, endpoint: WebhookEndpoint, by: Any, ip: str | None) -> str:
    """A new signing secret, in use from the next delivery; returned to show once."""
    with transaction.atomic():
        endpoint.secret = webhook_secret_new()
        endpoint.save(update_fields=["secret"])
        _audit(by=by, ip=ip, service="webhook_secret_rotate",
               detail=f"Webhook endpoint {endpoint.pk}: signing secret replaced")
    return endpoint.secret
