"""Staff roles as groups. The permission decisions themselves live in each app's selectors."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.contrib.auth.models import Group


class Role(StrEnum):
    COORDINATOR = "coordinator"
    MEDIATOR = "mediator"
    MANAGER = "manager"
    COMMISSIONER = "commissioner"
    ADMINISTRATOR = "administrator"


ROLE_LABELS = {
    Role.COORDINATOR: "Coordinator (mediation adviser)",
    Role.MEDIATOR: "Mediator",
    Role.MANAGER: "Manager",
    Role.COMMISSIONER: "Commissioner (local authority)",
    Role.ADMINISTRATOR: "Administrator",
}


def roles_ensure() -> None:
    for role in Role:
        Group.objects.get_or_create(name=role.value)


def roles_ensure_signal(sender: Any, **kwargs: Any) -> None:
    if getattr(sender, "label", None) == "accounts":
        roles_ensure()


def user_roles(user: Any) -> frozenset[Role]:
    """The user's roles, read once per request object (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_role_cache", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        user._role_cache = cached
    return cached


def has_role(user: Any, *roles: Role) -> bool:
    return bool(user_roles(user) & set(roles))


def user_role_add(*, user: Any, role: Role) -> None:
    group, _ = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)
    user.__dict__.pop("_role_cache", None)
