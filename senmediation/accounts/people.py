"""Managers look after staff accounts in the service's own pages: invite, change, switch off, reset the
second factor (the pages are accounts/staff_views.py).

Every change asks the role ceiling (accounts/ceiling.py) first, whoever calls: nobody changes their own
account or one ranked at or above their own, nor hands out a role ranked at or above their own. Each
change is one transaction and writes an audit entry saying what changed (never a password or a token).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from senmediation.audit.services import audit_record
from senmediation.core.errors import ServiceError

from .ceiling import may_manage_account, may_manage_accounts, may_set_roles, roles_grantable
from .enrolment import enrolment_link_issue
from .models import EmailChange, EnrolmentLink, User
from .roles import Role

PEOPLE_PATH = "/staff/people/"
CEILING_REFUSAL = "Only someone above this role can change this account."


class AccountRefused(ServiceError):
    status = 403


def _refuse_unless_manageable(by: Any, user: User) -> None:
    if not may_manage_account(by, user):
        raise AccountRefused(CEILING_REFUSAL)


def _audit(*, by: Any, ip: str | None, user: User, view_name: str, detail: str) -> None:
    audit_record(user=by, ip=ip, method="POST", path=f"{PEOPLE_PATH}{user.pk}/", view_name=view_name,
                 action="change", status_code=200, detail=detail[:200])


def _roles_of(user: User) -> frozenset[Role]:
    names = set(user.groups.values_list("name", flat=True))
    return frozenset(role for role in Role if role.value in names)


def _roles_text(roles: Iterable[Role]) -> str:
    return ",".join(sorted(role.value for role in roles)) or "none"


def _roles_check(*, roles: frozenset[Role], local_authority: Any) -> None:
    if not roles:
        raise ServiceError("Choose at least one role", field="roles")
    if Role.COMMISSIONER in roles and local_authority is None:
        raise ServiceError("Choose the local authority this commissioner works for", field="local_authority")


def _roles_apply(*, user: User, roles: frozenset[Role], local_authority: Any) -> None:
    groups = [Group.objects.get_or_create(name=role.value)[0] for role in sorted(roles)]
    user.groups.set(groups)
    user.__dict__.pop("_role_cache", None)
    # Administrators enter the Django admin for reference data; nobody is made a superuser here.
    user.is_staff = Role.ADMINISTRATOR in roles
    user.local_authority = local_authority if Role.COMMISSIONER in roles else None


def staff_invite(*, by: Any, username: str, email: str, first_name: str, last_name: str, phone: str = "",
                 roles: Iterable[Role], local_authority: Any, base_url: str, ip: str | None = None) -> User:
    """A new account with no usable password, and ONE e-mailed link (enrolment.py) with which the person
    chooses a password and sets up their authenticator app. If the e-mail cannot be sent, no account is kept."""
    if not may_manage_accounts(by):
        raise AccountRefused("Only a manager can invite staff.")
    wanted = frozenset(roles)
    refused = wanted - set(roles_grantable(by))
    if refused:
        raise ServiceError("You can only give roles below your own", field="roles")
    _roles_check(roles=wanted, local_authority=local_authority)
    if User.objects.filter(username__iexact=username).exists():
        raise ServiceError("Someone already has this username. Choose another", field="username")
    if not email:
        raise ServiceError("Enter their e-mail address: the invitation is sent by e-mail", field="email")
    with transaction.atomic():
        user = User(username=username, email=email, first_name=first_name, last_name=last_name, phone=phone)
        user.set_unusable_password()
        user.save()
        _roles_apply(user=user, roles=wanted, local_authority=local_authority)
        user.save()
        _audit(by=by, ip=ip, user=user, view_name="people:invite",
               detail=f"user {user.pk} invited with roles {_roles_text(wanted)}")
        enrolment_link_issue(user=user, by=by, base_url=base_url, ip=ip)
    return user


def staff_details_change(*, by: Any, user: User, first_name: str, last_name: str, phone: str,
                         roles: Iterable[Role], local_authority: Any, ip: str | None = None) -> User:
    """Name, phone, roles and (for a commissioner) local authority. A role the manager may not give or take
    away is refused with a field error on the roles."""
    _refuse_unless_manageable(by, user)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        before, after = _roles_of(user), frozenset(roles)
        _roles_check(roles=after, local_authority=local_authority)
        if before != after and not may_set_roles(by, user, before=before, after=after):
            raise ServiceError("You can only give or take away roles below your own", field="roles")
        user.first_name, user.last_name, user.phone = first_name, last_name, phone
        _roles_apply(user=user, roles=after, local_authority=local_authority)
        user.save()
        detail = f"details of user {user.pk} changed"
        if before != after:
            detail = f"roles of user {user.pk}: {_roles_text(before)} -> {_roles_text(after)}"
        _audit(by=by, ip=ip, user=user, view_name="people:change", detail=detail)
    return user


def staff_active_set(*, by: Any, user: User, active: bool, ip: str | None = None) -> User:
    """Switches an account off (how staff are removed: rows the audit log refers to are never deleted) or
    back on. A switched-off account cannot sign in, and its open sessions end at their next request (Django's
    ModelBackend.get_user refuses an inactive user); its unused set-up links and e-mail changes are dropped."""
    _refuse_unless_manageable(by, user)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active == active:
            return user
        user.is_active = active
        user.save(update_fields=["is_active"])
        if not active:
            EnrolmentLink.objects.filter(user=user, used_at__isnull=True).delete()
            EmailChange.objects.filter(user=user, confirmed_at__isnull=True).delete()
        _audit(by=by, ip=ip, user=user, view_name="people:switch_off" if not active else "people:switch_on",
               detail=f"user {user.pk} switched {'on' if active else 'off'}")
    return user


def second_factor_reset(*, by: Any, user: User, base_url: str, ip: str | None = None) -> EnrolmentLink:
    """Removes the person's authenticator apps and recovery codes and e-mails a set-up link to the address
    the account holds now. If the link cannot be sent, nothing is removed."""
    _refuse_unless_manageable(by, user)
    if not user.is_active:
        raise ServiceError("This account is switched off. Switch it back on first.")
    if not user.email:
        raise ServiceError("Add an e-mail address for this person first: the set-up link is sent by e-mail.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        _audit(by=by, ip=ip, user=user, view_name="people:second_factor_reset",
               detail=f"second factor of user {user.pk} removed")
        return enrolment_link_issue(user=user, by=by, base_url=base_url, ip=ip)
