import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from .breakglass import breakglass_lapsed

LAST_SEEN_KEY = "last_seen"
STARTED_KEY = "session_started"


class IdleSessionTimeoutMiddleware:
    """Signs staff out after SESSION_IDLE_TIMEOUT_SECONDS without a request (quality.md: idle expiry)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and breakglass_lapsed(user):
            logout(request)  # a break-glass superuser's time is up (accounts/breakglass.py)
            messages.info(request, "Your break-glass access has ended. Ask the operator to open it again if needed.")
        elif user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            # Saving the session renews its cookie, so a busy session would never expire: count from sign-in.
            started = request.session.setdefault(STARTED_KEY, now)
            if now - int(started) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, "You were signed out because you signed in more than 8 hours ago. "
                              "Sign in again to carry on.")
            elif last_seen is not None and now - int(last_seen) > settings.SESSION_IDLE_TIMEOUT_SECONDS:
                logout(request)
                messages.info(request, "You were signed out because you had not used the service for a while.")
            else:
                # Write at most once a minute to keep session saves cheap.
                if last_seen is None or now - int(last_seen) >= 60:
                    request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
