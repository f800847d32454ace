from __future__ import annotations

import datetime as dt

from django.conf import settings

from senmediation.core import clock

from .models import LoginFailure


def login_failure_record(*, username: str, ip_address: str | None) -> None:
    LoginFailure.objects.create(username=username.lower()[:150], ip_address=ip_address, at=clock.now())


def login_failures_clear(*, username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()[:150]).delete()


def login_locked_until(*, username: str) -> dt.datetime | None:
    """When the account may be tried again, if too many recent failures have locked it."""
    window = dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    since = clock.now() - window
    recent = list(
        LoginFailure.objects.filter(username=username.lower()[:150], at__gte=since)
        .order_by("-at")
        .values_list("at", flat=True)[: settings.LOGIN_FAILURE_LIMIT]
    )
    if len(recent) < settings.LOGIN_FAILURE_LIMIT:
        return None
    return recent[0] + window


def ip_rate_limited(*, ip_address: str | None) -> bool:
    """Too many failed sign-in steps from one address recently (guessing across many accounts)."""
    if not ip_address:
        return False
    limit = getattr(settings, "LOGIN_IP_LIMIT", 20)
    window = dt.timedelta(minutes=getattr(settings, "LOGIN_IP_WINDOW_MINUTES", 10))
    return LoginFailure.objects.filter(ip_address=ip_address, at__gte=clock.now() - window).count() >= limit


def login_failures_prune(*, before: dt.datetime) -> int:
    """Failed sign-ins are kept only as long as lockout needs them (no personal data kept longer)."""
    deleted, _ = LoginFailure.objects.filter(at__lt=before).delete()
    return deleted
