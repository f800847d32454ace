from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class AuditMiddleware:
    """Records who read or changed what (filled in by the audit app)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)
