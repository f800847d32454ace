"""The staff summaries page: each side's summary, and sharing them all at once before the meeting.

Composition: it uses the case domain and the portal's summary exchange, so it lives above both."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from senmediation.accounts.decorators import role_required
from senmediation.cases import selectors
from senmediation.cases.views_casework import CASE_WORKERS
from senmediation.core.errors import ServiceError
from senmediation.portal.selectors import summary_rows_for
from senmediation.portal.services.exchange import summaries_release, summaries_release_date_set, summary_record

from .forms_summaries import ReleaseDateForm, SummaryForm


@role_required(*CASE_WORKERS)
def case_summaries(request: HttpRequest, reference: str) -> HttpResponse:
    """Each side's summary, and sharing them all at once before the meeting."""
    case = selectors.case_get_for(user=request.user, reference=reference)
    intent = request.POST.get("intent", "") if request.method == "POST" else ""
    summary_form = SummaryForm(request.POST if intent == "summary" else None, case=case)
    date_form = ReleaseDateForm(request.POST if intent == "date" else None)
    try:
        if intent == "summary" and summary_form.is_valid():
            summary_record(case=case, party=summary_form.cleaned_data["party"],
                           text=summary_form.cleaned_data["text"], by=request.user)
            messages.success(request, "The summary is recorded.")
            return redirect("cases:summaries", reference=reference)
        if intent == "date" and date_form.is_valid():
            summaries_release_date_set(case=case, release_on=date_form.cleaned_data["release_on"], by=request.user)
            messages.success(request, "The date is set.")
            return redirect("cases:summaries", reference=reference)
        if intent == "release":
            summaries_release(case=case, by=request.user)
            messages.success(request, "The summaries have been shared with every party.")
            return redirect("cases:summaries", reference=reference)
    except ServiceError as refusal:
        messages.error(request, refusal.message)
        return redirect("cases:summaries", reference=reference)
    exchange, rows = summary_rows_for(user=request.user, case=case)
    form = summary_form if summary_form.errors else date_form
    return render(request, "casepages/summaries.html", {
        "case": case, "exchange": exchange, "rows": rows, "summary_form": summary_form, "date_form": date_form,
        "form": form, "all_in": all(row.summary for row in rows) and bool(rows),
    }, status=400 if summary_form.errors or date_form.errors else 200)
