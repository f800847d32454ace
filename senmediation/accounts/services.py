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
