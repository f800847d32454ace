"""The roles the access matrix signs in as, and the small helpers every table of rows is written with."""

from __future__ import annotations

ROLES = ("anonymous", "coordinator", "mediator", "other_mediator", "manager", "commissioner", "other_commissioner",
         "administrator", "superuser")
MISSING = 987654


def by_role(anonymous: int, coordinator: int, mediator: int, other_mediator: int, manager: int,
            commissioner: int, other_commissioner: int, administrator: int,
            superuser: int | None = None) -> dict[str, int]:
    return dict(zip(ROLES, (anonymous, coordinator, mediator, other_mediator, manager, commissioner,
                            other_commissioner, administrator,
                            administrator if superuser is None else superuser), strict=True))


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def allowed_as(profile: dict[str, int], status: int) -> dict[str, int]:
    """The same protection, with `status` for the roles that get through."""
    return {role: status if value == 200 else value for role, value in profile.items()}
