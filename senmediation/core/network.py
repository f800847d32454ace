from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address. Each trusted proxy appends the address it saw to X-Forwarded-For, so with
    N trusted proxies the client is the Nth entry from the right; anything further left is the
    client's own to forge."""
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if proxies > 0:
        hops = [hop.strip() for hop in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None
