from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password

from senmediation.core import clock
from senmediation.core.ratelimit import rate_limit_clear, rate_limit_hit, rate_limit_peek, rate_limit_refund

from .models import User
from .roles import Role, roles_ensure, user_role_add

# The sign-in limits (docs/security.md, "One rate limiter"), all counted in core/ratelimit.py.
ACCOUNT_ADDRESS = "signin-account-address"  # attempts at one account from one address: LOGIN_FAILURE_LIMIT
ACCOUNT = "signin-account"  # attempts at one account from anywhere: LOGIN_USER_LIMIT
TRIED = "signin-tried"  # failures for one account from one address, so that each account counts once below
ADDRESS = "signin-address"  # different accounts failed from one address: LOGIN_IP_LIMIT


@dataclass(frozen=True)
class LoginAttempt:
    """One try at an account (a password or a code), counted before it is checked."""

    username: str
    ip_address: str | None
    at: dt.datetime
    locked_until: dt.datetime | None = None


def _name(username: str) -> str:
    return username.lower()[:150]


def _lockout_limits(username: str, ip_address: str | None) -> list[tuple[str, str, int]]:
    name = _name(username)
    return [(ACCOUNT_ADDRESS, f"{name}\n{ip_address or 'unknown'}", settings.LOGIN_FAILURE_LIMIT),
            (ACCOUNT, name, settings.LOGIN_USER_LIMIT)]


def _lockout_window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def login_locked_until(*, username: str, ip_address: str | None, now: dt.datetime | None = None) -> dt.datetime | None:
    """When this account may be tried again from this address, if failures have locked it (counts nothing).

    Two separate limits: LOGIN_FAILURE_LIMIT failures for the account from this address (someone
    guessing elsewhere cannot lock the real user out), and LOGIN_USER_LIMIT from anywhere (guessing
    spread over many addresses). The lock lasts LOGIN_LOCKOUT_MINUTES from the failure that reached
    the limit, into the next window if need be."""
    now, window = now or clock.now(), _lockout_window()
    until: list[dt.datetime] = []
    for scope, key, limit in _lockout_limits(username, ip_address):
        for when in (now, now - window):  # this window and the one before
            seen = rate_limit_peek(scope=scope, key=key, limit=limit, window=window, now=when)
            if not seen.allowed and seen.last_at is not None and seen.last_at + window > now:
                until.append(seen.last_at + window)
    return max(until, default=None)


def login_attempt_start(*, username: str, ip_address: str | None) -> LoginAttempt:
    """Counts a try at the account against both lockout limits, atomically, so parallel guesses get
    exactly the allowance; a locked account's try is not counted and carries `locked_until`. A try
    that turns out right is given back (`login_attempt_passed`) or clears the failures
    (`login_failures_clear`): only failures lock."""
    now, window = clock.now(), _lockout_window()
    if locked_until := login_locked_until(username=username, ip_address=ip_address, now=now):
        return LoginAttempt(username, ip_address, now, locked_until)
    limits = _lockout_limits(username, ip_address)
    hits = [rate_limit_hit(scope=scope, key=key, limit=limit, window=window, now=now) for scope, key, limit in limits]
    if all(hit.allowed for hit in hits):
        return LoginAttempt(username, ip_address, now)
    for scope, key, _ in limits:
        rate_limit_refund(scope=scope, key=key, window=window, now=now)
    locked_until = login_locked_until(username=username, ip_address=ip_address, now=now) or now + window
    return LoginAttempt(username, ip_address, now, locked_until)


def login_attempt_passed(attempt: LoginAttempt) -> None:
    """The try was not a failure (a right password before the second step): it does not count."""
    if attempt.locked_until is None:
        for scope, key, _ in _lockout_limits(attempt.username, attempt.ip_address):
            rate_limit_refund(scope=scope, key=key, window=_lockout_window(), now=attempt.at)


def login_failure_record(attempt: LoginAttempt) -> None:
    """The try failed (it already counts against the account): counts the account among those tried
    from this address, once per account in the window."""
    if not attempt.ip_address:
        return
    window = dt.timedelta(minutes=getattr(settings, "LOGIN_IP_WINDOW_MINUTES", 10))
    first = rate_limit_hit(scope=TRIED, key=f"{attempt.ip_address}\n{_name(attempt.username)}", limit=1,
                           window=window, now=attempt.at)
    if first.count == 1:
        rate_limit_hit(scope=ADDRESS, key=attempt.ip_address, limit=getattr(settings, "LOGIN_IP_LIMIT", 20),
                       window=window, now=attempt.at)


def login_failures_clear(*, username: str, ip_address: str | None) -> None:
    """Signed in: the account's failures from this address and from anywhere are forgotten."""
    for scope, key, _ in _lockout_limits(username, ip_address):
        rate_limit_clear(scope=scope, key=key)


def ip_rate_limited(*, ip_address: str | None) -> bool:
    """Failed sign-ins for too many different accounts from one address (guessing across accounts).

    Counts accounts, not attempts: one person's own mistakes lock only their own account, never the
    colleagues who share their office's address."""
    if not ip_address:
        return False
    window = dt.timedelta(minutes=getattr(settings, "LOGIN_IP_WINDOW_MINUTES", 10))
    return not rate_limit_peek(scope=ADDRESS, key=ip_address, limit=getattr(settings, "LOGIN_IP_LIMIT", 20),
                               window=window).allowed


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
