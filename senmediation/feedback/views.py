"""Staff pages for complaints and feedback. Thin: forms parse, services act, selectors decide who sees."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senmediation.accounts.decorators import role_required
from senmediation.accounts.models import User
from senmediation.accounts.roles import Role, user_roles
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.notifications.selectors import messages_for_complaint

from . import selectors
from .forms import NoteForm, OwnerForm, ResponseForm, StaffComplaintForm
from .models import Complaint
from .services import complaints as service

OFFICE = (Role.COORDINATOR, Role.MANAGER)
CASE_WORKERS = (Role.COORDINATOR, Role.MANAGER, Role.MEDIATOR)


def _owners(complaint: Complaint) -> Any:
    return (User.objects.filter(is_active=True, groups__name=Role.MANAGER.value)
            .exclude(pk=complaint.about_id or 0).order_by("first_name", "username").distinct())


@require_GET
@role_required(*OFFICE)
def complaint_list(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("show") == "all"
    rows = selectors.complaint_list_for(user=request.user, today=clock.today(), open_only=not show_all)
    return render(request, "feedback/complaint_list.html", {"rows": rows, "show_all": show_all})


@require_http_methods(["GET", "POST"])
@role_required(*OFFICE)
def complaint_new(request: HttpRequest) -> HttpResponse:
    form = StaffComplaintForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = service.complaint_record(
                by=request.user, channel=data["channel"], name=data["name"], details=data["details"],
                received_on=data["received_on"], email=data.get("email") or "", phone=data.get("phone") or "",
                address=data.get("address") or "", preferred_contact=data["preferred_contact"],
                case_reference=data.get("case_reference") or "", about_mediator=bool(data.get("about_mediator")),
                wanted=data.get("wanted") or "",
            )
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, f"Complaint recorded as {complaint.reference}.")
            return redirect("feedback:complaint", pk=complaint.pk)
    return render(request, "feedback/complaint_new.html", {"form": form}, status=400 if form.errors else 200)


def _detail(request: HttpRequest, complaint: Complaint, **forms: Any) -> HttpResponse:
    today = clock.today()
    manager = Role.MANAGER in user_roles(request.user)
    context = {
        "row": selectors.complaint_row(complaint, today), "complaint": complaint,
        "notes": complaint.notes.select_related("by"), "can_handle": manager,
        "complaint_messages": messages_for_complaint(complaint=complaint),
        "owner_form": forms.get("owner_form") or OwnerForm(owners=_owners(complaint),
                                                            initial={"owner": complaint.owner_id}),
        "note_form": forms.get("note_form") or NoteForm(),
    }
    bad = any(f.errors for f in forms.values())
    return render(request, "feedback/complaint_detail.html", context, status=400 if bad else 200)


@require_GET
@role_required(*CASE_WORKERS)
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.complaint_get_for(user=request.user, pk=pk))


def _refused(request: HttpRequest, refusal: ServiceError) -> None:
    messages.error(request, refusal.message)


@require_POST
@role_required(Role.MANAGER)
def complaint_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_get_for(user=request.user, pk=pk)
    try:
        service.complaint_acknowledge(complaint=complaint, by=request.user, today=clock.today())
        messages.success(request, "Acknowledgement sent.")
    except ServiceError as refusal:
        _refused(request, refusal)
    return redirect("feedback:complaint", pk=pk)


@require_POST
@role_required(Role.MANAGER)
def complaint_owner(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_get_for(user=request.user, pk=pk)
    form = OwnerForm(request.POST, owners=_owners(complaint))
    if form.is_valid():
        try:
            service.complaint_owner_set(complaint=complaint, owner=form.cleaned_data["owner"], by=request.user)
        except ServiceError as refusal:
            form.add_error(None, refusal.message)
        else:
            return redirect("feedback:complaint", pk=pk)
    return _detail(request, complaint, owner_form=form)


@require_POST
@role_required(*OFFICE)
def complaint_note(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_get_for(user=request.user, pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        service.complaint_note_add(complaint=complaint, by=request.user, text=form.cleaned_data["text"])
        return redirect("feedback:complaint", pk=pk)
    return _detail(request, complaint, note_form=form)


@require_POST
@role_required(Role.MANAGER)
def complaint_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_get_for(user=request.user, pk=pk)
    try:
        service.complaint_escalate(complaint=complaint, by=request.user, today=clock.today())
        messages.success(request, "Complaint taken to stage 2. Its clocks have started again.")
    except ServiceError as refusal:
        _refused(request, refusal)
    return redirect("feedback:complaint", pk=pk)


@require_http_methods(["GET", "POST"])
@role_required(Role.MANAGER)
def complaint_respond(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_get_for(user=request.user, pk=pk)
    if complaint.responded_on is not None:
        return redirect("feedback:complaint", pk=pk)
    form = ResponseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service.complaint_respond(complaint=complaint, by=request.user, outcome=data["outcome"],
                                      theme=data["theme"], response=data["response"], lessons_learned=data["lessons_learned"],
                                      today=clock.today())
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, "Response letter sent.")
            return redirect("feedback:complaint", pk=pk)
    return render(request, "feedback/complaint_respond.html", {"form": form, "complaint": complaint},
                  status=400 if form.errors else 200)


@require_GET
@role_required(Role.MANAGER)
def complaint_letter(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_get_for(user=request.user, pk=pk)
    if not complaint.response_letter:
        raise Http404("No letter yet")
    return FileResponse(  # type: ignore[return-value]  # streamed; the decorators type plain responses
        complaint.response_letter.open("rb"), as_attachment=True,
        filename=f"complaint-{complaint.reference}-response.pdf", content_type="application/pdf")


@require_GET
@role_required(Role.MANAGER)
def feedback_results(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/results.html", selectors.feedback_for_managers(user=request.user))


@require_GET
@role_required(Role.MEDIATOR)
def feedback_mine(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/mine.html", selectors.feedback_for_mediator(user=request.user))
