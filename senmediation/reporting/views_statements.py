"""Issued activity statements: managers issue and correct them; a commissioner reads and downloads their own LA's
(selectors.statements_for: another LA's is 404). Views parse, call one service or selector, and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role, user_roles
from senmediation.core import clock
from senmediation.core.client_ip import client_ip
from senmediation.core.errors import ServiceError
from senmediation.core.pdf import template_to_pdf
from senmediation.directory.selectors import provider_current

from .activity import activity_statement
from .forms import CorrectionForm, PeriodForm
from .models import ActivityStatement
from .periods import Period
from .selectors import report_scope_for, statement_for, statements_for
from .statements import statement_issue
from .views import REPORT_ROLES, csv_response
from .views_activity import activity_context, la_by_code, statement_csv_rows

PER_PAGE = 50


def statement_period(statement: ActivityStatement) -> Period:
    return Period(statement.period_start, statement.period_end, statement.period_label, statement.period_kind)


@require_GET
@role_required(*REPORT_ROLES)
def statements(request: HttpRequest, la: str) -> HttpResponse:
    authority = report_scope_for(user=request.user, la_code=la)
    page = Paginator(statements_for(user=request.user, la_code=la), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reporting/statements.html", {
        "la": authority, "la_code": la, "la_name": authority.name if authority else "All local authorities",
        "page": page, "manager": Role.MANAGER in user_roles(request.user)})


@require_GET
@role_required(*REPORT_ROLES)
def statement(request: HttpRequest, la: str, number: str) -> HttpResponse:
    found = statement_for(user=request.user, la_code=la, number=number)
    return render(request, "reporting/statement.html", {
        "statement": found, "lines": list(found.lines.all()), "la_code": la,
        "manager": Role.MANAGER in user_roles(request.user)})


def _filename(statement: ActivityStatement, extension: str) -> str:
    return f"activity-statement-{statement.number}.{extension}"


@require_GET
@role_required(*REPORT_ROLES)
def statement_csv(request: HttpRequest, la: str, number: str) -> HttpResponse:
    found = statement_for(user=request.user, la_code=la, number=number)
    heading = [["Activity statement", found.number],
               ["Issued on", f"{clock.local(found.issued_at):%d/%m/%Y}"]]
    if found.replaces_id:
        heading.append(["Replaces", found.replaces.number if found.replaces else ""])
    if hasattr(found, "replaced_by"):
        heading.append(["Replaced by", found.replaced_by.number])
    return csv_response(statement_csv_rows(found, list(found.lines.all()), heading), _filename(found, "csv"))


@require_GET
@role_required(*REPORT_ROLES)
def statement_pdf(request: HttpRequest, la: str, number: str) -> HttpResponse:
    found = statement_for(user=request.user, la_code=la, number=number)
    pdf = template_to_pdf("reporting/pdf/statement.html",
                          {"statement": found, "lines": list(found.lines.all()), "provider": provider_current()})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(found, "pdf")}"'
    return response


@require_POST
@role_required(Role.MANAGER)
def statement_issue_view(request: HttpRequest, la: str) -> HttpResponse:
    authority = la_by_code(la)
    form = PeriodForm(request.POST)
    if form.is_valid():
        try:
            issued = statement_issue(local_authority=authority, period=form.report_period, by=request.user,
                                     ip=client_ip(request))
        except ServiceError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"Activity statement {issued.number} issued.")
            return redirect("reporting:statement", la=la, number=issued.number)
    return render(request, "reporting/activity.html", activity_context(authority, form), status=400)


@require_http_methods(["GET", "POST"])
@role_required(Role.MANAGER)
def statement_correct(request: HttpRequest, la: str, number: str) -> HttpResponse:
    old = statement_for(user=request.user, la_code=la, number=number)
    if hasattr(old, "replaced_by"):  # only the newest of a chain is corrected
        return redirect("reporting:statement", la=la, number=old.replaced_by.number)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = statement_issue(local_authority=old.local_authority, period=statement_period(old),
                                     by=request.user, ip=client_ip(request), replaces=old,
                                     reason=form.cleaned_data["reason"])
        except ServiceError as error:
            form.add_error("reason" if error.field == "reason" else None, error.message)
        else:
            messages.success(request, f"Activity statement {issued.number} issued. It replaces {old.number}.")
            return redirect("reporting:statement", la=la, number=issued.number)
    draft = activity_statement(local_authority=old.local_authority, period=statement_period(old))
    context: dict[str, Any] = {"old": old, "form": form, "statement": draft, "lines": draft.lines, "la_code": la,
                               "back": reverse("reporting:statement", args=[la, old.number])}
    return render(request, "reporting/statement_correct.html", context, status=400 if form.errors else 200)
