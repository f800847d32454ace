"""Following up the agreed actions: status of each, mark done, ask the family, close when all are done."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from senmediation.accounts.decorators import role_required
from senmediation.cases.services.transitions import case_transitions_allowed
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.rules.workflow import Action, is_open

from .. import followup as service
from .. import selectors
from ..forms import MarkDoneForm
from ..models import AgreementItem
from .common import CASE_WORKERS, ended_refusal, load_case

PAGE = "agreements:followup"


@require_GET
@role_required(*CASE_WORKERS)
def followup_page(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    agreement = selectors.agreement_for_case(case)
    items = [i for i in selectors.agreement_items(agreement) if i.agreed] if agreement else []
    can_close = any(t.action is Action.close for t in case_transitions_allowed(case)) if is_open(case.state) else False
    return render(request, "agreements/followup.html", {
        "case": case, "agreement": agreement, "items": items, "today": clock.today(),
        "open_count": selectors.agreement_open_items_count(case), "can_close": can_close,
        "read_only": not is_open(case.state),
    })


def _item(case: object, pk: int) -> AgreementItem:
    return get_object_or_404(AgreementItem.objects.select_related("agreement__case"), pk=pk, agreement__case=case)


@require_POST
@role_required(*CASE_WORKERS)
def item_done(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = load_case(request, reference)
    if refusal := ended_refusal(request, case, PAGE):
        return refusal
    item = _item(case, pk)
    form = MarkDoneForm(request.POST, prefix=f"done{item.pk}")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(PAGE, reference=reference)
    try:
        service.agreement_item_mark_done(item=item, by=request.user, on=form.cleaned_data["on"])
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Item {item.order} marked as done.")
    return redirect(PAGE, reference=reference)


@require_POST
@role_required(*CASE_WORKERS)
def item_ask_family(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = load_case(request, reference)
    if refusal := ended_refusal(request, case, PAGE):
        return refusal
    item = _item(case, pk)
    try:
        service.agreement_item_family_ask(item=item, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"We have asked the family whether item {item.order} happened.")
    return redirect(PAGE, reference=reference)
