"""A mediator's own time (`/staff/diaries/mine/`): when they can take meetings, their leave, and their private
calendar feed. Only mediators have these pages, and each reads and changes only the signed-in person's own."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.directory.models import MediatorAvailability, MediatorLeave

from . import services
from .forms import AvailabilityForm, LeaveForm
from .models import DiaryFeed

LEAVE_LISTED = 50


def _affected(recorded: services.Recorded) -> str:
    if not recorded.meetings_affected:
        return ""
    count = recorded.meetings_affected
    return (f" You have {count} meeting{'s' if count != 1 else ''} booked on {'those days' if count != 1 else 'one of them'}:"
            " tell your coordinator so it can be moved.")


@require_GET
@role_required(Role.MEDIATOR)
def mine(request: HttpRequest) -> HttpResponse:
    today, user = clock.today(), int(request.user.pk or 0)
    latest = (MediatorAvailability.objects.filter(mediator_id=user, day__gte=today)
              .order_by("-day").values_list("day", flat=True).first())
    leave = list(MediatorLeave.objects.filter(mediator_id=user, ends_on__gte=today)
                 .order_by("starts_on", "id")[:LEAVE_LISTED])
    feed = DiaryFeed.objects.filter(user_id=user, revoked_at__isnull=True).first()
    return render(request, "diaries/mine.html", {"latest": latest, "leave": leave, "feed": feed, "today": today})


def _form_page(request: HttpRequest, form_class: type, template: str, record: object) -> HttpResponse:
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            recorded = record(form.cleaned_data)  # type: ignore[operator]
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, recorded)
            return redirect("diaries:mine")
    return render(request, template, {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@role_required(Role.MEDIATOR)
def availability(request: HttpRequest) -> HttpResponse:
    def record(data: dict[str, object]) -> str:
        recorded = services.availability_record(
            mediator=request.user, first=data["first"], last=data["last"],  # type: ignore[arg-type]
            weekdays=data["weekdays"], available=bool(data["available"]),  # type: ignore[arg-type]
            from_time=data.get("from_time"), to_time=data.get("to_time"))  # type: ignore[arg-type]
        return f"Recorded for {recorded.days} day{'s' if recorded.days != 1 else ''}.{_affected(recorded)}"

    return _form_page(request, AvailabilityForm, "diaries/availability.html", record)


@require_http_methods(["GET", "POST"])
@role_required(Role.MEDIATOR)
def leave(request: HttpRequest) -> HttpResponse:
    def record(data: dict[str, object]) -> str:
        recorded = services.leave_record(mediator=request.user, starts_on=data["starts_on"],  # type: ignore[arg-type]
                                         ends_on=data["ends_on"], reason=str(data.get("reason") or ""))  # type: ignore[arg-type]
        return f"Your leave is recorded ({recorded.days} day{'s' if recorded.days != 1 else ''}).{_affected(recorded)}"

    return _form_page(request, LeaveForm, "diaries/leave.html", record)


@require_POST
@role_required(Role.MEDIATOR)
def leave_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.leave_cancel(mediator=request.user, leave_id=pk)
    except ServiceError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "Your leave is cancelled.")
    return redirect("diaries:mine")


@never_cache
@require_POST
@role_required(Role.MEDIATOR)
def feed_new(request: HttpRequest) -> HttpResponse:
    """Makes a new feed address and shows it, once: only its hash is kept."""
    secret = services.feed_create(user=request.user)
    url = request.build_absolute_uri(f"/calendar/{secret}.ics")
    return render(request, "diaries/feed_shown_once.html", {"feed_url": url})


@require_POST
@role_required(Role.MEDIATOR)
def feed_stop(request: HttpRequest) -> HttpResponse:
    if services.feed_revoke(user=request.user):
        messages.success(request, "Your calendar feed is stopped. Its address no longer works.")
    return redirect("diaries:mine")
