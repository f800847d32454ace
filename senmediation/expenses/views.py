"""The office's page for a case's expenses claims: coordinators and managers decide them for the body arranging
the mediation (SEND Regulations 2014 reg 41). Mediators do not see them: a claim may carry a payslip."""

from __future__ import annotations

from typing import cast

from django.contrib import messages as flash
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.cases.models import Case
from senmediation.cases.selectors import case_get_for
from senmediation.core.errors import ServiceError
from senmediation.rules.expenses import CONDITIONS, pounds

from .forms import DecisionForm
from .models import ExpenseClaim
from .selectors import expense_claims_for_case, expense_receipt_get
from .services import expense_claim_decide

OFFICE = (Role.COORDINATOR, Role.MANAGER)


def _page(request: HttpRequest, case: Case, *, failed: tuple[int, DecisionForm] | None = None) -> HttpResponse:
    claims = list(expense_claims_for_case(case=case))
    forms = {claim.pk: DecisionForm(prefix=f"c{claim.pk}") for claim in claims
             if claim.status == ExpenseClaim.Status.SUBMITTED}
    if failed is not None:
        forms[failed[0]] = failed[1]
    rows = [(claim, forms.get(claim.pk)) for claim in claims]
    return render(request, "expenses/claims.html", {
        "case": case, "rows": rows, "conditions": CONDITIONS, "error_form": failed[1] if failed else None,
        "error_title": failed is not None,
    }, status=400 if failed else 200)


@require_GET
@role_required(*OFFICE)
def claims(request: HttpRequest, reference: str) -> HttpResponse:
    return _page(request, case_get_for(user=request.user, reference=reference))


@require_POST
@role_required(*OFFICE)
def decide(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = case_get_for(user=request.user, reference=reference)
    claim = expense_claims_for_case(case=case).filter(pk=pk).first()
    if claim is None:
        raise Http404("No such claim")
    form = DecisionForm(request.POST, prefix=f"c{claim.pk}")
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            decided = expense_claim_decide(claim=claim, approve=approve, reason=form.cleaned_data["reason"],
                                           by=request.user)
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            flash.success(request, f"Claim from {decided.party.name} approved: {pounds(decided.payable_pence)} to pay."
                          if approve else f"Claim from {decided.party.name} refused.")
            return redirect("expenses:claims", reference=case.reference)
    return _page(request, case, failed=(claim.pk, form))


@require_GET
@role_required(*OFFICE)
def receipt(request: HttpRequest, reference: str, pk: int, receipt_id: int) -> HttpResponse:
    case = case_get_for(user=request.user, reference=reference)
    found = expense_receipt_get(case=case, claim_id=pk, receipt_id=receipt_id)
    if found is None:
        raise Http404("No such receipt")
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(found.mimetype, "bin")
    response = FileResponse(found.file.open("rb"), as_attachment=True, content_type=found.mimetype,
                            filename=f"receipt-{found.claim_id}-{found.pk}.{extension}")
    response["Cache-Control"] = "private, no-store"  # never kept by a browser or proxy
    return cast(HttpResponse, response)  # a streaming response; cast for role_required's typing
