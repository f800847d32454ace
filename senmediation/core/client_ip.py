"""The caller's internet address, for throttles and the audit log: the one place that reads it.

Behind TRUSTED_PROXY_COUNT proxies, each of which appends the address it saw to X-Forwarded-For, the
client is the entry that many places from the end; anything further left was written by the caller
and may be forged. With no trusted proxy (0, the default) only REMOTE_ADDR counts."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(text: str) -> str | None:
    try:
        return ipaddress.ip_address(text.strip()).compressed
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = _valid(str(request.META.get("REMOTE_ADDR") or ""))
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if hop.strip()]
    if len(hops) < count:
        return remote  # the request did not come through every trusted proxy
    return _valid(hops[-count]) or remote
