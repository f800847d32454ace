"""The summary page of a secure link: send it, change it until the exchange, then read everyone's.

portal/views.py hands a link for the summary to `summary_page`, with the page context it builds for every link.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from senmediation.core.errors import ServiceError

from .forms import SummaryForm
from .models import PartyLink, PartySummary
from .selectors import exchanged_summaries_for, summary_exchange_for, summary_latest_for
from .services.links import party_link_touch
from .services.submissions import summary_submit
from .sharing import who_reads_for


def _initial(summary: PartySummary | None) -> dict[str, str] | None:
    if summary is None:
        return None
    return {"summary": summary.text, "issues": "\n".join(summary.issues or ()), "mediator_only": summary.mediator_only}


def summary_page(request: HttpRequest, link: PartyLink, token: str, context: dict[str, Any]) -> HttpResponse:
    party = link.party
    exchange = summary_exchange_for(party.case)
    latest = summary_latest_for(party)
    context = {**context, "who_reads": who_reads_for(link), "sent": latest}
    if exchange is not None and exchange.released_at is not None:
        # After the exchange everyone has read it: the page shows what was sent, and nothing can change.
        if request.method != "POST":
            party_link_touch(link=link)
        return render(request, "portal/summary_shared.html",
                      {**context, "released_at": exchange.released_at, "exchanged": exchanged_summaries_for(party),
                       "refused": request.method == "POST", "error_title": request.method == "POST"},
                      status=409 if request.method == "POST" else 200)
    if request.method == "POST":
        form = SummaryForm(request.POST)
        if form.is_valid():
            try:
                summary_submit(link=link, text=form.cleaned_data["summary"], issues=form.issue_list(),
                               mediator_only=form.cleaned_data["mediator_only"])
            except ServiceError as refusal:
                form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
            else:
                return redirect("portal:done", token=token)
    else:
        party_link_touch(link=link)
        form = SummaryForm(initial=_initial(latest))
    return render(request, "portal/summary_and_issues.html", {**context, "form": form},
                  status=400 if form.errors else 200)
