"""Report pages for managers and commissioners. Views parse the period, ask the selectors, and render."""

from __future__ import annotations

import csv
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.core import clock
from senmediation.core.pdf import template_to_pdf
from senmediation.directory.selectors import provider_current
from senmediation.rules.deadlines import Clock

from .charts import report_charts
from .figures import CERTIFICATE_CLOCKS, LATE_LIST_LIMIT, late_clocks
from .forms import LocalAuthorityChoiceForm, PeriodForm, default_period_query
from .selectors import report_choices_for, report_scope_for, sees_suppressed
from .sen2 import GUIDE_NOT_READ, NOT_COUNTED, sen2_cells, sen2_figures
from .suppression import RULE_TEXT, THRESHOLD
from .tables import Table, published_tables

REPORT_ROLES = (Role.MANAGER, Role.COMMISSIONER)


@require_GET
@role_required(*REPORT_ROLES)
def report_index(request: HttpRequest) -> HttpResponse:
    choices = report_choices_for(request.user)
    form = LocalAuthorityChoiceForm(request.GET or None, choices=choices)
    if request.GET and form.is_valid():
        url = reverse("reporting:report", args=[form.cleaned_data["la"]])
        return redirect(f"{url}?{default_period_query(clock.today())}")
    return render(request, "reporting/index.html", {"form": form, "choices": choices,
                                                    "period_query": default_period_query(clock.today())},
                  status=400 if form.errors else 200)


def _report(request: HttpRequest, la_code: str) -> tuple[dict[str, Any], PeriodForm]:
    la = report_scope_for(user=request.user, la_code=la_code)
    # Without a period: the last complete quarter, so a bare link (or the PDF) still answers.
    form = PeriodForm(request.GET or QueryDict(default_period_query(clock.today())))
    context: dict[str, Any] = {"la": la, "la_code": la_code, "la_name": la.name if la else "All local authorities",
                               "form": form, "suppressed": sees_suppressed(request.user), "threshold": THRESHOLD,
                               "rule_text": RULE_TEXT}
    if form.is_valid():
        period = form.report_period
        tables = published_tables(local_authority_id=la.pk if la else None, period=period,
                                  for_commissioner=context["suppressed"])
        charts = {chart.table_slug: chart for chart in report_charts(tables)}
        context |= {"period": period, "query": period.query, "tables": tables,
                    "sections": [(table, charts.get(table.slug)) for table in tables]}
    return context, form


@require_GET
@role_required(*REPORT_ROLES)
def report(request: HttpRequest, la: str) -> HttpResponse:
    context, form = _report(request, la)
    if not request.GET:
        return redirect(f"{request.path}?{default_period_query(clock.today())}")
    return render(request, "reporting/report.html", context, status=400 if form.errors else 200)


@require_GET
@role_required(Role.MANAGER)
def late_steps(request: HttpRequest, la: str) -> HttpResponse:
    """The cases whose certificate or mediation came late in the period: managers only, as they name cases.
    A page of its own, so the report stays quick to read and to load."""
    scope = report_scope_for(user=request.user, la_code=la)
    form = PeriodForm(request.GET or QueryDict(default_period_query(clock.today())))
    context: dict[str, Any] = {"la": scope, "la_code": la, "la_name": scope.name if scope else "All local authorities",
                               "form": form, "limit": LATE_LIST_LIMIT}
    if form.is_valid():
        period, la_id = form.report_period, scope.pk if scope else None
        context |= {"period": period, "query": period.query,
                    "late_certificates": late_clocks(local_authority_id=la_id, period=period,
                                                     clocks=CERTIFICATE_CLOCKS),
                    "late_meetings": late_clocks(local_authority_id=la_id, period=period,
                                                 clocks=(Clock.mediation_held,))}
    return render(request, "reporting/late.html", context, status=400 if form.errors else 200)


def csv_response(rows: list[list[str]], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8
    csv.writer(response).writerows(rows)
    return response


def _filename(context: dict[str, Any], name: str, extension: str) -> str:
    period = context["period"]
    return f"{slugify(context['la_name'])}-{period.start:%Y%m%d}-{period.end:%Y%m%d}-{name}.{extension}"


@require_GET
@role_required(*REPORT_ROLES)
def report_csv(request: HttpRequest, la: str, table: str) -> HttpResponse:
    context, form = _report(request, la)
    if form.errors or "tables" not in context:
        return HttpResponse("Choose a valid period.", status=400, content_type="text/plain")
    found: list[Table] = [t for t in context["tables"] if t.slug == table]
    if not found:
        raise Http404("No such table")
    rows = found[0].csv_rows()
    if context["suppressed"]:  # the rule travels with the figures
        rows += [[], [f"Note: {RULE_TEXT}"]]
    return csv_response(rows, _filename(context, table, "csv"))


@require_GET
@role_required(*REPORT_ROLES)
def report_pdf(request: HttpRequest, la: str) -> HttpResponse:
    context, form = _report(request, la)
    if form.errors or "tables" not in context:
        return HttpResponse("Choose a valid period.", status=400, content_type="text/plain")
    pdf = template_to_pdf("reporting/pdf/report.html",
                          context | {"generated_on": clock.today(), "provider": provider_current()})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(context, "report", "pdf")}"'
    return response



def _sen2(request: HttpRequest, la_code: str, year: int) -> dict[str, Any]:
    la = report_scope_for(user=request.user, la_code=la_code)
    if la is None or not 2000 <= year <= 2100:  # the return is made by one LA for one year
        raise Http404("No such report")
    suppressed = sees_suppressed(request.user)
    figures = sen2_figures(local_authority_id=la.pk, year=year)
    rows = list(zip(figures, sen2_cells(figures, suppress=suppressed), strict=True))
    return {"la": la, "la_code": la_code, "year": year, "rows": rows, "suppressed": suppressed,
            "threshold": THRESHOLD, "rule_text": RULE_TEXT, "not_counted": NOT_COUNTED,
            "guide_not_read": GUIDE_NOT_READ}


@require_GET
@role_required(*REPORT_ROLES)
def sen2(request: HttpRequest, la: str, year: int) -> HttpResponse:
    return render(request, "reporting/sen2.html", _sen2(request, la, year))


@require_GET
@role_required(*REPORT_ROLES)
def sen2_csv(request: HttpRequest, la: str, year: int) -> HttpResponse:
    context = _sen2(request, la, year)
    rows = [["Figure", "Number", "How it is counted"]]
    rows += [[f.label, str(cell.value) if cell.visible else cell.text, f.how] for f, cell in context["rows"]]
    rows += [[], [f"Note: {GUIDE_NOT_READ}"]]
    if context["suppressed"]:
        rows += [[], [f"Note: {RULE_TEXT}"]]
    return csv_response(rows, f"{slugify(context['la'].name)}-{year}-sen2-mediation.csv")
