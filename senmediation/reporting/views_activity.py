"""The activity statement and the rate card behind it: managers only. The provider sends the statement to
the LA; it shows exact counts (an LA cannot pay from "fewer than 5") and never a name or case detail."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.core import clock
from senmediation.core.pdf import template_to_pdf
from senmediation.directory.models import LocalAuthority
from senmediation.directory.selectors import provider_current

from .activity import activity_statement
from .forms import PeriodForm, RateCardForm, default_period_query
from .models import RateCard
from .views import csv_response


def _la(code: str) -> LocalAuthority:
    la = LocalAuthority.objects.filter(gss_code=code).first()
    if la is None:
        raise Http404("No such local authority")
    return la


def _statement(request: HttpRequest, code: str) -> tuple[dict[str, Any], PeriodForm]:
    la = _la(code)
    form = PeriodForm(request.GET or QueryDict(default_period_query(clock.today())))
    context: dict[str, Any] = {"la": la, "la_code": code, "form": form}
    if form.is_valid():
        context |= {"statement": activity_statement(local_authority=la, period=form.report_period),
                    "query": request.GET.urlencode() or default_period_query(clock.today())}
    return context, form


def _filename(context: dict[str, Any], extension: str) -> str:
    s = context["statement"]
    return f"activity-{s.local_authority.gss_code}-{s.period.start:%Y%m%d}-{s.period.end:%Y%m%d}.{extension}"


@require_GET
@role_required(Role.MANAGER)
def activity(request: HttpRequest, la: str) -> HttpResponse:
    context, form = _statement(request, la)
    return render(request, "reporting/activity.html", context, status=400 if form.errors else 200)


@require_GET
@role_required(Role.MANAGER)
def activity_csv(request: HttpRequest, la: str) -> HttpResponse:
    context, form = _statement(request, la)
    if "statement" not in context:
        return HttpResponse("Choose a valid period.", status=400, content_type="text/plain")
    s = context["statement"]
    rows = [["Local authority", s.local_authority.name], ["Period", s.period.label],
            ["Purchase order", s.rate_card.purchase_order if s.rate_card else ""], [],
            ["Item", "How it is counted", "Quantity", "Unit price (GBP)", "Amount (GBP)"]]
    rows += [[line.item, line.how, str(line.quantity), "" if line.unit_price is None else f"{line.unit_price:.2f}",
              "0.00" if s.free and not line.recharged else f"{line.amount:.2f}"] for line in s.lines]
    rows.append(["Total", "", "", "", f"{s.total:.2f}"])
    if s.free:
        rows.append(["Nothing is charged for the service: it is free for this local authority's residents. "
                     "Parents' expenses under SEND Regulations 2014 reg 41 are still recharged."])
    return csv_response(rows, _filename(context, "csv"))


@require_GET
@role_required(Role.MANAGER)
def activity_pdf(request: HttpRequest, la: str) -> HttpResponse:
    context, form = _statement(request, la)
    if "statement" not in context:
        return HttpResponse("Choose a valid period.", status=400, content_type="text/plain")
    pdf = template_to_pdf("reporting/pdf/activity.html",
                          context | {"provider": provider_current(), "generated_on": clock.today()})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(context, "pdf")}"'
    return response


@require_http_methods(["GET", "POST"])
@role_required(Role.MANAGER)
def rate_card(request: HttpRequest, la: str) -> HttpResponse:
    authority = _la(la)
    card = RateCard.objects.filter(local_authority=authority).first() or RateCard(local_authority=authority)
    form = RateCardForm(request.POST or None, instance=card)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved.save()
        messages.success(request, f"Rate card for {authority.name} saved.")
        return redirect("reporting:activity", la=la)
    return render(request, "reporting/rate_card.html", {"la": authority, "form": form},
                  status=400 if form.errors else 200)
