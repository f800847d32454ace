from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.password_validation import validate_password

from senmediation.core import clock

from .models import LoginFailure, User
from .roles import Role, roles_ensure, user_role_add


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


def staff_user_create(
    *, username: str, email: str, first_name: str, last_name: str, role: Role, password: str
) -> User:
    """A new staff account with one role; the password must pass the service's validators. Administrators
    get the Django admin (as the demo's do). The second factor is set up at the first sign-in."""
    if User.objects.filter(username=username).exists():
        raise ValueError(f"There is already a user called {username}.")
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    validate_password(password, user)
    user.set_password(password)
    user.is_staff = user.is_superuser = role is Role.ADMINISTRATOR
    user.save()
    roles_ensure()
    user_role_add(user=user, role=role)
    return user
