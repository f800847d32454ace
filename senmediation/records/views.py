"""Managers' audit pages: who looked at a case, and subject-access exports."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.audit.models import AuditEntry
from senmediation.cases.selectors import case_get_for
from senmediation.core import clock
from senmediation.core.client_ip import client_ip
from senmediation.core.errors import ServiceError

from .forms import SubjectAccessForm
from .subject_access import subject_access_export_recorded

CASE_ACCESS_LIMIT = 500


@require_GET
@role_required(Role.MANAGER)
def case_access(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for(user=request.user, reference=reference)
    entries = list(AuditEntry.objects.filter(case_reference=case.reference).order_by("-id")[:CASE_ACCESS_LIMIT])
    return render(request, "records/case_access.html", {"case": case, "entries": entries, "limit": CASE_ACCESS_LIMIT})


@require_http_methods(["GET", "POST"])
@role_required(Role.MANAGER)
def subject_access(request: HttpRequest) -> HttpResponse:
    # POST keeps the person's name out of the address bar, server logs and the audit log.
    form = SubjectAccessForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            as_json, as_pdf = subject_access_export_recorded(
                query=form.cleaned_data["query"], by=request.user, ip=client_ip(request), via=request.path,
            )
        except ServiceError as refusal:
            form.add_error(refusal.field or None, refusal.message)
        else:
            request.audit_action = "export"  # type: ignore[attr-defined]
            stamp = clock.local(clock.now()).strftime("%Y-%m-%d-%H%M")
            if form.cleaned_data["file_format"] == "json":
                response = HttpResponse(as_json, content_type="application/json; charset=utf-8")
                name = f"subject-access-{stamp}.json"
            else:
                response = HttpResponse(as_pdf, content_type="application/pdf")
                name = f"subject-access-{stamp}.pdf"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    return render(request, "records/subject_access.html", {"form": form}, status=400 if form.errors else 200)
