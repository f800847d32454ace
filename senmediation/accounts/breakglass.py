"""Break-glass superusers: the only superusers the service has.

A superuser can do anything the admin can, so none exists day to day. When something cannot be fixed
any other way (every manager locked out, a role table broken), an operator on the server runs
`manage.py breakglass`, which makes or reopens one superuser account for a few hours with a reason;
every request it makes is written to the audit log (audit/middleware.py), it cannot read case content in
the admin (accounts/admin_guard.py), and when its time is up it can no longer sign in and any session it
has ends. `manage.py breakglass --close` ends it sooner. Django's own `createsuperuser` is refused.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from senmediation.audit.services import audit_record
from senmediation.core import clock
from senmediation.core.errors import ServiceError

from .models import User

BREAKGLASS_MAX_HOURS = 12
BREAKGLASS_PATH = "manage.py breakglass"


def breakglass_open(*, username: str, email: str, reason: str, hours: int, password: str) -> User:
    """Makes (or reopens) `username` as a superuser until `hours` from now, audited with the reason."""
    reason = " ".join(reason.split())
    if len(reason) < 10:
        raise ServiceError("Give the reason in a sentence (at least 10 characters): it goes in the audit log.")
    if not 1 <= hours <= BREAKGLASS_MAX_HOURS:
        raise ServiceError(f"A break-glass account lasts from 1 to {BREAKGLASS_MAX_HOURS} hours.")
    until = clock.now() + dt.timedelta(hours=hours)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username).first()
        if user is not None and not user.is_superuser:
            raise ServiceError(f"{username} is a staff account: choose a name used only for break-glass access.")
        user = user or User(username=username)
        user.email = email
        validate_password(password, user)
        user.set_password(password)
        user.is_staff = user.is_superuser = user.is_active = True
        user.break_glass_until = until
        user.save()
        audit_record(user=None, ip=None, method="CLI", path=BREAKGLASS_PATH, view_name="accounts:breakglass_open",
                     action="change", status_code=200, username=username,
                     detail=f"break-glass superuser {username} open until {until:%Y-%m-%d %H:%M} UTC: {reason}")
    return user


def breakglass_close(*, username: str) -> User:
    """Ends a break-glass account now: no longer a superuser, switched off."""
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username, break_glass_until__isnull=False).first()
        if user is None:
            raise ServiceError(f"There is no break-glass account called {username}.")
        user.is_superuser = user.is_staff = user.is_active = False
        user.break_glass_until = None
        user.save(update_fields=["is_superuser", "is_staff", "is_active", "break_glass_until"])
        audit_record(user=None, ip=None, method="CLI", path=BREAKGLASS_PATH, view_name="accounts:breakglass_close",
                     action="change", status_code=200, username=username,
                     detail=f"break-glass superuser {username} closed")
    return user


def breakglass_lapsed(user: Any) -> bool:
    """A superuser whose break-glass time is over (or was never given) may not be signed in."""
    if not getattr(user, "is_superuser", False):
        return False
    until = getattr(user, "break_glass_until", None)
    return until is None or until <= clock.now()


class BreakGlassAwareBackend(ModelBackend):
    """Django's own backend, refusing a superuser whose break-glass time is over."""

    def user_can_authenticate(self, user: Any) -> bool:
        return super().user_can_authenticate(user) and not breakglass_lapsed(user)
