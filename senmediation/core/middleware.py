import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .logging import request_id_var

access_log = logging.getLogger("senmediation.access")
# nginx's $request_id is 32 hex digits; anything else a client sends is replaced, not trusted.
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9-]{8,64}$")

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    """Headers Django does not set itself; CSP comes from django-csp, HSTS from SecurityMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.path.startswith(("/staff/", "/accounts/", "/admin/", "/refer/")):
            # Case data and form answers must not sit in shared caches or the back/forward cache.
            response.setdefault("Cache-Control", "no-store")
        return response


def request_route(request: HttpRequest) -> str:
    """The URL pattern, not the path: paths hold case references and secure-link tokens."""
    match = getattr(request, "resolver_match", None)
    return f"/{match.route}" if match is not None else "unmatched"


class RequestIdMiddleware:
    """Gives every request an id (nginx's, when it sent one), logs one access line and returns the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = str(request.headers.get("X-Request-ID", ""))
        request_id = given if REQUEST_ID_PATTERN.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            route, duration = request_route(request), round((time.perf_counter() - started) * 1000, 1)
            access_log.info(
                "%s %s %s %.1fms", request.method, route, response.status_code, duration,
                extra={"method": request.method, "route": route, "status": response.status_code, "duration_ms": duration},
            )
            return response
        finally:
            request_id_var.reset(token)


class RequestSizeLimitMiddleware:
    """Refuses a request whose declared size is over the upload limit before anything reads its body
    (CSRF checking would otherwise read it all first). Room is left for the form's other fields."""

    FORM_ROOM = 1024 * 1024

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = int(getattr(settings, "UPLOAD_MAX_BYTES", 10 * 1024 * 1024)) + self.FORM_ROOM
        if declared > limit:
            context = {"limit_mb": int(getattr(settings, "UPLOAD_MAX_BYTES", 0)) // (1024 * 1024)}
            return render(request, "errors/request_too_large.html", context, status=413)
        return self.get_response(request)
