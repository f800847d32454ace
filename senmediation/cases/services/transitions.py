"""The only code that changes a case's status, checked against the table in rules/workflow/table.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import partial
from typing import Any

from django.db import transaction

from senmediation.accounts.roles import Role, user_roles
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.rules.deadlines import Clock
from senmediation.rules.eligibility import Route, route_current
from senmediation.rules.workflow import (
    ACTION_LABELS,
    STATE_LABELS,
    Action,
    CaseFacts,
    CaseType,
    State,
    Transition,
    TransitionNotAllowed,
    allowed_transitions,
    check_transition,
)

# case_meeting_current is also offered from here, where the case pages have always found it.
from ..facts import case_facts_registered
from ..facts import case_meeting_current as case_meeting_current
from ..models import Case, CaseEvent, MeetingOutcome
from ..signals import case_transitioned
from .deadlines import clocks_apply
from .events import case_event_record
from .late_contact import case_late_contact_refusal

# Recording the outcome is itself a step of the workflow.
OUTCOMES = {Action.record_agreement: MeetingOutcome.AGREEMENT, Action.record_no_agreement: MeetingOutcome.NO_AGREEMENT}


_UNREAD: Any = object()


def _certificate_was_not_arranged(case: Case) -> bool:
    # The timeline says which certificate was issued: the one after "not arranged in time".
    if case.certificate_issued_on is None:
        return False
    return case.events.filter(
        kind=CaseEvent.Kind.TRANSITION, action=Action.issue_certificate.value, from_state=State.not_arranged.value
    ).exists()


def case_facts(case: Case, *, meeting: Any = _UNREAD, on: dt.date | None = None) -> CaseFacts:
    """What the workflow's guards need to know, read from the case and its meeting (pass the meeting
    if the caller already has it), for a step taken `on` that day (today unless given). What only the
    features know (the meeting's day and notice, agreed actions still open) comes from ..facts."""
    if meeting is _UNREAD:
        meeting = case_meeting_current(case)
    return CaseFacts(
        case_type=CaseType(case.case_type),
        # The issues disputed now decide the route, not the one recorded at the start (CFA 2014 s.55(2)).
        route=route_current(decisions=case.decisions, elements=case.elements, recorded=case.route)
        if case.case_type == CaseType.sen_mediation else Route(case.route),
        has_health_elements="health" in case.elements,
        mediator_assigned=case.mediator_id is not None,
        all_parties_agree=case.all_parties_agreed,
        outcome_recorded=bool(case.meeting_outcome),
        agreement_reached=case.meeting_outcome in (MeetingOutcome.AGREEMENT, MeetingOutcome.PARTIAL),
        certificate_issued=case.certificate_issued_on is not None,
        certificate_was_not_arranged=_certificate_was_not_arranged(case),
        late_contact_refusal=case_late_contact_refusal(case),
        step_on=on or clock.today(),
        **case_facts_registered(case, meeting=meeting),
    )


def case_transitions_allowed(
    case: Case, *, meeting: Any = _UNREAD, on: dt.date | None = None, manager_override: bool = False
) -> list[Transition]:
    """The steps open to the case now (or `on` a day), as the workflow table decides."""
    facts = dataclasses.replace(case_facts(case, meeting=meeting, on=on), manager_overrides_with_reason=manager_override)
    return allowed_transitions(case_type=case.case_type, state=case.state, facts=facts)


def case_transition(
    *, case: Case, action: Action | str, by: Any, on: dt.date | None = None, note: str = "",
    today: dt.date | None = None, manager_override: bool = False,
) -> Case:
    """Moves the case on by one step of the workflow, records it on the timeline and updates its clocks.

    `manager_override` lets a manager go ahead with a reason in `note`: close a case whose agreed actions
    are still open, or record a meeting as held before its booked day. Raises ServiceError with a
    plain-English reason when the step is not allowed now.
    """
    today = today or clock.today()
    on = on or today
    if on > today:
        raise ServiceError("The date of a step cannot be in the future.", field="on")
    if manager_override:
        if Role.MANAGER not in user_roles(by):
            raise ServiceError("Only a manager can go ahead with a step that the usual checks refuse.")
        if not note.strip():
            raise ServiceError("Give the reason for going ahead.", field="note")
    with transaction.atomic():
        # Lock the case so two people pressing buttons at once cannot both move it.
        locked = Case.objects.select_for_update().get(pk=case.pk)
        facts = dataclasses.replace(case_facts(locked, on=on), manager_overrides_with_reason=manager_override)
        try:
            transition = check_transition(
                case_type=locked.case_type, state=locked.state, action=action, facts=facts
            )
        except TransitionNotAllowed as refusal:
            raise ServiceError(str(refusal)) from None
        from_state = locked.state
        locked.state = transition.to_state.value
        changes = ["state"]
        if transition.action is Action.notify_la:
            locked.la_notified_on = on
            changes.append("la_notified_on")
        if transition.action in OUTCOMES:
            locked.meeting_outcome = OUTCOMES[transition.action]
            if transition.action is Action.record_agreement and locked.issues.filter(outcome__in=["partly", "not_agreed"]).exists():
                # Some issues were left partly or not agreed: an agreement on some issues only.
                locked.meeting_outcome = MeetingOutcome.PARTIAL
            changes.append("meeting_outcome")
        if transition.action is Action.issue_certificate:
            locked.certificate_issued_on = on
            changes.append("certificate_issued_on")
        if transition.to_state in (State.closed, State.withdrawn):
            locked.closed_on = on
            locked.closure_reason = note
            # A finished case has no next meeting, even one never called off (meetings.services keeps it).
            locked.next_meeting_at = None
            changes += ["closed_on", "closure_reason", "next_meeting_at"]
        locked.save(update_fields=[*changes, "updated_at"])
        case_event_record(
            case=locked, by=by, kind=CaseEvent.Kind.TRANSITION, action=transition.action.value,
            from_state=from_state, to_state=locked.state, detail=note,
            summary=f"{ACTION_LABELS[transition.action]}: {STATE_LABELS[State(from_state)]} to "
            f"{STATE_LABELS[transition.to_state]}" + (f" (on {on:%-d %B %Y})" if on != today else ""),
        )
        # Announced only once the step is saved (the API sends partners' webhooks from it); robust, so a
        # listener's failure is logged and never reaches the person who took the step.
        transaction.on_commit(partial(case_transitioned.send, sender=Case, reference=locked.reference,
                                      action=transition.action.value, local_authority_id=locked.local_authority_id,
                                      from_state=from_state, to_state=locked.state), robust=True)
        starts = [(c, on) for c in transition.clocks_started(facts)]
        clocks_apply(
            case=locked, on=on, today=today, starts=starts, meets=transition.meets,
            stops=[c for c in transition.stops if c is not Clock.tribunal_appeal],
        )
    case.refresh_from_db()
    return case
