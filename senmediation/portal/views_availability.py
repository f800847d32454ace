"""The availability page of a secure link: the family (or any party) tick the days a meeting could still be held,
and say in their own words what suits them.

portal/views.py hands an availability link to `availability_page`. The days come from rules/family_days.py: from
the first day with 5 working days' notice to the end of the 30 days, without the days the case's mediator said
they cannot work or is on leave. Three queries: the 30-day clock, the mediator's days off, their leave."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from senmediation.cases.models import Case, Deadline
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.directory.models import MediatorAvailability, MediatorLeave
from senmediation.rules.deadlines import Clock
from senmediation.rules.family_days import FamilyDays, family_days

from .forms import AvailabilityForm
from .models import PartyLink
from .services.links import party_link_touch
from .services.submissions import availability_submit
from .sharing import who_reads_for


def _mediator_days_off(case: Case, first: dt.date, last: dt.date) -> frozenset[dt.date]:
    if case.mediator_id is None:
        return frozenset()
    off = set(MediatorAvailability.objects.filter(mediator_id=case.mediator_id, day__gte=first, day__lte=last,
                                                  available=False).values_list("day", flat=True))
    for starts, ends in MediatorLeave.objects.filter(mediator_id=case.mediator_id, ends_on__gte=first,
                                                     starts_on__lte=last).values_list("starts_on", "ends_on"):
        day = max(starts, first)
        while day <= min(ends, last):
            off.add(day)
            day += dt.timedelta(days=1)
    return frozenset(off)


def days_for(case: Case, today: dt.date) -> FamilyDays:
    """The days to ask about for this case today."""
    window_end = (Deadline.objects.filter(case_id=case.pk, clock=Clock.mediation_held, met_on__isnull=True,
                                          stopped_on__isnull=True).order_by("due_date")
                  .values_list("due_date", flat=True).first())
    # The mediator's days off are read over the longest stretch family_days can look at.
    return family_days(today=today, window_end=window_end,
                       unavailable=_mediator_days_off(case, today, today + dt.timedelta(days=130)))


def availability_page(request: HttpRequest, link: PartyLink, token: str, context: dict[str, Any]) -> HttpResponse:
    today = clock.today()
    offered = days_for(link.party.case, today)
    form = AvailabilityForm(request.POST if request.method == "POST" else None, days=offered.days)
    if request.method == "POST" and form.is_valid():
        try:
            availability_submit(link=link, can_do=form.cleaned_data["can_do"],
                                cannot_do=form.cleaned_data["cannot_do"], dates=form.chosen_dates())
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            return redirect("portal:done", token=token)
    elif request.method != "POST":
        party_link_touch(link=link)
    return render(request, "portal/availability.html",
                  {**context, "form": form, "offered": offered, "today": today, "who_reads": who_reads_for(link)},
                  status=400 if form.errors else 200)
