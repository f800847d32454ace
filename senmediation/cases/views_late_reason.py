"""Why one of our clocks was met late, said afterwards: a small form reached from the case page and the work
queue. Thin: the rule is in rules/late_reasons.py, the saving in services/late_reasons.py."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.core.errors import ServiceError

from . import selectors
from .forms_late import LateReasonForm
from .models import Deadline
from .services.late_reasons import LATE_REASON_CLOCKS, late_reason_record


@role_required(Role.COORDINATOR, Role.MANAGER)
def case_late_reason(request: HttpRequest, reference: str, clock: str) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    deadline = Deadline.objects.filter(case=case, clock=clock, clock__in=LATE_REASON_CLOCKS,
                                       met_on__isnull=False).first()
    if deadline is None or deadline.met_on is None or deadline.met_on <= deadline.due_date:
        raise Http404("No step done late")
    form = LateReasonForm(request.POST if request.method == "POST" else None,
                          initial={"late_reason": deadline.late_reason, "late_note": deadline.late_note})
    if request.method == "POST" and form.is_valid():
        try:
            late_reason_record(deadline=deadline, by=request.user, reason=form.cleaned_data["late_reason"],
                               note=form.cleaned_data["late_note"])
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, f"The reason '{deadline.get_clock_display()}' was late is saved.")
            return redirect("cases:detail", reference=reference)
    return render(request, "cases/late_reason.html", {"case": case, "deadline": deadline, "form": form},
                  status=400 if form.errors else 200)
