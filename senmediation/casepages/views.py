"""The staff case page and the meeting it arranges: the case, its meeting and its messages on one screen.

Composition: these views use the case domain and the meetings and notifications features, so they live
above all of them (cases itself imports no feature)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role, user_roles
from senmediation.cases import selectors
from senmediation.cases.forms import ScheduleMeetingForm, TransitionForm, earliest_with_notice, people_forms
from senmediation.cases.services.casework import mediator_may_keep_notes
from senmediation.cases.services.late_reasons import LATE_REASON_CLOCKS
from senmediation.cases.services.transitions import case_meeting_current, case_transitions_allowed
from senmediation.cases.views import CASE_WORKERS
from senmediation.cases.views_late_contact import late_contact_context
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.meetings.models import CANCELLED_BY_CHOICES
from senmediation.meetings.services import meeting_cancel, meeting_schedule
from senmediation.notifications.selectors import messages_for_case_page
from senmediation.rules.deadlines import ACTOR_LABELS, CLOCK_RULES, Clock
from senmediation.rules.late_reasons import late_reason_label
from senmediation.rules.next_steps import steps_arranged
from senmediation.rules.sections import sections_now
from senmediation.rules.workflow import meeting_refusal


def _deadline_rows(case: object) -> list[dict[str, object]]:
    rows = []
    for deadline in case.deadlines.all().order_by("due_date"):  # type: ignore[attr-defined]
        rule = CLOCK_RULES[Clock(deadline.clock)]
        late = (deadline.clock in LATE_REASON_CLOCKS and deadline.met_on is not None
                and deadline.met_on > deadline.due_date)
        rows.append({"deadline": deadline, "rule": rule, "who": ACTOR_LABELS[rule.acts], "late": late,
                     "late_reason": late_reason_label(deadline.late_reason) if deadline.late_reason else ""})
    return rows


@require_GET
@role_required(*CASE_WORKERS)
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    meeting = case_meeting_current(case)
    transitions = case_transitions_allowed(case, meeting=meeting)
    recent_messages, messages_held = messages_for_case_page(case=case)
    assign_form, coordinator_form = people_forms(
        mediator_id=case.mediator_id, coordinator_id=case.coordinator_id,
        offered=bool(user_roles(request.user) & {Role.COORDINATOR, Role.MANAGER}))
    return render(
        request, "casepages/case_detail.html",
        {
            "case": case,
            "parties": list(case.parties.select_related("acts_for")),
            "issues": list(case.issues.select_related("raised_by")),
            "deadlines": _deadline_rows(case),
            "events": list(case.events.select_related("by")[:100]),
            "late_contact": late_contact_context(case),
            "meeting": meeting,
            "transitions": transitions,
            "steps": steps_arranged(state=case.state, transitions=transitions),
            "sections": {s.value for s in sections_now(
                state=case.state, with_records=selectors.case_sections_with_records(case))},
            "can_schedule": meeting_refusal(state=case.state) is None,
            "transition_form": TransitionForm(),
            "assign_form": assign_form, "coordinator_form": coordinator_form,
            "schedule_form": ScheduleMeetingForm(),
            "cancelled_by_choices": CANCELLED_BY_CHOICES,
            "today": clock.today(),
            "can_give_late_reason": bool(user_roles(request.user) & {Role.COORDINATOR, Role.MANAGER}),
            "can_see_notes": mediator_may_keep_notes(case=case, user=request.user),
            "messages_for_case": recent_messages,
            "messages_held": messages_held,
        },
    )


def _back(reference: str) -> HttpResponse:
    return redirect("cases:detail", reference=reference)


@role_required(*CASE_WORKERS)
def case_schedule_meeting(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    not_now = meeting_refusal(state=case.state)
    if not_now is not None:
        messages.error(request, not_now)
        return _back(reference)
    mediation_clock = case.deadlines.filter(clock="mediation_held", met_on__isnull=True, stopped_on__isnull=True).first()
    form = ScheduleMeetingForm(request.POST if request.method == "POST" else None,
                               mediation_due=mediation_clock.due_date if mediation_clock else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting_schedule(case=case, starts_at=data["starts_at"], venue=data["venue"], by=request.user,
                             short_notice_agreed=data["short_notice_agreed"], reason=data.get("reason", ""))
            messages.success(request, "The meeting is arranged.")
            return _back(reference)
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
    return render(request, "casepages/schedule_meeting.html",
                  {"case": case, "form": form, "mediation_due": form.mediation_due,
                   "earliest": earliest_with_notice(clock.today())},
                  status=400 if form.errors else 200)


@require_POST
@role_required(*CASE_WORKERS)
def case_cancel_meeting(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    meeting = case_meeting_current(case)
    if meeting is None:
        messages.error(request, "There is no scheduled meeting to cancel.")
        return _back(reference)
    try:
        meeting_cancel(meeting=meeting, by=request.user, reason=request.POST.get("reason", "")[:500],
                       cancelled_by=request.POST.get("cancelled_by", ""))
    except ServiceError as refusal:
        messages.error(request, refusal.message)
    else:
        if meeting_refusal(state=case.state) is None:
            # The bookings are let go; the proposals run again from today (casepages/views_proposals.py).
            messages.success(request, "The meeting is cancelled and everyone has been told. These are the times "
                                      "possible now.")
            return redirect("cases:find_a_time", reference=reference)
        messages.success(request, "The meeting is cancelled and everyone has been told.")
    return _back(reference)
