"""Case-work pages before the meeting: contacts, advice and decision, the child's views, mediator notes."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.rules.appeal import adviser_contact_deadline, tribunal_appeal_explanation

from . import selectors
from .forms_casework import (
    AdviceForm,
    ChildViewsForm,
    ContactForm,
    MediatorNoteForm,
    PartyForm,
)
from .services.casework import (
    advice_record,
    child_views_record,
    contact_log_record,
    mediator_may_keep_notes,
    mediator_note_add,
)

CASE_WORKERS = (Role.COORDINATOR, Role.MANAGER, Role.MEDIATOR)


def _posted(request: HttpRequest) -> dict[str, object] | None:
    return request.POST if request.method == "POST" else None  # type: ignore[return-value]


def _status(form: object) -> int:
    return 400 if getattr(form, "errors", None) else 200


@role_required(*CASE_WORKERS)
def case_contacts(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    form = ContactForm(_posted(request), case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contact_log_record(case=case, by=request.user, channel=data["channel"], direction=data["direction"],
                               summary=data["summary"], party=data["party"], with_whom=data["with_whom"],
                               outcome=data["outcome"])
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, "The contact is recorded.")
            return redirect("cases:contacts", reference=reference)
    contacts = case.contacts.select_related("party", "by")[:100]
    return render(request, "cases/contacts.html", {"case": case, "form": form, "contacts": contacts},
                  status=_status(form))


@role_required(Role.COORDINATOR, Role.MANAGER)
def case_advice(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    form = AdviceForm(_posted(request), case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            advice_record(case=case, by=request.user, understood=data["understood"] == "yes",
                          decision=data["decision"], notes=data["notes"], signposted_to=list(data["signposted_to"]))
        except ServiceError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "The advice and the family's decision are recorded.")
            return redirect("cases:detail", reference=reference)
    dates = None
    if case.decision_notice_date:
        dates = {
            "contact_by": adviser_contact_deadline(case.decision_notice_date),
            "appeal": tribunal_appeal_explanation(decision_notice_sent=case.decision_notice_date,
                                                  certificate_issued=case.certificate_issued_on),
        }
    return render(request, "cases/advice.html", {"case": case, "form": form, "dates": dates, "today": clock.today()},
                  status=_status(form))


@role_required(*CASE_WORKERS)
def case_child_views(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    form = ChildViewsForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            child_views_record(case=case, by=request.user, how=data["how"], gathered_by=data["gathered_by"],
                               consent_given=data["consent_given"], views=data["views"],
                               show_at_meeting=data["show_at_meeting"])
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, "The child's views are recorded.")
            return redirect("cases:child_views", reference=reference)
    records = case.child_views_records.all()
    return render(request, "cases/child_views.html", {"case": case, "form": form, "records": records},
                  status=_status(form))


@role_required(Role.MEDIATOR, Role.MANAGER)
def case_mediator_notes(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    if not mediator_may_keep_notes(case=case, user=request.user):
        raise Http404("No such page")
    form = MediatorNoteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        mediator_note_add(case=case, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, "Your note is saved.")
        return redirect("cases:mediator_notes", reference=reference)
    notes = case.mediator_notes.select_related("author")
    return render(request, "cases/mediator_notes.html", {"case": case, "form": form, "notes": notes},
                  status=_status(form))


@role_required(*CASE_WORKERS)
def case_child_views_file(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """A drawing or file the child shared, only after the same check as the case itself."""
    from django.http import FileResponse

    case = selectors.case_get_for(user=request.user, reference=reference)
    record = case.child_views_records.filter(pk=pk).exclude(attachment="").first()
    if record is None:
        raise Http404("No such file")
    response = FileResponse(record.attachment.open("rb"), as_attachment=True, filename=f"child-views-{pk}")
    response["Cache-Control"] = "private, no-store"
    return response  # type: ignore[return-value]  # a streaming response is a response too


@role_required(*CASE_WORKERS)
def case_party_edit(request: HttpRequest, reference: str, pk: int | None = None) -> HttpResponse:
    """Add someone to the case, or correct their details."""
    from senmediation.cases.services.casework import PARTY_FIELDS, party_add, party_update

    case = selectors.case_get_for(user=request.user, reference=reference)
    party = None
    if pk is not None:
        party = case.parties.filter(pk=pk).first()
        if party is None:
            raise Http404("No such person")
    initial = {k: getattr(party, k) for k in PARTY_FIELDS} if party else None
    form = PartyForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        details = {k: form.cleaned_data[k] for k in PARTY_FIELDS}
        try:
            if party is None:
                party_add(case=case, by=request.user, **details)
                messages.success(request, f"{details['name']} is added to the case.")
            else:
                party_update(party=party, by=request.user, **details)
                messages.success(request, f"{details['name']}'s details are saved.")
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            return redirect("cases:detail", reference=reference)
    return render(request, "cases/party_form.html", {"case": case, "form": form, "party": party},
                  status=_status(form))
