"""Staff case-work pages. Views parse input, call one service or selector, and render.

The case page itself and its meeting views show features too, so they live in `casepages`."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.core.errors import ServiceError
from senmediation.rules.deadlines import Clock
from senmediation.rules.workflow import ACTION_LABELS, Transition

from . import selectors
from .forms import (
    AssignMediatorForm,
    CaseFilterForm,
    CoordinatorForm,
    NotArrangedForm,
    TransitionForm,
)
from .services.details import case_coordinator_set, case_mediator_assign, case_parties_agreed_record
from .services.not_arranged import case_not_arranged_record
from .services.transitions import case_transition, case_transitions_allowed

CASE_WORKERS = (Role.COORDINATOR, Role.MANAGER, Role.MEDIATOR)


@require_GET
@role_required(*CASE_WORKERS)
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET or None)
    filters = form.filters() if request.GET else selectors.CaseFilters()
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    page = selectors.case_page_for(user=request.user, filters=filters, number=number)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "cases/case_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "filters": filters},
        status=400 if form.errors else 200,
    )


def _back(reference: str) -> HttpResponse:
    return redirect("cases:detail", reference=reference)


def _destructive(case: object, action: str) -> Transition | None:
    """The allowed step for `action` when the workflow marks it destructive (it ends the case early)."""
    return next((t for t in case_transitions_allowed(case) if t.action.value == action and t.destructive), None)  # type: ignore[arg-type]


def _confirm(request: HttpRequest, case: object, transition: Transition, form: TransitionForm) -> HttpResponse:
    """Asks before a step that ends the case; the answer comes back to the same address, confirmed."""
    words = ACTION_LABELS[transition.action]
    verb = words[0].lower() + words[1:]
    return render(request, "cases/confirm_step.html", {
        "case": case, "transition": transition, "question": f"Are you sure you want to {verb}?", "verb": verb,
        "on": form.cleaned_data.get("on"), "note": form.cleaned_data.get("note", ""),
        "manager_override": form.cleaned_data.get("manager_override", False),
    })


@require_POST
@role_required(*CASE_WORKERS)
def case_transition_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    form = TransitionForm(request.POST)
    if request.POST.get("action") == "mark_not_arranged":
        # Its own page: the day the adviser was told, and the family told their options (reg 39(2)-(3)).
        messages.error(request, "Use 'The LA says it cannot arrange mediation in time' to record this.")
        return _back(reference)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return _back(reference)
    if request.POST.get("confirmed") != "yes" and (ending := _destructive(case, form.cleaned_data["action"])):
        return _confirm(request, case, ending, form)
    try:
        case_transition(case=case, action=form.cleaned_data["action"], by=request.user,
                        on=form.cleaned_data.get("on"), note=form.cleaned_data.get("note", ""),
                        manager_override=form.cleaned_data.get("manager_override", False))
    except ServiceError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"Done. The case is now: {case.state_label}.")
    return _back(reference)


@require_POST
@role_required(Role.COORDINATOR, Role.MANAGER)
def case_assign_mediator(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    form = AssignMediatorForm(request.POST)
    if form.is_valid():
        try:
            case_mediator_assign(case=case, mediator=form.cleaned_data["mediator"], by=request.user,
                                 reason=form.cleaned_data["reason"])
            messages.success(request, f"{form.cleaned_data['mediator'].get_full_name()} is now the mediator.")
        except ServiceError as refusal:
            messages.error(request, refusal.message)
    else:
        messages.error(request, "Choose a mediator from the list.")
    return _back(reference)


@require_POST
@role_required(Role.COORDINATOR, Role.MANAGER)
def case_set_coordinator(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    form = CoordinatorForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(form.errors["coordinator"][0]))
        return _back(reference)
    coordinator = form.cleaned_data["coordinator"]
    try:
        case_coordinator_set(case=case, coordinator=coordinator, by=request.user)
    except ServiceError as refusal:
        messages.error(request, refusal.message)
    else:
        who = "You are" if coordinator.pk == request.user.pk else f"{coordinator.get_full_name()} is"
        messages.success(request, f"{who} now the coordinator.")
    return _back(reference)


@require_POST
@role_required(*CASE_WORKERS)
def case_record_parties_agreed(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    case_parties_agreed_record(case=case, by=request.user)
    messages.success(request, "Recorded that every party agreed to take part.")
    return _back(reference)


@role_required(Role.COORDINATOR, Role.MANAGER)
def case_not_arranged(request: HttpRequest, reference: str) -> HttpResponse:
    """The LA says it cannot arrange mediation in time (SEND Regs 2014 reg 39(2)-(3))."""
    case = selectors.case_get_for(user=request.user, reference=reference)
    form = NotArrangedForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            case = case_not_arranged_record(case=case, by=request.user, adviser_told_on=form.cleaned_data["adviser_told_on"],
                                            note=form.cleaned_data["note"])
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            due = case.deadlines.get(clock=Clock.certificate_not_arranged.value).due_date
            messages.success(request, f"Done. The certificate is due by {due:%A %-d %B %Y}. The family have been "
                                      "sent their options.")
            return _back(reference)
    mediation = case.deadlines.filter(clock=Clock.mediation_held.value).first()
    return render(request, "cases/not_arranged.html", {"case": case, "form": form, "mediation": mediation},
                  status=400 if form.errors else 200)
