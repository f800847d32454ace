"""The record of the mediation meeting: who came, the ground rules, the sittings, and each issue's outcome.

Who may attend is decided by the pure rule in `senmediation.agreements.attendance_rules` (reg 38).
Starting the first sitting moves a scheduled case to "held": that meets the 30-day clock and starts
the 3 working days for the certificate after mediation (SEND Regulations 2014 reg 39(1)).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from senmediation.accounts.roles import Role, user_roles
from senmediation.agreements.attendance_rules import AUTHORITY_ASKED, attendance_refusal, authority_refusal
from senmediation.cases.models import Case, CaseEvent, Deadline, Issue, Party
from senmediation.cases.services.events import case_event_record
from senmediation.cases.services.late_reasons import late_reason_apply, late_reason_check
from senmediation.cases.services.transitions import case_transition, case_transitions_allowed
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.rules.deadlines import Clock
from senmediation.rules.meeting_day import meeting_day_refusal
from senmediation.rules.workflow import Action, is_open

from .models import Attendance, GroundRules, Meeting, MeetingSession
from .services import case_next_meeting_refresh

# Party roles whose person is a party to the mediation (a school is one in disagreement resolution).
_PARTY_ROLES = {Party.Role.PARENT, Party.Role.YOUNG_PERSON, Party.Role.LA_OFFICER, Party.Role.ICB}


def meeting_for_record(case: Case) -> Meeting | None:
    """The meeting being recorded: the one held or, before it starts, the one scheduled."""
    return (
        case.meetings.filter(status__in=[Meeting.Status.HELD, Meeting.Status.SCHEDULED])
        .order_by("status", "-starts_at")  # "held" sorts before "scheduled": a held one wins
        .select_related("venue")
        .first()
    )


def _open_case(case: Case) -> None:
    if not is_open(case.state):
        raise ServiceError("This case has ended, so its meeting record cannot change.")


def _is_party(party: Party | None, case: Case) -> bool:
    if party is None:
        return False
    if party.role in _PARTY_ROLES:
        return True
    return party.role == Party.Role.SCHOOL and case.case_type == "disagreement_resolution"


def attendance_add(
    *, meeting: Meeting, by: Any, name: str, role: str, party: Party | None = None,
    consent_recorded: bool = False, consent_note: str = "", has_authority: bool | None = None,
) -> Attendance:
    """Records one person at the meeting, refusing anyone reg 38 does not let in without consent. For an LA
    or ICB attendee, whether they had authority to agree to resolve the issues is required (reg 37(1))."""
    case = meeting.case
    _open_case(case)
    if party is not None and party.case_id != case.pk:
        raise ServiceError("Choose someone who is a party to this case.", field="party")
    name = (name or (party.name if party else "")).strip()
    if not name:
        raise ServiceError("Enter the person's name.", field="name")
    if role not in Attendance.Role.values:
        raise ServiceError("Choose the capacity they attend in.", field="role")
    if refusal := authority_refusal(role, has_authority=has_authority):
        raise ServiceError(refusal, field="has_authority")
    authority_asked = role in AUTHORITY_ASKED
    with transaction.atomic():
        existing = list(meeting.attendances.select_for_update().values_list("role", flat=True))
        refusal = attendance_refusal(
            role=role, existing_roles=existing, consent_recorded=consent_recorded, is_party=_is_party(party, case)
        )
        if refusal:
            raise ServiceError(refusal, field="consent_recorded")
        attendance = Attendance.objects.create(
            meeting=meeting, party=party, name=name, role=role, consent_recorded=consent_recorded,
            consent_note=consent_note.strip(), has_authority=has_authority if authority_asked else None,
        )
        case_event_record(
            case=case, by=by, kind=CaseEvent.Kind.UPDATED,
            summary=f"At the meeting: {name} ({attendance.get_role_display()})" + (
                "" if not authority_asked else ", with authority to agree to resolve the issues"
                if has_authority else ", without authority to agree to resolve the issues"),
            detail="Attends with recorded consent. " + consent_note if consent_recorded else "",
        )
    return attendance


def attendance_remove(*, attendance: Attendance, by: Any) -> None:
    case = attendance.meeting.case
    _open_case(case)
    with transaction.atomic():
        case_event_record(
            case=case, by=by, kind=CaseEvent.Kind.UPDATED,
            summary=f"Removed from the attendance list: {attendance.name}",
        )
        attendance.delete()


def ground_rules_confirm(
    *, meeting: Meeting, by: Any, confidentiality: bool, respect: bool, listening: bool, impartiality: bool,
) -> GroundRules:
    """Records which ground rules everyone confirmed (SEND Code of Practice 2015 ch. 11)."""
    _open_case(meeting.case)
    with transaction.atomic():
        rules, _ = GroundRules.objects.update_or_create(
            meeting=meeting,
            defaults={"confidentiality": confidentiality, "respect": respect, "listening": listening,
                      "impartiality": impartiality, "confirmed_by": by if getattr(by, "pk", None) else None},
        )
        case_event_record(
            case=meeting.case, by=by, kind=CaseEvent.Kind.UPDATED,
            summary="Ground rules confirmed" if rules.all_confirmed else "Ground rules partly confirmed",
        )
    return rules


def ground_rules_confirmed(meeting: Meeting | None) -> bool:
    if meeting is None:
        return False
    rules = GroundRules.objects.filter(meeting=meeting).first()
    return bool(rules and rules.all_confirmed)


def _early_start(meeting: Meeting, *, by: Any, today: dt.date, early_reason: str) -> bool:
    """True when a manager is starting the meeting before its booked day with a reason; refuses
    anyone else, or a manager without a reason (rules/meeting_day.py)."""
    day = clock.local(meeting.starts_at).date()
    if meeting_day_refusal(meeting_day=day, on=today, manager_reason_given=False) is None:
        return False
    if early_reason.strip() and Role.MANAGER not in user_roles(by):
        raise ServiceError("Only a manager can start a meeting before its booked day.")
    refusal = meeting_day_refusal(meeting_day=day, on=today, manager_reason_given=bool(early_reason.strip()))
    if refusal is not None:
        raise ServiceError(refusal, field="early_reason")
    return True


def held_clock_open(case: Case) -> Deadline | None:
    """The 30 days to hold the mediation, while they run (regs 35(3)-(4), 36(2))."""
    return Deadline.objects.filter(case=case, clock=Clock.mediation_held, met_on__isnull=True,
                                   stopped_on__isnull=True).first()


def meeting_session_start(
    *, meeting: Meeting, by: Any, now: dt.datetime | None = None, today: dt.date | None = None,
    early_reason: str = "", late_reason: str = "", late_note: str = "",
) -> MeetingSession:
    """Starts a sitting. The first one of a scheduled case records that the meeting took place: never
    before its booked day, unless a manager starts it early giving `early_reason` (on the timeline). Held after
    the 30 days' due date, it needs `late_reason` (rules/late_reasons.py), stored on the clock."""
    case = meeting.case
    _open_case(case)
    now = now or clock.now()
    today = today or clock.local(now).date()
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.sessions.filter(ended_at__isnull=True).exists():
            raise ServiceError("A session is already running: end or adjourn it first.")
        first = not locked.sessions.exists()
        early = first and _early_start(locked, by=by, today=today, early_reason=early_reason)
        # The first sitting records that the meeting took place, if the workflow allows it now.
        if any(t.action is Action.hold_meeting
               for t in case_transitions_allowed(case, on=today, manager_override=early)):
            held = held_clock_open(case)
            late_reason_check(due=held.due_date if held else None, done_on=today, reason=late_reason,
                              note=late_note)
            case_transition(case=case, action=Action.hold_meeting, by=by, today=today, manager_override=early,
                            note=early_reason.strip() if early else "")
            late_reason_apply(deadline=held, by=by, reason=late_reason, note=late_note)
        session = MeetingSession.objects.create(meeting=locked, started_at=now)
        if locked.status != Meeting.Status.HELD:
            locked.status = Meeting.Status.HELD
            locked.save(update_fields=["status", "updated_at"])
            case_next_meeting_refresh(case)
        booked = f", before its booked day ({clock.local(locked.starts_at):%-d %B %Y}), by a manager" if early else ""
        case_event_record(
            case=case, by=by, kind=CaseEvent.Kind.UPDATED, detail=early_reason.strip() if early else "",
            summary=f"Meeting {'started' if first else 'continued'} at {clock.local(now):%H:%M on %-d %B %Y}{booked}",
        )
    meeting.refresh_from_db()
    return session


def meeting_session_end(
    *, meeting: Meeting, by: Any, adjourned: bool = False, note: str = "", now: dt.datetime | None = None
) -> MeetingSession:
    """Ends the running sitting, either for good or adjourned to be continued later."""
    _open_case(meeting.case)
    now = now or clock.now()
    with transaction.atomic():
        session = meeting.sessions.select_for_update().filter(ended_at__isnull=True).first()
        if session is None:
            raise ServiceError("No session is running.")
        if now < session.started_at:
            raise ServiceError("The end time must be after the start time.")
        session.ended_at = now
        session.adjourned = adjourned
        session.note = note.strip()
        session.save(update_fields=["ended_at", "adjourned", "note", "updated_at"])
        Meeting.objects.filter(pk=meeting.pk).update(ends_at=now)
        case_event_record(
            case=meeting.case, by=by, kind=CaseEvent.Kind.UPDATED, detail=session.note,
            summary=f"Meeting {'adjourned' if adjourned else 'ended'} at {clock.local(now):%H:%M on %-d %B %Y}",
        )
    meeting.refresh_from_db()
    return session


def issue_outcome_set(*, issue: Issue, outcome: str, by: Any) -> Issue:
    """Whether the meeting settled one issue: agreed, partly agreed or not agreed."""
    _open_case(issue.case)
    if outcome not in Issue.Outcome.values:
        raise ServiceError("Choose agreed, partly agreed or not agreed.", field="outcome")
    if issue.outcome == outcome:
        return issue
    with transaction.atomic():
        before = issue.outcome
        issue.outcome = outcome
        issue.save(update_fields=["outcome", "updated_at"])
        case_event_record(
            case=issue.case, by=by, kind=CaseEvent.Kind.UPDATED,
            summary=f"Issue {issue.get_outcome_display().lower()}: {issue.text[:200]}",
            before={"outcome": before}, after={"outcome": outcome},
        )
    return issue
