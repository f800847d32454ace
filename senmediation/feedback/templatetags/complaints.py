"""Complaint panels other apps' pages include: the dashboard's clocks and a case's complaints. Each
asks the selectors, so a person never sees a complaint about themselves."""

from __future__ import annotations

from typing import Any

from django import template

from senmediation.core import clock

from .. import selectors

register = template.Library()


@register.inclusion_tag("feedback/_dashboard.html", takes_context=True)
def complaints_dashboard(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    if not selectors.can_see_complaints(user):
        return {"shown": False}
    return {"shown": True, "due": selectors.complaints_due_for(user=user, today=clock.today())}


@register.inclusion_tag("feedback/_case_complaints.html", takes_context=True)
def case_complaints(context: dict[str, Any], case: Any) -> dict[str, Any]:
    user = context["request"].user
    return {"rows": selectors.complaints_for_case(user=user, case=case, today=clock.today())}
