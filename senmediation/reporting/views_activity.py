"""The activity statement before it is issued, and the rate card behind it: managers only. The provider issues
the statement to the LA (views_statements.py); it shows exact counts (an LA cannot pay from "fewer than 5") and
never a name or case detail."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.core import clock
from senmediation.core.client_ip import client_ip
from senmediation.core.errors import ServiceError
from senmediation.core.pdf import template_to_pdf
from senmediation.directory.models import LocalAuthority
from senmediation.directory.selectors import provider_current

from .activity import Statement, activity_statement, version_in_force
from .forms import PeriodForm, RateCardVersionForm, default_period_query
from .models import ActivityStatement, ActivityStatementLine
from .statements import PRICE_FIELDS, rate_card_history, rate_card_version_add
from .views import csv_response


def la_by_code(code: str) -> LocalAuthority:
    la = LocalAuthority.objects.filter(gss_code=code).first()
    if la is None:
        raise Http404("No such local authority")
    return la


def activity_context(la: LocalAuthority, form: PeriodForm) -> dict[str, Any]:
    context: dict[str, Any] = {"la": la, "la_code": la.gss_code, "form": form}
    if form.is_valid():
        period = form.report_period
        statement = activity_statement(local_authority=la, period=period)
        context |= {"statement": statement, "lines": statement.lines, "query": period.query,
                    "issued": ActivityStatement.objects.filter(local_authority=la, replaced_by__isnull=True,
                                                               period_start__lte=period.end,
                                                               period_end__gte=period.start).first()}
    return context


def _draft(request: HttpRequest, code: str) -> tuple[dict[str, Any], PeriodForm]:
    form = PeriodForm(request.GET or QueryDict(default_period_query(clock.today())))
    return activity_context(la_by_code(code), form), form


def _filename(s: Statement, extension: str) -> str:
    return f"draft-activity-{s.local_authority.gss_code}-{s.period.start:%Y%m%d}-{s.period.end:%Y%m%d}.{extension}"


def statement_csv_rows(s: Any, lines: list[Any], heading: list[list[str]]) -> list[list[str]]:
    """The rows of a statement's CSV, issued (ActivityStatement) or draft (activity.Statement) alike."""
    rows = [*heading, ["Local authority", s.local_authority_name], ["Period", s.period_label],
            ["Purchase order or contract reference", s.purchase_order], ["VAT", s.vat_note], [],
            ["Kind", "Item", "Months", "How it is counted", "Quantity", "Unit price (GBP)", "Amount (GBP)",
             "Why it is free"]]
    rows += [[ActivityStatementLine.Kind(line.kind).label, line.item,
              line.months, line.how, str(line.quantity), "" if line.unit_price is None else f"{line.unit_price:.2f}",
              f"{line.amount:.2f}", line.free_reason] for line in lines]
    rows += [[], ["Chargeable work", f"{s.chargeable_total:.2f}"], ["Parents' expenses", f"{s.expenses_total:.2f}"],
             ["Total", f"{s.total:.2f}"]]
    return rows


@require_GET
@role_required(Role.MANAGER)
def activity(request: HttpRequest, la: str) -> HttpResponse:
    context, form = _draft(request, la)
    return render(request, "reporting/activity.html", context, status=400 if form.errors else 200)


@require_GET
@role_required(Role.MANAGER)
def activity_csv(request: HttpRequest, la: str) -> HttpResponse:
    context, form = _draft(request, la)
    if "statement" not in context:
        return HttpResponse("Choose a valid period.", status=400, content_type="text/plain")
    s = context["statement"]
    rows = statement_csv_rows(s, s.lines, [["Draft activity statement: not issued"]])
    return csv_response(rows, _filename(s, "csv"))


@require_GET
@role_required(Role.MANAGER)
def activity_pdf(request: HttpRequest, la: str) -> HttpResponse:
    context, form = _draft(request, la)
    if "statement" not in context:
        return HttpResponse("Choose a valid period.", status=400, content_type="text/plain")
    pdf = template_to_pdf("reporting/pdf/activity.html",
                          context | {"provider": provider_current(), "generated_on": clock.today()})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(context["statement"], "pdf")}"'
    return response


@require_http_methods(["GET", "POST"])
@role_required(Role.MANAGER)
def rate_card(request: HttpRequest, la: str) -> HttpResponse:
    authority = la_by_code(la)
    history = rate_card_history(authority)
    today = clock.today()
    current = version_in_force(sorted((v for v, _ in history), key=lambda v: (v.effective_from, v.pk)),
                               today.replace(day=1))
    initial: dict[str, Any] = {"month": str(today.month % 12 + 1), "year": today.year + (today.month == 12)}
    if current is not None:
        initial |= {name: getattr(current, name) for name in (*PRICE_FIELDS, "purchase_order", "vat_note")}
    form = RateCardVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = rate_card_version_add(
                local_authority=authority, effective_from=form.effective_from,
                prices={name: form.cleaned_data[name] for name in PRICE_FIELDS},
                purchase_order=form.cleaned_data["purchase_order"], vat_note=form.cleaned_data["vat_note"],
                by=request.user, ip=client_ip(request))
        except ServiceError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"New prices for {authority.name} from {version.effective_from:%B %Y} added. "
                                      "Statements already issued keep their prices.")
            return redirect("reporting:rate_card", la=la)
    return render(request, "reporting/rate_card.html",
                  {"la": authority, "form": form, "history": history, "current": current},
                  status=400 if form.errors else 200)
