"""The role ceiling: who may change whose account, and which roles they may hand out.

One rule, asked by the service's staff pages and the Django admin alike:
- an account's rank is the highest of its roles (a superuser, kept for break-glass use, is above all);
- only managers (and a break-glass superuser) manage accounts at all; an administrator looks after
  reference data and technical settings, never people, because whoever can reset a coordinator's
  password can read what that coordinator reads;
- nobody changes the roles, password, e-mail address, second factor or active flag of their own
  account, nor of an account ranked at or above their own, and nobody grants a role ranked at or above
  their own. So a manager cannot make another manager, nor take over one; only the break-glass
  superuser (made on the server, every request audited) or `manage.py staff_create` makes a manager.
"""

from __future__ import annotations

from typing import Any

from .roles import Role, user_roles

# Every role that works on cases or figures sits at one level; managers above them.
ROLE_RANK: dict[Role, int] = {
    Role.COMMISSIONER: 1,
    Role.MEDIATOR: 1,
    Role.COORDINATOR: 1,
    Role.ADMINISTRATOR: 1,
    Role.MANAGER: 2,
}
SUPERUSER_RANK = 3


def account_rank(user: Any) -> int:
    """0 for an account with no role; the highest rank of its roles otherwise."""
    if getattr(user, "is_superuser", False):
        return SUPERUSER_RANK
    return max((ROLE_RANK[role] for role in _roles(user)), default=0)


def _roles(user: Any) -> frozenset[Role]:
    # user_roles() needs an authenticated user; a target account is read the same way.
    if not getattr(user, "pk", None):
        return frozenset()
    cached = getattr(user, "_role_cache", None)
    if cached is not None:
        return frozenset(cached)
    if getattr(user, "is_authenticated", False):
        return user_roles(user)
    names = set(user.groups.values_list("name", flat=True))
    return frozenset(role for role in Role if role.value in names)


def may_manage_accounts(actor: Any) -> bool:
    """Managers and a break-glass superuser manage staff accounts; nobody else does."""
    if not (getattr(actor, "is_authenticated", False) and getattr(actor, "is_active", False)):
        return False
    return bool(actor.is_superuser or Role.MANAGER in _roles(actor))


def may_manage_account(actor: Any, target: Any) -> bool:
    """May `actor` change `target`'s roles, password, e-mail, second factor or active flag?"""
    if not may_manage_accounts(actor) or target is None:
        return False
    if getattr(target, "pk", None) is not None and target.pk == actor.pk:
        return False  # nobody raises, resets or switches off their own account
    return account_rank(target) < account_rank(actor)


def roles_grantable(actor: Any) -> list[Role]:
    """The roles `actor` may give or take away: those ranked below their own."""
    if not may_manage_accounts(actor):
        return []
    rank = account_rank(actor)
    return [role for role in Role if ROLE_RANK[role] < rank]


def may_set_roles(actor: Any, target: Any, *, before: frozenset[Role], after: frozenset[Role]) -> bool:
    """A change of `target`'s roles from `before` to `after` is allowed only if every role added or
    removed is one `actor` may grant, and `target` is below `actor` both before and after."""
    if not may_manage_account(actor, target):
        return False
    grantable = set(roles_grantable(actor))
    return (before ^ after) <= grantable and all(ROLE_RANK[role] < account_rank(actor) for role in after)
