"""The commissioner's scorecard (scorecard.py): managers for any LA, a commissioner for their own LA only.
Views parse the month, ask the scope selector and the scorecard, and render (page, CSV, PDF)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from senmediation.accounts.decorators import role_required
from senmediation.core import clock
from senmediation.core.pdf import template_to_pdf
from senmediation.directory.selectors import provider_current

from .forms import ScorecardForm, last_complete_month
from .scorecard import scorecard_build
from .selectors import report_scope_for, sees_suppressed
from .suppression import RULE_TEXT
from .views import REPORT_ROLES, csv_response


def _scorecard(request: HttpRequest, la_code: str) -> tuple[dict[str, Any], ScorecardForm]:
    la = report_scope_for(user=request.user, la_code=la_code)
    year, month = last_complete_month(clock.today())
    form = ScorecardForm(request.GET or QueryDict(f"year={year}&month={month}"))
    suppressed = sees_suppressed(request.user)
    context: dict[str, Any] = {"la": la, "la_code": la_code, "la_name": la.name if la else "All local authorities",
                               "form": form, "suppressed": suppressed, "rule_text": RULE_TEXT}
    if form.is_valid():
        card = scorecard_build(local_authority_id=la.pk if la else None, period=form.report_period,
                               for_commissioner=suppressed)
        context |= {"card": card, "period": card.period, "tables": card.tables,
                    "query": f"year={form.cleaned_data['year']}&month={form.cleaned_data['month']}"}
    return context, form


def _filename(context: dict[str, Any], extension: str) -> str:
    period = context["period"]
    return f"{slugify(context['la_name'])}-{period.start:%Y%m%d}-{period.end:%Y%m%d}-scorecard.{extension}"


@require_GET
@role_required(*REPORT_ROLES)
def scorecard(request: HttpRequest, la: str) -> HttpResponse:
    context, form = _scorecard(request, la)
    return render(request, "reporting/scorecard.html", context, status=400 if form.errors else 200)


@require_GET
@role_required(*REPORT_ROLES)
def scorecard_csv(request: HttpRequest, la: str) -> HttpResponse:
    context, form = _scorecard(request, la)
    if "card" not in context:
        return HttpResponse("Choose a valid month.", status=400, content_type="text/plain")
    rows: list[list[str]] = [[f"Scorecard for {context['la_name']}: {context['period'].label}"]]
    for table in context["tables"]:
        rows += [[], [table.caption], *table.csv_rows()]
    if context["suppressed"]:  # the rule travels with the figures
        rows += [[], [f"Note: {RULE_TEXT}"]]
    return csv_response(rows, _filename(context, "csv"))


@require_GET
@role_required(*REPORT_ROLES)
def scorecard_pdf(request: HttpRequest, la: str) -> HttpResponse:
    context, form = _scorecard(request, la)
    if "card" not in context:
        return HttpResponse("Choose a valid month.", status=400, content_type="text/plain")
    pdf = template_to_pdf("reporting/pdf/scorecard.html",
                          context | {"generated_on": clock.today(), "provider": provider_current()})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(context, "pdf")}"'
    return response
