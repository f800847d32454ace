"""Change the issues: a form, a page saying what the change will do, then the change itself."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.core.errors import ServiceError

from . import selectors
from .forms_issues import IssuesForm
from .services.issues import case_issues_change, case_issues_change_preview, case_issues_refusal


@role_required(Role.COORDINATOR, Role.MANAGER)
def case_issues(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    refusal = case_issues_refusal(case)
    posted = request.POST if request.method == "POST" and refusal is None else None
    form = IssuesForm(posted, initial={"decisions": case.decisions, "elements": case.elements})
    intent = request.POST.get("intent", "check") if posted is not None else ""
    if posted is not None and form.is_valid() and intent != "edit":
        data = form.cleaned_data
        try:
            if intent == "confirm":
                case_issues_change(case=case, decisions=data["decisions"], elements=data["elements"],
                                   reason=data["reason"], by=request.user)
                messages.success(request, "The issues are changed. The route, the certificate and the clocks "
                                          "now follow them.")
                return redirect("cases:detail", reference=reference)
            preview = case_issues_change_preview(case=case, decisions=data["decisions"], elements=data["elements"])
            return render(request, "cases/issues_confirm.html", {"case": case, "form": form, "preview": preview,
                                                                 "differences": _differences(case, data)})
        except ServiceError as problem:
            form.add_error(problem.field if problem.field in form.fields else None, problem.message)
    return render(request, "cases/issues.html", {"case": case, "form": form, "refusal": refusal},
                  status=400 if form.errors else 200)


def _differences(case: Any, data: dict[str, Any]) -> list[tuple[str, list[str], list[str]]]:
    """What is added and taken away, in the form's own words, so staff see the change they are confirming."""
    rows = []
    for name in ("decisions", "elements"):
        labels = dict(IssuesForm.base_fields[name].choices)  # type: ignore[attr-defined]
        before, after = set(getattr(case, name) or []), set(data[name])
        rows.append((name, [str(labels.get(v, v)) for v in data[name] if v not in before],
                     [str(labels.get(v, v)) for v in getattr(case, name) or [] if v not in after]))
    return rows
