"""What every agreement page shares: who may use it, and how a case is loaded and guarded."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from senmediation.accounts.roles import Role
from senmediation.cases.models import Case
from senmediation.cases.selectors import case_get_for
from senmediation.rules.workflow import is_open

CASE_WORKERS = (Role.COORDINATOR, Role.MANAGER, Role.MEDIATOR)


def load_case(request: HttpRequest, reference: str) -> Case:
    """The case, or 404 when this user may not see it (decided by the cases selector)."""
    return case_get_for(user=request.user, reference=reference)


def ended_refusal(request: HttpRequest, case: Case, to: str) -> HttpResponse | None:
    """A redirect with a message when the case has ended: its pages are then read-only."""
    if is_open(case.state):
        return None
    messages.error(request, f"This case is {case.state_label.lower()}, so nothing on it can change.")
    return redirect(to, reference=case.reference)


def field_of(form: Any, field: str | None) -> str | None:
    return field if field in form.fields else None
