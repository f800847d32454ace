"""Staff home: the office's work queue (coordinators and managers), a mediator's own deadlines and cases,
a commissioner's way to their reports. Each of the queue's lists has its own paged page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from senmediation.accounts.decorators import role_required
from senmediation.cases import selectors as case_selectors
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.core.redirects import back_to
from senmediation.portal.services.meeting_reply import meeting_reply_dealt_with

from . import selectors
from .selectors import KINDS, Kind


@require_GET
@role_required()
def home(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    context: dict[str, object] = {"today": today}
    if selectors.can_use_queue(request.user):
        context["queue"] = selectors.queue_summary(user=request.user, today=today)
        context["queue_sections"] = selectors.HOME_SECTIONS
        return render(request, "workqueue/home.html", context)
    if case_selectors.can_work_cases(request.user):
        context["due"] = case_selectors.deadlines_due_for(user=request.user, today=today)
        context["my_cases"] = case_selectors.my_cases_for(user=request.user)
    return render(request, "workqueue/home_other.html", context)


@require_GET
@role_required(*selectors.OFFICE)
def queue_list(request: HttpRequest, kind: str) -> HttpResponse:
    try:
        chosen = Kind(kind)
    except ValueError:
        raise Http404("No such list") from None
    if chosen not in selectors.kinds_for(request.user):
        raise PermissionDenied
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    today = clock.today()
    page = selectors.queue_page(user=request.user, kind=chosen, today=today, number=number)
    return render(request, "workqueue/list.html",
                  {"kind": chosen, "info": KINDS[chosen], "page": page, "today": today})


@require_POST
@role_required(*selectors.OFFICE)
def time_change_done(request: HttpRequest, pk: int) -> HttpResponse:
    """A family's ask to change the meeting time has been dealt with (a new time booked, or they were called)."""
    try:
        meeting_reply_dealt_with(reply_id=pk, by=request.user)
        messages.success(request, "Marked as dealt with.")
    except ServiceError as refusal:
        messages.error(request, refusal.message)
    return back_to(request, "workqueue:list", Kind.time_changes.value)
