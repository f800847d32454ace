"""Checking and making the agreement final, downloading it, and sending a copy to every party."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from senmediation.accounts.decorators import role_required
from senmediation.core.errors import ServiceError
from senmediation.meetings.record import ground_rules_confirmed, meeting_for_record
from senmediation.rules.workflow import is_open

from .. import selectors, services
from ..delivery import agreement_copies_report, agreement_copies_send, delivery_messages
from ..pdf import PARTY_ROLES
from .common import CASE_WORKERS, ended_refusal, load_case

PAGE = "agreements:finalise"


@role_required(*CASE_WORKERS)
def finalise_page(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    agreement = selectors.agreement_for_case(case)
    if request.method == "POST":
        if refusal := ended_refusal(request, case, PAGE):
            return refusal
        if agreement is None:
            messages.error(request, "Add at least one item before making the agreement final.")
            return redirect(PAGE, reference=reference)
        try:
            services.agreement_finalise(agreement=agreement, by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect(PAGE, reference=reference)
        messages.success(request, "The agreement is final. Now send a copy to every party today.")
        return redirect(PAGE, reference=reference)
    items = selectors.agreement_items(agreement) if agreement else []
    meeting = (agreement.meeting if agreement and agreement.meeting_id else None) or meeting_for_record(case)
    deliveries = {d.party_id: d for d in agreement.deliveries.all()} if agreement else {}
    parties = list(case.parties.filter(role__in=PARTY_ROLES))
    return render(request, "agreements/finalise.html", {
        "case": case, "agreement": agreement, "items": items,
        "agreed_count": sum(1 for i in items if i.agreed), "not_agreed_count": sum(1 for i in items if not i.agreed),
        "rules_ok": ground_rules_confirmed(meeting), "meeting": meeting,
        "summary": selectors.agreement_resolved_summary(agreement) if agreement else "",
        "copies": _copies(parties, deliveries),
        "read_only": not is_open(case.state),
    })


@require_GET
@role_required(*CASE_WORKERS)
def agreement_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    agreement = selectors.agreement_for_case(case)
    if agreement is None or not agreement.pdf:
        raise Http404("No final agreement")
    response = FileResponse(agreement.pdf.open("rb"), as_attachment=True, content_type="application/pdf",
                            filename=f"agreement-{case.reference}.pdf")
    return response  # type: ignore[return-value]  # a streaming response, which role_required passes on


@require_POST
@role_required(*CASE_WORKERS)
def copies_send(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    if refusal := ended_refusal(request, case, PAGE):
        return refusal
    agreement = selectors.agreement_for_case(case)
    if agreement is None:
        raise Http404("No agreement")
    try:
        sent = agreement_copies_send(agreement=agreement, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, agreement_copies_report(sent))
    return redirect(PAGE, reference=reference)


def _copies(parties: Any, deliveries: dict[int, Any]) -> list[dict[str, Any]]:
    """Each party's copy, with the reason when its message is still waiting for a contact detail."""
    from senmediation.notifications.models import Message

    messages = delivery_messages(list(deliveries.values()))
    rows = []
    for party in parties:
        delivery = deliveries.get(party.pk)
        message = messages.get(delivery.pk) if delivery else None
        waiting = message.last_error if message and message.status == Message.Status.CANNOT_SEND else ""
        rows.append({"party": party, "delivery": delivery, "waiting": waiting})
    return rows
