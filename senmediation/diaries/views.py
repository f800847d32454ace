"""The staff diaries (`/staff/diaries/`): a week or a month of meetings by mediator, room or interpreter.

Not to be confused with "My cases" (meetings/views_diary.py), a person's list of cases by what comes next.
Views stay thin: who may see which diary is the selectors' decision (selectors.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.core import clock
from senmediation.rules.diary import DiaryPeriod, PeriodKind, day_within_reach, diary_period

from . import selectors

DIARY_ROLES = (Role.COORDINATOR, Role.MANAGER, Role.MEDIATOR)


def period_asked(request: HttpRequest) -> DiaryPeriod:
    """The week or month asked for (`?period=month&day=2026-12-07`); this week for anything not understood."""
    today = clock.today()
    kind = PeriodKind.MONTH if request.GET.get("period") == PeriodKind.MONTH.value else PeriodKind.WEEK
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = today
    return diary_period(kind, day if day_within_reach(day, today=today) else today)


def _links(period: DiaryPeriod) -> dict[str, str]:
    """The query strings of the period's neighbours, of today's, and of the other kind of view."""
    other = PeriodKind.WEEK if period.kind is PeriodKind.MONTH else PeriodKind.MONTH

    def query(kind: PeriodKind, day: dt.date | None) -> str:
        return urlencode({"period": kind.value} | ({"day": day.isoformat()} if day else {}))

    return {"previous": query(period.kind, period.previous), "next": query(period.kind, period.next),
            "today": query(period.kind, None), "week": query(PeriodKind.WEEK, period.first),
            "month": query(PeriodKind.MONTH, period.first), "other": other.value}


def diary_page(request: HttpRequest, diary: selectors.Diary, *, kind_of_diary: str, **extra: Any) -> HttpResponse:
    return render(request, "diaries/diary.html", {
        "diary": diary, "period": diary.period, "links": _links(diary.period), "kind_of_diary": kind_of_diary,
        "today": clock.today(), **extra})


@require_GET
@role_required(*DIARY_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    """Coordinators and managers choose whose diary to open; a mediator goes straight to their own."""
    if not selectors.sees_all_diaries(request.user):
        return redirect("diaries:mediator", pk=request.user.pk)
    return render(request, "diaries/index.html", {
        "mediators": list(selectors.mediators_listed()[: selectors.MAX_LISTED]),
        "rooms": list(selectors.rooms_listed()[: selectors.MAX_LISTED]),
        "interpreters": list(selectors.interpreters_listed()[: selectors.MAX_LISTED]),
    })


@require_GET
@role_required(*DIARY_ROLES)
def mediator(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.mediator_for_diary(viewer=request.user, mediator_id=pk)
    if person is None:
        raise Http404("No such mediator, or not yours to see")
    diary = selectors.mediator_diary(mediator=person, period=period_asked(request))
    return diary_page(request, diary, kind_of_diary="mediator", own=person.pk == request.user.pk)


@require_GET
@role_required(Role.COORDINATOR, Role.MANAGER)
def room(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.room_for_diary(pk)
    if found is None:
        raise Http404("No such room")
    diary = selectors.room_diary(room=found, period=period_asked(request))
    features = ", ".join(found.access_features) or "No access features recorded"
    return diary_page(request, diary, kind_of_diary="room",
                      about=f"Seats {found.capacity}. {features}.")


@require_GET
@role_required(Role.COORDINATOR, Role.MANAGER)
def interpreter(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.interpreter_for_diary(pk)
    if found is None:
        raise Http404("No such interpreter")
    diary = selectors.interpreter_diary(interpreter=found, period=period_asked(request))
    about = found.get_kind_display() + (f": {found.languages_label}" if found.languages else "")
    return diary_page(request, diary, kind_of_diary="interpreter", about=f"{about}.")
