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


# Django admin permissions each role's group holds, as (app label, model or "*", actions). Case content is
# never managed in the admin; who reads a case is decided by the selectors, not by these.
ROLE_PERMISSIONS: dict[Role, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    Role.ADMINISTRATOR: (
        # Reference data and technical settings; people are managed by managers (accounts/ceiling.py).
        ("accounts", "user", ("view",)),
        ("auth", "group", ("view",)),
        ("directory", "*", ("view", "add", "change", "delete")),
        ("audit", "retentionpolicy", ("view", "change")),
    ),
    Role.MANAGER: (
        # Managers grant roles (an administrator's role changes are refused in accounts/admin.py).
        ("accounts", "user", ("view", "change")),
        ("auth", "group", ("view",)),
        ("directory", "*", ("view", "add", "change")),
        ("notifications", "messagetemplate", ("view", "change")),
        ("audit", "retentionpolicy", ("view",)),
    ),
    Role.COORDINATOR: (("directory", "*", ("view",)),),
    Role.MEDIATOR: (("directory", "mediatorprofile", ("view",)), ("directory", "mediatoravailability", ("view",))),
    Role.COMMISSIONER: (),
}


def roles_ensure() -> None:
    """Creates the role groups and gives each its admin permissions (idempotent)."""
    from django.contrib.auth.models import Permission

    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = []
        for app_label, model, actions in ROLE_PERMISSIONS[role]:
            found = Permission.objects.filter(content_type__app_label=app_label)
            if model != "*":
                found = found.filter(content_type__model=model)
            wanted += [p for p in found if p.codename.split("_", 1)[0] in actions]
        # Exactly what the code grants: a permission taken out of ROLE_PERMISSIONS leaves the group too.
        group.permissions.set(wanted)


def roles_ensure_signal(sender: Any, **kwargs: Any) -> None:
    # After each app migrates, so the permissions of apps migrated later are picked up too.
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
