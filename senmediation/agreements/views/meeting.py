"""The meeting record page: who came, the ground rules, the sessions, and each issue's outcome."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from senmediation.accounts.decorators import role_required
from senmediation.cases.forms_late import LateReasonForm
from senmediation.cases.models import Case
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.meetings import record
from senmediation.meetings.models import Attendance, GroundRules, Meeting
from senmediation.rules.meeting_day import meeting_day_refusal
from senmediation.rules.workflow import is_open

from ..forms import AttendanceForm, GroundRulesForm, IssueOutcomesForm, SessionEndForm
from .common import CASE_WORKERS, ended_refusal, field_of, load_case

PAGE = "agreements:meeting"


def _meeting_or_404(case: Case) -> Meeting:
    meeting = record.meeting_for_record(case)
    if meeting is None:
        raise Http404("No meeting")
    return meeting


def _page(request: HttpRequest, case: Case, *, status: int = 200, **forms: Any) -> HttpResponse:
    meeting = record.meeting_for_record(case)
    issues = list(case.issues.all())
    rules = GroundRules.objects.filter(meeting=meeting).first() if meeting else None
    initial_rules = [name for name in ("confidentiality", "respect", "listening", "impartiality")
                     if rules and getattr(rules, name)]
    sessions = list(meeting.sessions.all()) if meeting else []
    booked_day = clock.local(meeting.starts_at).date() if meeting else None
    # Held after the 30 days' due date: the first sitting asks why (rules/late_reasons.py).
    held = record.held_clock_open(case) if meeting and not sessions else None
    start_late = held is not None and held.due_date < clock.today()
    context = {
        "case": case, "meeting": meeting, "read_only": not is_open(case.state),
        # Before its booked day the first sitting cannot start; a manager may start it early with a reason.
        "too_early": bool(booked_day and not sessions and meeting_day_refusal(
            meeting_day=booked_day, on=clock.today(), manager_reason_given=False)),
        "attendances": list(meeting.attendances.select_related("party")) if meeting else [],
        "sessions": sessions, "running": next((s for s in sessions if s.ended_at is None), None),
        "rules": rules, "issues": issues,
        "attendance_form": forms.get("attendance_form") or AttendanceForm(case=case, prefix="att"),
        "rules_form": forms.get("rules_form") or GroundRulesForm(prefix="gr", initial={"rules": initial_rules}),
        "end_form": forms.get("end_form") or SessionEndForm(prefix="end"),
        "issues_form": forms.get("issues_form") or IssueOutcomesForm(issues=issues, prefix="io"),
        "start_form": (forms.get("start_form") or LateReasonForm(prefix="start")) if start_late else None,
        "held_clock": held,
    }
    # The error summary (and the "Error:" title) follows whichever form was just sent back.
    context["form"] = next((f for f in forms.values() if f is not None and f.errors), None)
    return render(request, "agreements/meeting.html", context, status=status)


@require_GET
@role_required(*CASE_WORKERS)
def meeting_page(request: HttpRequest, reference: str) -> HttpResponse:
    return _page(request, load_case(request, reference))


@require_POST
@role_required(*CASE_WORKERS)
def attendance_add(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    if refusal := ended_refusal(request, case, PAGE):
        return refusal
    meeting = _meeting_or_404(case)
    form = AttendanceForm(request.POST, case=case, prefix="att")
    if form.is_valid():
        data = form.cleaned_data
        try:
            record.attendance_add(meeting=meeting, by=request.user, name=data["name"], role=data["role"],
                                  party=data["party"], consent_recorded=data["consent_recorded"],
                                  consent_note=data["consent_note"], has_authority=data["has_authority"])
        except ServiceError as error:
            form.add_error(field_of(form, error.field), error.message)
        else:
            messages.success(request, "Added to the attendance list.")
            return redirect(PAGE, reference=reference)
    return _page(request, case, status=400, attendance_form=form)


@require_POST
@role_required(*CASE_WORKERS)
def attendance_remove(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = load_case(request, reference)
    if refusal := ended_refusal(request, case, PAGE):
        return refusal
    attendance = get_object_or_404(Attendance, pk=pk, meeting__case=case)
    record.attendance_remove(attendance=attendance, by=request.user)
    messages.success(request, f"{attendance.name} removed from the attendance list.")
    return redirect(PAGE, reference=reference)


@require_POST
@role_required(*CASE_WORKERS)
def ground_rules(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    if refusal := ended_refusal(request, case, PAGE):
        return refusal
    meeting = _meeting_or_404(case)
    form = GroundRulesForm(request.POST, prefix="gr")
    if not form.is_valid():
        return _page(request, case, status=400, rules_form=form)
    chosen = set(form.cleaned_data["rules"])
    rules = record.ground_rules_confirm(
        meeting=meeting, by=request.user, confidentiality="confidentiality" in chosen,
        respect="respect" in chosen, listening="listening" in chosen, impartiality="impartiality" in chosen,
    )
    if rules.all_confirmed:
        messages.success(request, "All four ground rules confirmed.")
    else:
        messages.warning(request, "Saved. All four ground rules are needed before the agreement can be final.")
    return redirect(PAGE, reference=reference)


@require_POST
@role_required(*CASE_WORKERS)
def session_start(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    if refusal := ended_refusal(request, case, PAGE):
        return refusal
    meeting = _meeting_or_404(case)
    form = LateReasonForm(request.POST, prefix="start")
    held = None if meeting.sessions.exists() else record.held_clock_open(case)
    late = held is not None and held.due_date < clock.today()
    if late and not form.is_valid():
        return _page(request, case, status=400, start_form=form)
    data = form.cleaned_data if late else {}
    try:
        record.meeting_session_start(meeting=meeting, by=request.user,
                                     early_reason=request.POST.get("early_reason", "")[:1000],
                                     late_reason=data.get("late_reason", ""), late_note=data.get("late_note", ""))
    except ServiceError as error:
        if error.field in ("late_reason", "late_note"):
            form.add_error(error.field, error.message)
            return _page(request, case, status=400, start_form=form)
        messages.error(request, error.message)
    else:
        messages.success(request, "The session has started.")
    return redirect(PAGE, reference=reference)


@require_POST
@role_required(*CASE_WORKERS)
def session_end(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    if refusal := ended_refusal(request, case, PAGE):
        return refusal
    meeting = _meeting_or_404(case)
    form = SessionEndForm(request.POST, prefix="end")
    if form.is_valid():
        adjourned = form.cleaned_data["how"] == "adjourned"
        try:
            record.meeting_session_end(meeting=meeting, by=request.user, adjourned=adjourned,
                                       note=form.cleaned_data["note"])
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Adjourned. Start a new session to continue." if adjourned
                             else "The meeting has ended.")
            return redirect(PAGE, reference=reference)
    return _page(request, case, status=400, end_form=form)


@require_POST
@role_required(*CASE_WORKERS)
def issue_outcomes(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    if refusal := ended_refusal(request, case, PAGE):
        return refusal
    issues = list(case.issues.all())
    form = IssueOutcomesForm(request.POST, issues=issues, prefix="io")
    if not form.is_valid():
        return _page(request, case, status=400, issues_form=form)
    for issue in issues:
        outcome = form.cleaned_data.get(f"issue_{issue.pk}")
        if outcome:
            record.issue_outcome_set(issue=issue, outcome=outcome, by=request.user)
    messages.success(request, "Issue outcomes saved.")
    return redirect(PAGE, reference=reference)
