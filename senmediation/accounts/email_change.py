"""Changing a staff account's e-mail address, confirmed from the address it holds now.

Second-factor set-up links go to the account's e-mail address, so whoever could change the address at
will could take over the account. A manager's change therefore only asks: a one-time link, valid for
EMAIL_CHANGE_HOURS, goes to the OLD address, and the new one takes effect when that link is confirmed.
Until then set-up links still go to the old address. Only a SHA-256 hash of the link's token is kept. An
account with no address yet gets it at once (there is nobody to ask).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

from senmediation.audit.services import audit_record
from senmediation.core import clock
from senmediation.core.errors import ServiceError

from .ceiling import may_manage_account
from .enrolment import enrolment_token_hash
from .models import EmailChange, User

EMAIL_CHANGE_HOURS = 24
EMAIL_CONFIRM_PATH = "/accounts/email/confirm/"


class EmailChangeRefused(ServiceError):
    status = 403


def _send(*, to: str, subject: str, body: str) -> None:
    try:
        EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]).send(
            fail_silently=False)
    except OSError as error:
        raise ServiceError("The e-mail could not be sent, so nothing was changed. Try again later.") from error


def _audit(*, by: Any, ip: str | None, path: str, view_name: str, detail: str) -> None:
    audit_record(user=by, ip=ip, method="POST", path=path, view_name=view_name, action="change", status_code=200,
                 detail=detail)


def email_change_request(*, by: Any, user: User, new_email: str, base_url: str,
                         ip: str | None = None) -> EmailChange | None:
    """Asks the address held now to confirm `new_email` (returns the waiting change), or sets it at once
    when the account has no address (returns None). A new request replaces one still waiting."""
    if not may_manage_account(by, user):
        raise EmailChangeRefused("Only someone above this role can change this account.")
    new_email = new_email.strip()
    if new_email.lower() == (user.email or "").lower():
        raise ServiceError("This is already their e-mail address", field="new_email")
    path = f"/staff/people/{user.pk}/email/"
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        EmailChange.objects.filter(user=user, confirmed_at__isnull=True).delete()
        if not user.email:
            user.email = new_email
            user.save(update_fields=["email"])
            _audit(by=by, ip=ip, path=path, view_name="people:email",
                   detail=f"e-mail of user {user.pk} set (it had none)")
            return None
        token = secrets.token_urlsafe(32)
        now = clock.now()
        change = EmailChange.objects.create(
            user=user, new_email=new_email, token_hash=enrolment_token_hash(token), requested_by=by, created_at=now,
            expires_at=now + dt.timedelta(hours=EMAIL_CHANGE_HOURS))
        _audit(by=by, ip=ip, path=path, view_name="people:email",
               detail=f"e-mail change of user {user.pk} asked, confirmation sent to the address held")
        url = f"{base_url.rstrip('/')}{EMAIL_CONFIRM_PATH}{token}/"
        _send(to=user.email, subject="Confirm the change of your e-mail address", body=(
            f"Dear {user.get_full_name() or user.username},\n\n"
            f"Your manager asked to change the e-mail address of your mediation case system account to "
            f"{new_email}.\n\nIf that is right, confirm it here:\n\n{url}\n\n"
            f"The link works once, until {clock.local(change.expires_at):%-d %B %Y at %-I:%M%p}. Until you confirm, "
            "we keep using this address.\n\nIf you did not expect this, do not use the link and tell your manager "
            "straight away."))
    return change


def email_change_find(token: str) -> EmailChange:
    """The waiting change for a token, or EmailChangeRefused saying plainly why not."""
    change = EmailChange.objects.select_related("user").filter(token_hash=enrolment_token_hash(token)).first()
    return _check(change)


def _check(change: EmailChange | None) -> EmailChange:
    if change is None:
        raise EmailChangeRefused("We cannot find this link. Check you used the whole link from the e-mail. "
                                 "A link stops working when a newer change is asked for.")
    if change.confirmed_at:
        raise EmailChangeRefused("This link has already been used. The change was made then.")
    if change.expires_at <= clock.now():
        raise EmailChangeRefused("This link has expired. Ask your manager to ask for the change again.")
    if not change.user.is_active:
        raise EmailChangeRefused("This account is switched off, so its e-mail address cannot be changed.")
    return change


def email_change_confirm(*, token: str, ip: str | None = None) -> User:
    """Applies the new address (once) and tells it that it is now the account's address."""
    with transaction.atomic():
        found = EmailChange.objects.select_for_update().filter(token_hash=enrolment_token_hash(token)).first()
        change = _check(found)
        now = clock.now()
        EmailChange.objects.filter(pk=change.pk).update(confirmed_at=now)
        user = User.objects.select_for_update().get(pk=change.user_id)
        user.email = change.new_email
        user.save(update_fields=["email"])
        _audit(by=None, ip=ip, path=f"{EMAIL_CONFIRM_PATH}[token]/", view_name="accounts:email_confirm",
               detail=f"e-mail change of user {user.pk} confirmed from the old address")
        _send(to=user.email, subject="Your e-mail address has changed", body=(
            f"Dear {user.get_full_name() or user.username},\n\n"
            "This is now the e-mail address of your mediation case system account. Links to set up your "
            "authenticator app will come here.\n\nIf you did not expect this, tell your manager straight away."))
    return user
