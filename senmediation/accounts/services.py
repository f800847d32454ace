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


def login_locked_until(*, username: str, ip_address: str | None) -> dt.datetime | None:
    """When this account may be tried again from this address, if recent failures have locked it.

    Two separate limits: LOGIN_FAILURE_LIMIT failures for the account from this address (someone
    guessing elsewhere cannot lock the real user out), and LOGIN_USER_LIMIT from anywhere (guessing
    spread over many addresses)."""
    window = dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    failures = LoginFailure.objects.filter(username=username.lower()[:150], at__gte=clock.now() - window)
    for scope, limit in ((failures.filter(ip_address=ip_address), settings.LOGIN_FAILURE_LIMIT),
                         (failures, settings.LOGIN_USER_LIMIT)):
        recent = list(scope.order_by("-at").values_list("at", flat=True)[:limit])
        if len(recent) >= limit:
            return recent[0] + window
    return None


def ip_rate_limited(*, ip_address: str | None) -> bool:
    """Failed sign-ins for too many different accounts from one address (guessing across accounts).

    Counts accounts, not attempts: one person's own mistakes lock only their own account, never the
    colleagues who share their office's address."""
    if not ip_address:
        return False
    limit = getattr(settings, "LOGIN_IP_LIMIT", 20)
    window = dt.timedelta(minutes=getattr(settings, "LOGIN_IP_WINDOW_MINUTES", 10))
    recent = LoginFailure.objects.filter(ip_address=ip_address, at__gte=clock.now() - window)
    return recent.values("username").distinct().count() >= limit


def login_failures_prune(*, before: dt.datetime) -> int:
    """Failed sign-ins are kept only as long as lockout needs them (no personal data kept longer)."""
    deleted, _ = LoginFailure.objects.filter(at__lt=before).delete()
    return deleted


def staff_user_create(
    *, username: str, email: str, first_name: str, last_name: str, role: Role, password: str
) -> User:
    """A new staff account with one role; the password must pass the service's validators. Administrators
    get the Django admin for reference data, and are never superusers (accounts/ceiling.py); a superuser is
    made only for break-glass use by `manage.py breakglass`. The second factor is set up through the link
    the command sends."""
    if User.objects.filter(username=username).exists():
        raise ValueError(f"There is already a user called {username}.")
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    validate_password(password, user)
    user.set_password(password)
    user.is_staff = role is Role.ADMINISTRATOR
    user.save()
    roles_ensure()
    user_role_add(user=user, role=role)
    return user
