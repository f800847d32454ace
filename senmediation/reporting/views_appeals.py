"""Appeals to the Tribunal that an LA tells us about: its commissioner (or a manager) lists them and records a
new one. The LA in the address is checked by the reports' own scope (a commissioner only their own LA; 404
otherwise, revealing nothing); the appeals service checks the case."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from senmediation.accounts.decorators import role_required
from senmediation.appeals.forms import TribunalAppealForm
from senmediation.appeals.models import TribunalAppeal
from senmediation.appeals.selectors import tribunal_appeals_for
from senmediation.appeals.services import tribunal_appeal_record
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.directory.models import LocalAuthority

from .selectors import report_scope_for
from .views import REPORT_ROLES

PAGE_SIZE = 50


def _la(request: HttpRequest, la_code: str) -> LocalAuthority:
    la = report_scope_for(user=request.user, la_code=la_code)
    if la is None:  # appeals belong to one LA's cases: "all" has none
        raise Http404("No such local authority")
    return la


@require_GET
@role_required(*REPORT_ROLES)
def tribunal_appeals(request: HttpRequest, la: str) -> HttpResponse:
    authority = _la(request, la)
    page = Paginator(tribunal_appeals_for(local_authority=authority), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reporting/tribunal_appeals.html", {"la": authority, "la_code": la, "page": page})


@require_http_methods(["GET", "POST"])
@role_required(*REPORT_ROLES)
def tribunal_appeal_new(request: HttpRequest, la: str) -> HttpResponse:
    authority = _la(request, la)
    today = clock.today()
    form = TribunalAppealForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        request.audit_case_reference = data["reference"]  # type: ignore[attr-defined]
        try:
            appeal = tribunal_appeal_record(
                local_authority=authority, reference=data["reference"], registered_on=data["registered_on"],
                decision=data["decision"], withdrawn_on=data["withdrawn_on"], by=request.user,
                by_name=request.user.get_username(), via=TribunalAppeal.Via.FORM, today=today,
            )
        except ServiceError as error:
            form.service_error(error)
        else:
            messages.success(request, f"Appeal recorded on case {appeal.case.reference}.")
            return redirect("reporting:tribunal_appeals", la=la)
    return render(request, "reporting/tribunal_appeal_new.html", {"la": authority, "la_code": la, "form": form},
                  status=400 if form.errors else 200)
