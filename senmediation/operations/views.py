import datetime as dt
import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from senmediation.core import clock

from . import selectors
from .metrics import metrics_text

PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _heartbeat_max_age() -> dt.timedelta:
    return dt.timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS)


@require_GET
@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    problem = selectors.readiness_problem(now=clock.now(), heartbeat_max_age=_heartbeat_max_age())
    if problem:
        return JsonResponse({"status": "not ready", "reason": problem}, status=503)
    return JsonResponse({"status": "ready"})


def metrics_allowed(request: HttpRequest) -> bool:
    """The bearer token when one is configured; otherwise only a scraper on this host, not via the proxy."""
    token = str(settings.METRICS_TOKEN)
    if token:
        given = str(request.headers.get("Authorization", ""))
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
    if "X-Forwarded-For" in request.headers:
        return False
    try:
        return ipaddress.ip_address(str(request.META.get("REMOTE_ADDR", ""))).is_loopback
    except ValueError:
        return False


@require_GET
@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    if not metrics_allowed(request):
        return HttpResponse("Metrics need the bearer token in METRICS_TOKEN.\n", status=403,
                            content_type="text/plain; charset=utf-8")
    return HttpResponse(metrics_text(heartbeat_max_age=_heartbeat_max_age()), content_type=PROMETHEUS_CONTENT_TYPE)
