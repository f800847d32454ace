"""One-time links to set up an authenticator app, issued by a manager.

A password alone must never be enough to add a second factor: whoever learnt the password could add
their own app and sign in for good. So setting up (or replacing) the app needs a link that a manager
(or a superuser, or an operator at the console for the first manager) sends to the person's e-mail
address. The link works once, for ENROLMENT_HOURS, and only for the person it was made for; only a
SHA-256 hash of its token is kept, issuing it is written to the audit log, and a new link replaces
any unused one. The e-mail is sent before the link is saved, so a link is never kept that nobody got.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

from senmediation.audit.services import audit_record
from senmediation.core import clock
from senmediation.core.errors import ServiceError

from . import otp
from .ceiling import may_manage_account
from .models import EnrolmentLink, User

__all__ = ["EnrolmentLink", "EnrolmentRefused", "authenticator_enrol", "enrolment_link_check", "enrolment_link_find",
           "enrolment_link_issue", "enrolment_link_usable", "may_issue_enrolment"]
from .roles import Role, has_role

ENROLMENT_HOURS = 24
ENROLMENT_PATH = "/accounts/two-factor/enrol/"


class EnrolmentRefused(ServiceError):
    status = 403


def enrolment_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def may_issue_enrolment(user: Any) -> bool:
    """Managers and a break-glass superuser send set-up links, to accounts below their own only."""
    return bool(getattr(user, "is_authenticated", False) and (user.is_superuser or has_role(user, Role.MANAGER)))


def enrolment_link_issue(*, user: User, by: Any, base_url: str, ip: str | None = None) -> EnrolmentLink:
    """Makes a link for `user` and e-mails it to them. `by` is the manager, or None at the console."""
    if by is not None and not may_issue_enrolment(by):
        raise EnrolmentRefused("Only a manager can send a link to set up an authenticator app.")
    if by is not None and by.pk == user.pk:
        raise EnrolmentRefused("Ask another manager to send you a link to set up your authenticator app.")
    if by is not None and not may_manage_account(by, user):
        # A set-up link replaces the second factor, so it is a change to the account (accounts/ceiling.py).
        raise EnrolmentRefused("You cannot send a set-up link to an account ranked at or above your own.")
    if not user.is_active:
        raise ServiceError("This account is switched off, so it cannot set up an authenticator app.")
    if not user.email:
        raise ServiceError("Add an e-mail address for this person first: the link is sent by e-mail.")
    token = secrets.token_urlsafe(32)
    now = clock.now()
    url = f"{base_url.rstrip('/')}{ENROLMENT_PATH}{token}/"
    with transaction.atomic():
        EnrolmentLink.objects.filter(user=user, used_at__isnull=True).delete()  # one live link at a time
        link = EnrolmentLink.objects.create(
            user=user, token_hash=enrolment_token_hash(token), created_by=by, created_at=now,
            expires_at=now + dt.timedelta(hours=ENROLMENT_HOURS),
        )
        audit_record(user=by, ip=ip, method="POST", path=ENROLMENT_PATH, view_name="accounts:enrolment_link_issue",
                     action="change", status_code=200,
                     detail=f"authenticator set-up link sent to user {user.pk}")
        _email(user=user, url=url, expires_at=link.expires_at)
    return link


def _email(*, user: User, url: str, expires_at: dt.datetime) -> None:
    invited = not user.has_usable_password()  # a new account (accounts/people.py): no password yet
    body = (
        f"Dear {user.get_full_name() or user.username},\n\n"
        + (f"You have been given an account on the mediation case system. Your username is {user.username}.\n\n"
           "Use this link to choose your password and then set up the authenticator app you use to sign in:\n\n"
           if invited else
           "Use this link to set up the authenticator app you use to sign in to the mediation case system:\n\n")
        + f"{url}\n\n"
        f"The link works once, until {clock.local(expires_at):%-d %B %Y at %-I:%M%p}. "
        + ("" if invited else "You will be asked for your password first.") + "\n\n"
        "If you did not expect this e-mail, tell your manager straight away."
    )
    subject = "Your account on the mediation case system" if invited else "Set up your authenticator app"
    try:
        EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL,
                     to=[user.email]).send(fail_silently=False)
    except OSError as error:
        raise ServiceError("The e-mail with the link could not be sent, so no link was made. Try again later.") \
            from error


def enrolment_link_find(token: str) -> EnrolmentLink:
    """The live link for a token, or EnrolmentRefused saying plainly why not."""
    link = EnrolmentLink.objects.select_related("user").filter(token_hash=enrolment_token_hash(token)).first()
    return enrolment_link_check(link)


def enrolment_link_check(link: EnrolmentLink | None, *, user: Any = None) -> EnrolmentLink:
    if link is None:
        raise EnrolmentRefused("We cannot find this set-up link. Check you used the whole link from the e-mail.")
    if link.used_at:
        raise EnrolmentRefused("This set-up link has already been used. Ask a manager to send you a new one.")
    if link.expires_at <= clock.now():
        raise EnrolmentRefused("This set-up link has expired. Ask a manager to send you a new one.")
    if user is not None and link.user_id != user.pk:
        raise EnrolmentRefused("This set-up link was made for someone else. Ask a manager to send you your own.")
    return link


def enrolment_link_usable(*, link_id: int, user: Any) -> EnrolmentLink:
    """The set-up link remembered in this browser, if it is still live and `user`'s."""
    return enrolment_link_check(EnrolmentLink.objects.filter(pk=link_id).first(), user=user)


def authenticator_enrol(*, user: Any, link_id: int | None, device: Any, token: str) -> list[str] | None:
    """Sets up the app if the link is `user`'s and still live and `token` is right: uses up the link and
    returns fresh recovery codes. None for a wrong code (the link stays usable); EnrolmentRefused otherwise."""
    with transaction.atomic():
        link = EnrolmentLink.objects.select_for_update().filter(pk=link_id).first() if link_id else None
        link = enrolment_link_check(link, user=user)
        codes = otp.totp_setup_confirm(user=user, device=device, token=token)
        if codes is None:
            return None
        EnrolmentLink.objects.filter(pk=link.pk).update(used_at=clock.now())
    return codes
