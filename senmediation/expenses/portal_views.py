"""The family's expenses claim through their secure link: the costs and receipts, then a check-your-answers
page, then send. portal/views.py hands a link for expenses to these."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from senmediation.core.errors import ServiceError
from senmediation.portal.family import back_to_case
from senmediation.portal.link_problem import link_problem_page
from senmediation.portal.models import PartyLink, Purpose
from senmediation.portal.services.links import PartyLinkError, party_link_resolve, party_link_touch
from senmediation.portal.sharing import who_reads_for
from senmediation.rules.expenses import CONDITIONS, claim_assess

from .forms import ClaimForm, claim_initial
from .services import expense_claim_draft_for, expense_claim_draft_save, expense_claim_sent_for, expense_claim_submit


def _context(link: PartyLink, token: str, **extra: Any) -> dict[str, Any]:
    # Only this party's name, the child's first name and the reference: never the case record.
    return {"link": link, "token": token, "party_name": link.party.name,
            "child_first_name": link.party.case.child_first_name, "case_reference": link.party.case.reference,
            "expires_at": link.expires_at, "conditions": CONDITIONS, "back_to_case": back_to_case(link), **extra}


def claim_page(request: HttpRequest, link: PartyLink, token: str) -> HttpResponse:
    """The costs form (the link's own page). Once the claim is sent it says so instead."""
    sent = expense_claim_sent_for(link=link)
    if sent is not None:
        return render(request, "expenses/portal_sent.html", _context(link, token, claim=sent))
    if request.method == "POST":
        form = ClaimForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                expense_claim_draft_save(link=link, answers=form.answers(), receipts=form.receipts())
            except ServiceError as refusal:
                form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
            else:
                return redirect("portal:expenses_check", token=token)
    else:
        party_link_touch(link=link)
        draft = expense_claim_draft_for(link=link)
        form = ClaimForm(initial=claim_initial(draft.answers()) if draft else None)
    return render(request, "expenses/portal_claim.html", _context(link, token, form=form, who_reads=who_reads_for(link)),
                  status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def claim_check(request: HttpRequest, token: str) -> HttpResponse:
    """Check your answers: each cost, what we can pay and why, then send."""
    try:
        link = party_link_resolve(token)
    except PartyLinkError as link_problem:
        return link_problem_page(request, link_problem)
    if link.purpose != Purpose.EXPENSES:
        return redirect("portal:page", token=token)
    draft = expense_claim_draft_for(link=link)
    if draft is None:
        return redirect("portal:task", token=token)
    problem = ""
    if request.method == "POST":
        try:
            expense_claim_submit(link=link)
        except ServiceError as refusal:
            problem = refusal.message
        else:
            return redirect("portal:done", token=token)
    answers = draft.answers()
    return render(request, "expenses/portal_check.html", _context(
        link, token, claim=draft, answers=answers, assessment=claim_assess(answers),
        receipts=list(draft.receipts.all()), problem=problem, error_title=bool(problem)),
        status=400 if problem else 200)
