"""Late contact with the mediation adviser (SEND Regulations 2014 reg 34(2)-(3)): what staff see, and a
manager's override. Thin: the rule is in rules/late_contact.py, the override in services/late_contact.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.core.errors import ServiceError
from senmediation.rules.late_contact import LEAVE_ROUTE

from . import selectors
from .models import Case
from .services.late_contact import (
    case_contact_was_late,
    case_late_contact_refusal,
    late_contact_override,
    late_contact_override_record,
)


class LateContactOverrideForm(forms.Form):
    reason = forms.CharField(
        label="Why may the certificate be issued?", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the date recorded for the decision letter was wrong. This goes on the case's timeline.",
        error_messages={"required": "Give the reason for the override, for example that the date recorded was wrong."},
    )


def late_contact_context(case: Case) -> dict[str, Any] | None:
    """For the case page: None when the family contacted us in time (or no certificate is needed)."""
    if not case_contact_was_late(case):
        return None
    return {"refusal": case_late_contact_refusal(case), "override": late_contact_override(case),
            "leave_route": LEAVE_ROUTE}


@role_required(Role.MANAGER)
def case_late_contact_override(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    form = LateContactOverrideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            late_contact_override_record(case=case, by=request.user, reason=form.cleaned_data["reason"])
        except ServiceError as refusal:
            form.add_error("reason", refusal.message)
        else:
            messages.success(request, "The override is recorded on the timeline. The certificate can now be issued.")
            return redirect("cases:detail", reference=reference)
    return render(request, "cases/late_contact_override.html",
                  {"case": case, "form": form, "late_contact": late_contact_context(case)},
                  status=400 if form.errors else 200)
