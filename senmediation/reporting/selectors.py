"""Who may see which report: managers every LA and all together; a commissioner only their own LA."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from senmediation.accounts.roles import Role, user_roles
from senmediation.directory.models import LocalAuthority

from .models import ActivityStatement

ALL = "all"


def sees_suppressed(user: Any) -> bool:
    """Everyone outside the provider's managers gets small numbers suppressed."""
    return Role.MANAGER not in user_roles(user)


def report_scope_for(*, user: Any, la_code: str) -> LocalAuthority | None:
    """The LA a report covers (None: every LA), or 404 for one the user may not see: a refusal reveals
    nothing, not even whether the code exists."""
    roles = user_roles(user)
    if Role.MANAGER in roles:
        if la_code == ALL:
            return None
        la = LocalAuthority.objects.filter(gss_code=la_code).first()
    elif Role.COMMISSIONER in roles and user.local_authority_id is not None:
        la = LocalAuthority.objects.filter(gss_code=la_code, pk=user.local_authority_id).first()
    else:
        la = None
    if la is None:
        raise Http404("No such report")
    return la


def report_choices_for(user: Any) -> list[tuple[str, str]]:
    if Role.MANAGER in user_roles(user):
        return [(ALL, "All local authorities"),
                *LocalAuthority.objects.order_by("name").values_list("gss_code", "name")]
    return list(LocalAuthority.objects.filter(pk=user.local_authority_id).values_list("gss_code", "name"))


def statements_for(*, user: Any, la_code: str) -> QuerySet[ActivityStatement]:
    """The issued activity statements the user may see for `la_code` (managers: "all" too), newest period first."""
    la = report_scope_for(user=user, la_code=la_code)
    found = ActivityStatement.objects.select_related("replaced_by", "replaces").order_by("-period_start", "-id")
    return found if la is None else found.filter(local_authority=la)


def statement_for(*, user: Any, la_code: str, number: str) -> ActivityStatement:
    statement = statements_for(user=user, la_code=la_code).select_related("issued_by").filter(number=number).first()
    if statement is None:
        raise Http404("No such statement")
    return statement
