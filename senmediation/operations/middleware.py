import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from senmediation.core.middleware import request_route

from .metrics import HTTP_DURATION, HTTP_REQUESTS

KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class RequestMetricsMiddleware:
    """Counts and times every request by route (bounded labels: never the raw path)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        route = request_route(request)
        method = request.method if request.method in KNOWN_METHODS else "other"
        HTTP_REQUESTS.labels(method=method, route=route, status=str(response.status_code)).inc()
        HTTP_DURATION.labels(route=route).observe(time.perf_counter() - started)
        return response
