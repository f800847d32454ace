"""Staff pages for a case's certificates, letters and files. Every view loads the case through
case_get_for first, so a mediator of another case gets 404 before anything is read or served."""

from __future__ import annotations

from io import BytesIO
from typing import Any, cast

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role, user_roles
from senmediation.cases.selectors import case_get_for
from senmediation.cases.services.mediators import mediators_ranked_for
from senmediation.cases.services.transitions import case_transitions_allowed
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.rules.workflow import Action

from . import selectors
from .forms import CertificateIssueForm, CertificateReissueForm, DocumentUploadForm
from .models import Certificate
from .services.certificates import (
    certificate_clock_running,
    certificate_issue,
    certificate_kinds_for,
    certificate_reissue,
)
from .services.letters import icb_notify, la_notify
from .services.stored import certificate_pdf_bytes
from .services.uploads import EXTENSIONS, document_upload
from .specimens import is_shared_specimen

CASE_WORKERS = (Role.COORDINATOR, Role.MANAGER, Role.MEDIATOR)
def _list_context(request: HttpRequest, case: Any, upload_form: DocumentUploadForm | None = None) -> dict[str, Any]:
    # The workflow decides which letters may go now: the steps they record must be allowed.
    allowed = {t.action for t in case_transitions_allowed(case)}
    certificates = list(selectors.certificates_for(case))
    documents = list(selectors.documents_for(case))
    # A bulk demo's rows share one specimen file each kind: the page says it does not name this case.
    files = [c.file for c in certificates] + [d.file for d in documents]
    for item, file in zip([*certificates, *documents], files, strict=True):
        item.shared_specimen = is_shared_specimen(file.name)  # type: ignore[attr-defined]
    return {
        "case": case,
        "certificates": certificates,
        "documents": documents,
        "shared_specimen": any(is_shared_specimen(file.name) for file in files),
        "upload_form": upload_form or DocumentUploadForm(),
        "can_issue": bool(certificate_kinds_for(case)),
        "can_notify_la": Action.notify_la in allowed,
        "can_notify_icb": Action.notify_icb in allowed,
        "can_choose_mediator": bool({Role.COORDINATOR, Role.MANAGER} & user_roles(request.user)),
    }


def _back(reference: str) -> HttpResponse:
    return redirect("documents:list", reference=reference)


@require_GET
@role_required(*CASE_WORKERS)
def document_list(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for(user=request.user, reference=reference)
    return render(request, "documents/list.html", _list_context(request, case))


@require_POST
@role_required(*CASE_WORKERS)
def upload(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for(user=request.user, reference=reference)
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document = document_upload(case=case, file=form.cleaned_data["file"], kind=form.cleaned_data["kind"],
                                       by=request.user, title=form.cleaned_data["title"])
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, f"{document.title} was added.")
            return _back(reference)
    context = _list_context(request, case, upload_form=form)
    context["form"] = form  # the page title and error summary read `form`
    return render(request, "documents/list.html", context, status=400)


@role_required(*CASE_WORKERS)
def certificate_issue_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for(user=request.user, reference=reference)
    kinds = certificate_kinds_for(case)
    if not kinds:
        messages.error(request, f"A case that is '{case.state_label}' cannot be issued a certificate now.")
        return _back(reference)
    initial = {}
    if Certificate.Kind.AFTER_MEDIATION in kinds:
        from senmediation.agreements.selectors import agreement_for_case, agreement_resolved_summary

        agreement = agreement_for_case(case)
        if agreement is not None and agreement.is_final:
            # The agreement already says which issues were and were not resolved; staff may edit it.
            initial["resolved_summary"] = agreement_resolved_summary(agreement)
    running, today = certificate_clock_running(case), clock.today()
    late = running is not None and running.due_date < today
    form = CertificateIssueForm(request.POST if request.method == "POST" else None, kinds=kinds, initial=initial,
                                late=late)
    if request.method == "POST" and form.is_valid():
        try:
            certificate = certificate_issue(case=case, kind=form.cleaned_data["kind"], by=request.user,
                                            resolved_summary=form.cleaned_data.get("resolved_summary", ""),
                                            today=today, late_reason=form.cleaned_data.get("late_reason", ""),
                                            late_note=form.cleaned_data.get("late_note", ""))
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, f"Certificate {certificate.number} was issued.")
            return redirect("documents:certificate", reference=reference, pk=certificate.pk)
    return render(
        request, "documents/certificate_issue.html",
        {"case": case, "form": form, "clock": running, "today": today},
        status=400 if form.errors else 200,
    )


@role_required(*CASE_WORKERS)
def certificate_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = case_get_for(user=request.user, reference=reference)
    certificate = selectors.certificate_get(case=case, pk=pk)
    form = CertificateReissueForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            new = certificate_reissue(certificate=certificate, by=request.user, reason=form.cleaned_data["reason"])
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, f"Certificate {new.number} was re-issued as version {new.version}.")
            return redirect("documents:certificate", reference=reference, pk=new.pk)
    return render(
        request, "documents/certificate_detail.html",
        {"case": case, "certificate": certificate, "form": form, "is_current": certificate.is_current},
        status=400 if form.errors else 200,
    )


def _private(response: FileResponse) -> HttpResponse:
    """Never cached by a browser or proxy. (A streaming response; cast for role_required's typing.)"""
    response["Cache-Control"] = "private, no-store"
    return cast(HttpResponse, response)


@require_GET
@role_required(*CASE_WORKERS)
def certificate_download(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = case_get_for(user=request.user, reference=reference)
    certificate: Certificate = selectors.certificate_get(case=case, pk=pk)
    try:
        data = certificate_pdf_bytes(certificate)
    except ServiceError as refusal:
        messages.error(request, refusal.message)
        return _back(reference)
    name = f"{certificate.number}-v{certificate.version}.pdf"
    return _private(FileResponse(BytesIO(data), as_attachment=True, filename=name, content_type="application/pdf"))


@require_GET
@role_required(*CASE_WORKERS)
def download(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = case_get_for(user=request.user, reference=reference)
    document = selectors.document_get(case=case, pk=pk)
    name = f"{slugify(document.title) or 'document'}{EXTENSIONS.get(document.mimetype, '')}"
    return _private(FileResponse(document.file.open("rb"), as_attachment=True, filename=name,
                                 content_type=document.mimetype))


@require_POST
@role_required(*CASE_WORKERS)
def notify_la(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for(user=request.user, reference=reference)
    try:
        document = la_notify(case=case, by=request.user)
    except ServiceError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"{document.title} is ready to send. The 30 days for mediation have started.")
    return _back(reference)


@require_POST
@role_required(*CASE_WORKERS)
def notify_icb(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for(user=request.user, reference=reference)
    try:
        icb_notify(case=case, by=request.user)
    except ServiceError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "The letter to the integrated care board is ready.")
    return _back(reference)


@require_GET
@role_required(Role.COORDINATOR, Role.MANAGER)
def mediators(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for(user=request.user, reference=reference)
    suggestions = mediators_ranked_for(case=case, today=clock.today())
    return render(request, "documents/mediators.html", {
        "case": case,
        "suitable": [s for s in suggestions if not s.excluded],
        "excluded": [s for s in suggestions if s.excluded],
    })

