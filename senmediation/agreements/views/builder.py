"""The SMART agreement builder: add, change and remove items, with friendly hints beside each one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from senmediation.accounts.decorators import role_required
from senmediation.cases.models import Case
from senmediation.core.errors import ServiceError
from senmediation.rules.workflow import is_open

from .. import selectors, services
from ..forms import ItemForm
from ..models import AgreementItem
from .common import CASE_WORKERS, ended_refusal, field_of, load_case

PAGE = "agreements:builder"


def _show_errors(form: ItemForm, error: ServiceError) -> None:
    if isinstance(error, services.ItemRejected):
        for finding in error.findings:
            form.add_error(field_of(form, finding.field), finding.message)
    else:
        form.add_error(field_of(form, error.field), error.message)


def _cards(agreement: Any) -> list[dict[str, Any]]:
    return [{"item": item, "hints": selectors.item_hints(item)} for item in selectors.agreement_items(agreement)]


def _render(request: HttpRequest, case: Case, form: ItemForm, status: int = 200) -> HttpResponse:
    agreement = selectors.agreement_for_case(case)
    return render(request, "agreements/builder.html", {
        "case": case, "agreement": agreement, "form": form, "cards": _cards(agreement) if agreement else [],
        "read_only": not is_open(case.state) or bool(agreement and agreement.is_final),
    }, status=status)


@role_required(*CASE_WORKERS)
def builder_page(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    if request.method != "POST":
        return _render(request, case, ItemForm(case=case))
    if refusal := ended_refusal(request, case, PAGE):
        return refusal
    form = ItemForm(request.POST, case=case)
    if form.is_valid():
        try:
            agreement = services.agreement_start(case=case, by=request.user)
            item, hints = services.agreement_item_add(agreement=agreement, by=request.user, **form.service_kwargs())
        except ServiceError as error:
            _show_errors(form, error)
        else:
            note = " Have a look at the hints beside it." if hints else ""
            messages.success(request, f"Item {item.order} added.{note}")
            return redirect(PAGE, reference=reference)
    return _render(request, case, form, status=400)


@role_required(*CASE_WORKERS)
def item_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = load_case(request, reference)
    item = get_object_or_404(AgreementItem.objects.select_related("agreement", "owner"), pk=pk, agreement__case=case)
    if request.method == "POST":
        if refusal := ended_refusal(request, case, PAGE):
            return refusal
        form = ItemForm(request.POST, case=case)
        if form.is_valid():
            try:
                services.agreement_item_update(item=item, by=request.user, **form.service_kwargs())
            except ServiceError as error:
                _show_errors(form, error)
            else:
                messages.success(request, f"Item {item.order} changed.")
                return redirect(PAGE, reference=reference)
    else:
        form = ItemForm(case=case, initial={
            "agreed": "yes" if item.agreed else "no", "owner": item.owner_id, "action": item.action,
            "la_action": item.la_action, "due": item.due, "measure": item.measure, "issue": item.issue_id,
            "other_timescale_agreed_in_writing": item.other_timescale_agreed_in_writing,
        })
    return render(request, "agreements/item_edit.html", {
        "case": case, "item": item, "form": form, "hints": selectors.item_hints(item),
        "read_only": not is_open(case.state) or item.agreement.is_final,
    }, status=400 if form.errors else 200)


@role_required(*CASE_WORKERS)
def item_remove(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = load_case(request, reference)
    if request.method != "POST":
        return redirect("agreements:item_edit", reference=reference, pk=pk)
    if refusal := ended_refusal(request, case, PAGE):
        return refusal
    item = get_object_or_404(AgreementItem.objects.select_related("agreement"), pk=pk, agreement__case=case)
    try:
        services.agreement_item_remove(item=item, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Item removed.")
    return redirect(PAGE, reference=reference)
