"""The access matrix's rows for the staff pages (/staff/people/) and the "account above me" table.

Only managers and the break-glass superuser ("superuser" here: an administrator who is also a superuser)
open these pages; everyone else is refused before any look-up (403; signed out: 302 to sign in). On a
person, an action (change details and roles, e-mail, second-factor reset, switch off or on, a new link)
is allowed only on an account ranked below the actor's own, never on the actor's own (accounts/ceiling.py).
The tables below say it case by case, written out, not computed from that rule.
"""

from __future__ import annotations

from typing import Any

# anonymous, coordinator, mediator, other_mediator, manager, commissioner, other_commissioner, administrator,
# superuser (the same order as ROLES in test_access_matrix.py).
PEOPLE = {"anonymous": 302, "coordinator": 403, "mediator": 403, "other_mediator": 403, "manager": 200,
          "commissioner": 403, "other_commissioner": 403, "administrator": 403, "superuser": 200}
EVERYONE_403 = dict.fromkeys(PEOPLE, 403)
MISSING = 987654
COORDINATOR = {"pk": "{user_ids[coordinator]}"}
INVITE = {"first_name": "Nia", "last_name": "New", "email": "nia@example.org", "username": "m-nia",
          "roles": ["mediator"]}
CHANGE = {"first_name": "Ann", "last_name": "Other", "roles": ["coordinator"]}
NEW_EMAIL = {"new_email": "someone.new@example.net"}


def _as(status: int) -> dict[str, int]:
    """PEOPLE, with `status` for the roles that get through."""
    return {role: status if value == 200 else value for role, value in PEOPLE.items()}


def people_rows(get: Any, post: Any) -> dict[str, list[Any]]:
    posted_only = dict.fromkeys(PEOPLE, 405)
    return {
        "people:list": [get(PEOPLE)],
        "people:invite": [get(PEOPLE), post(_as(302), INVITE), post(_as(400))],  # nothing filled in: the errors
        "people:detail": [get(PEOPLE, **COORDINATOR), get(_as(404), pk=MISSING)],
        "people:change": [get(PEOPLE, **COORDINATOR), post(_as(302), CHANGE, **COORDINATOR),
                          post(_as(400), **COORDINATOR), post(_as(404), CHANGE, pk=MISSING)],
        "people:email": [get(PEOPLE, **COORDINATOR), post(_as(302), NEW_EMAIL, **COORDINATOR),
                         post(_as(404), NEW_EMAIL, pk=MISSING)],
        "people:second_factor_reset": [get(PEOPLE, **COORDINATOR), post(_as(302), **COORDINATOR),
                                       post(_as(404), pk=MISSING)],
        "people:switch_off": [get(PEOPLE, **COORDINATOR), post(_as(302), **COORDINATOR), post(_as(404), pk=MISSING)],
        "people:switch_on": [get(posted_only, **COORDINATOR), post(_as(302), **COORDINATOR),
                             post(_as(404), pk=MISSING)],
        "people:link_send": [get(posted_only, **COORDINATOR), post(_as(302), **COORDINATOR),
                             post(_as(404), pk=MISSING)],
        # Reached from e-mailed links, signed out: a made-up link, or none in this browser, is refused.
        "accounts:email_confirm": [get(EVERYONE_403, token="not-a-real-token"),
                                   post(EVERYONE_403, token="not-a-real-token")],
        "accounts:password_choose": [get(EVERYONE_403)],
    }


# ---- Every role against every kind of account ----------------------------------------------------------
# Whose account: the matrix's coordinator, mediator, commissioner, plain administrator, manager and
# superuser; another manager; and the actor's own account (for anonymous, an id that does not exist).
TARGETS = ("coordinator", "mediator", "commissioner", "administrator", "manager", "other_manager", "superuser",
           "own")
# The person's page: managers and the superuser see every account (actions only where allowed).
PAGE: dict[str, tuple[int, ...]] = {
    #                      coord mediat commis admin manager other_m super own
    "anonymous":          (302,  302,   302,   302,  302,    302,    302,  302),
    "coordinator":        (403,  403,   403,   403,  403,    403,    403,  403),
    "mediator":           (403,  403,   403,   403,  403,    403,    403,  403),
    "other_mediator":     (403,  403,   403,   403,  403,    403,    403,  403),
    "manager":            (200,  200,   200,   200,  200,    200,    200,  200),
    "commissioner":       (403,  403,   403,   403,  403,    403,    403,  403),
    "other_commissioner": (403,  403,   403,   403,  403,    403,    403,  403),
    "administrator":      (403,  403,   403,   403,  403,    403,    403,  403),
    "superuser":          (200,  200,   200,   200,  200,    200,    200,  200),
}
# The form or confirmation page of an action (GET).
ACTION_PAGE: dict[str, tuple[int, ...]] = {
    #                      coord mediat commis admin manager other_m super own
    "anonymous":          (302,  302,   302,   302,  302,    302,    302,  302),
    "coordinator":        (403,  403,   403,   403,  403,    403,    403,  403),
    "mediator":           (403,  403,   403,   403,  403,    403,    403,  403),
    "other_mediator":     (403,  403,   403,   403,  403,    403,    403,  403),
    "manager":            (200,  200,   200,   200,  403,    403,    403,  403),
    "commissioner":       (403,  403,   403,   403,  403,    403,    403,  403),
    "other_commissioner": (403,  403,   403,   403,  403,    403,    403,  403),
    "administrator":      (403,  403,   403,   403,  403,    403,    403,  403),
    "superuser":          (200,  200,   200,   200,  200,    200,    403,  403),
}
# The action itself (POST): done, and back to the person's page (302), or refused.
ACTION: dict[str, tuple[int, ...]] = {
    #                      coord mediat commis admin manager other_m super own
    "anonymous":          (302,  302,   302,   302,  302,    302,    302,  302),
    "coordinator":        (403,  403,   403,   403,  403,    403,    403,  403),
    "mediator":           (403,  403,   403,   403,  403,    403,    403,  403),
    "other_mediator":     (403,  403,   403,   403,  403,    403,    403,  403),
    "manager":            (302,  302,   302,   302,  403,    403,    403,  403),
    "commissioner":       (403,  403,   403,   403,  403,    403,    403,  403),
    "other_commissioner": (403,  403,   403,   403,  403,    403,    403,  403),
    "administrator":      (403,  403,   403,   403,  403,    403,    403,  403),
    "superuser":          (302,  302,   302,   302,  302,    302,    403,  403),
}
# The roles each kind of account holds, posted back unchanged with the change form (a commissioner's LA too).
HELD = {"coordinator": ["coordinator"], "mediator": ["mediator"], "commissioner": ["commissioner"],
        "administrator": ["administrator"], "manager": ["manager"], "other_manager": ["manager"],
        "superuser": ["administrator"], "own": []}


def _change_data(target: str) -> dict[str, Any]:
    return {"first_name": "Ann", "last_name": "Other", "phone": "", "roles": HELD[target],
            "local_authority": "{la_id}"}


# (URL name, method, table, data for a target)
CEILING_CHECKS: tuple[tuple[str, str, dict[str, tuple[int, ...]], Any], ...] = (
    ("people:detail", "get", PAGE, None),
    ("people:change", "get", ACTION_PAGE, None),
    ("people:change", "post", ACTION, _change_data),
    ("people:email", "get", ACTION_PAGE, None),
    ("people:email", "post", ACTION, lambda target: NEW_EMAIL),
    ("people:second_factor_reset", "get", ACTION_PAGE, None),
    ("people:second_factor_reset", "post", ACTION, None),
    ("people:switch_off", "get", ACTION_PAGE, None),
    ("people:switch_off", "post", ACTION, None),
    ("people:switch_on", "post", ACTION, None),
    ("people:link_send", "post", ACTION, None),
)
CEILING_URLS = tuple(sorted({name for name, *_ in CEILING_CHECKS}))
