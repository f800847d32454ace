"""The "Find a time" page: the best times for the case's meeting with why each was chosen and what ruled the other
days out, and one-click booking of a proposal. A thin view over casepages/proposals_data.py (gathering),
rules/proposals (the engine) and casepages/booking.py (the atomic booking)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from senmediation.accounts.decorators import role_required
from senmediation.cases import selectors
from senmediation.cases.models import Case
from senmediation.cases.services.transitions import case_meeting_current
from senmediation.cases.views import CASE_WORKERS
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.rules.deadlines import MEETING_NOTICE_CITATION
from senmediation.rules.workflow import meeting_refusal

from .booking import Choice, proposal_book
from .forms_proposals import BookProposalForm, FindTimeForm
from .proposals_data import proposals_for


def _page(request: HttpRequest, case: Case, form: FindTimeForm, *, problem: FindTimeForm | None = None) -> HttpResponse:
    context: dict[str, Any] = {"case": case, "form": form, "problem": problem, "error_title": problem is not None,
                               "meeting": case_meeting_current(case),
                               "notice_citation": MEETING_NOTICE_CITATION}
    if form.is_valid():
        options = form.options()
        outcome, warning = proposals_for(case=case, today=clock.today(), options=options)
        context |= {"outcome": outcome, "options": options, "request_": outcome.request, "warning": warning,
                    "query": {"how": options.mode.value, "notice": options.notice_working_days,
                              "length": options.length_minutes}}
    bad = bool(form.errors) or problem is not None
    return render(request, "casepages/find_a_time.html", context, status=400 if bad else 200)


def _ready(request: HttpRequest, case: Case) -> HttpResponse | None:
    not_now = meeting_refusal(state=case.state)
    if not_now is None:
        return None
    messages.error(request, not_now)
    return redirect("cases:detail", reference=case.reference)


@require_GET
@role_required(*CASE_WORKERS)
def case_find_a_time(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    return _ready(request, case) or _page(request, case, FindTimeForm.from_query(request.GET.dict()))


@require_POST
@role_required(*CASE_WORKERS)
def case_book_proposal(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    if (not_ready := _ready(request, case)) is not None:
        return not_ready
    form = BookProposalForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        choice = Choice(starts_at=data["starts_at"], mediator_id=data["mediator"], room_id=data["room"],
                        helper_ids=data["helpers"])
        try:
            meeting = proposal_book(case=case, choice=choice, options=form.options(), by=request.user)
        except ServiceError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"The meeting is booked for {clock.local(meeting.starts_at):%A %-d %B %Y at %H:%M}"
                                      ". The invitations have gone to everyone.")
            return redirect("cases:detail", reference=reference)
    search = FindTimeForm.from_query({k: str(v) for k, v in request.POST.items() if k in ("how", "notice", "length")})
    return _page(request, case, search, problem=form)
