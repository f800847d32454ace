from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
