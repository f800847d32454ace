"""First contact, advice, signposting, the child's views and mediator notes: each one transaction,
each on the timeline (mediator notes are recorded as 'a note was added', never their text)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from senmediation.accounts.roles import Role, user_roles
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.directory.models import SignpostingAgency
from senmediation.rules.deadlines import Clock, contact_meets_first_call_back
from senmediation.rules.workflow import Action

from ..models import AdviceRecord, Case, CaseEvent, ChildViews, ContactLog, MediatorNote, Party, Signposting
from ..signals import party_reach_changed
from .deadlines import clocks_apply
from .events import case_event_record
from .search import case_search_refresh
from .transitions import case_transition, case_transitions_allowed


def _allowed(case: Case, action: Action) -> bool:
    return any(t.action is action for t in case_transitions_allowed(case))


# What each recorded decision moves the case to (the workflow table still decides whether it may).
DECISION_ACTIONS = {
    AdviceRecord.Decision.MEDIATION: Action.request_mediation,
    AdviceRecord.Decision.CERTIFICATE: Action.request_certificate,
}


# A call or a meeting is speaking to someone; with the parent or the young person it is the family.
SPOKEN_CHANNELS = frozenset({ContactLog.Channel.PHONE, ContactLog.Channel.MEETING})
FAMILY_ROLES = frozenset({Party.Role.PARENT, Party.Role.YOUNG_PERSON})


def contact_log_record(
    *, case: Case, by: Any, channel: str, direction: str, summary: str, party: Party | None = None,
    with_whom: str = "", outcome: str = "", at: dt.datetime | None = None,
) -> ContactLog:
    if not summary.strip():
        raise ServiceError("Enter a summary of the contact.", field="summary")
    if party is not None and party.case_id != case.pk:
        raise ServiceError("Choose someone from this case.", field="party")
    with transaction.atomic():
        entry = ContactLog.objects.create(
            case=case, party=party, with_whom=with_whom or (party.name if party else ""), channel=channel,
            direction=direction, summary=summary.strip(), outcome=outcome.strip(), at=at or clock.now(), by=by,
            by_mediator=case.mediator_id is not None and getattr(by, "pk", None) == case.mediator_id,
        )
        case_event_record(
            case=case, by=by, kind=CaseEvent.Kind.NOTE,
            summary=f"{entry.get_channel_display()} contact ({entry.get_direction_display().lower()}) "
            f"with {entry.with_whom or 'someone'}", detail=entry.outcome,
        )
        if contact_meets_first_call_back(spoken=channel in SPOKEN_CHANNELS,
                                         with_family=party is not None and party.role in FAMILY_ROLES):
            clocks_apply(case=case, on=clock.local(entry.at).date(), today=clock.today(),
                         meets=[Clock.first_call_back])
    return entry


def advice_record(
    *, case: Case, by: Any, understood: bool, decision: str, notes: str = "",
    signposted_to: Sequence[SignpostingAgency] = (), today: dt.date | None = None,
) -> AdviceRecord:
    """Records that information about mediation was given (and whether it was understood), the family's
    decision, and any signposting; then takes the matching workflow steps."""
    if decision not in AdviceRecord.Decision.values:
        raise ServiceError("Choose what the family decided.", field="decision")
    with transaction.atomic():
        record = AdviceRecord.objects.create(
            case=case, understood=understood, decision=decision, notes=notes.strip(), at=clock.now(), by=by
        )
        for agency in signposted_to:
            Signposting.objects.create(case=case, agency=agency, at=clock.now(), by=by)
        agencies = ", ".join(a.name for a in signposted_to)
        case_event_record(
            case=case, by=by, kind=CaseEvent.Kind.NOTE,
            summary=f"Information about mediation given{' and understood' if understood else ''}: "
            f"{record.get_decision_display().lower()}",
            detail="\n".join(part for part in [notes.strip(), f"Signposted to: {agencies}" if agencies else ""] if part),
        )
        if _allowed(case, Action.give_information):
            case_transition(case=case, action=Action.give_information, by=by, today=today)
        action = DECISION_ACTIONS.get(AdviceRecord.Decision(decision))
        if action is not None:
            case_transition(case=case, action=action, by=by, today=today)
    return record


def child_views_record(
    *, case: Case, by: Any, how: str, gathered_by: str, consent_given: bool, views: str,
    show_at_meeting: bool = True,
) -> ChildViews:
    if not consent_given:
        raise ServiceError(
            "Only record the child's views with their agreement (and their parent's, for a child).",
            field="consent_given",
        )
    if not views.strip():
        raise ServiceError("Enter the child's views, in their own words where possible.", field="views")
    with transaction.atomic():
        record = ChildViews.objects.create(
            case=case, how=how, gathered_by=gathered_by.strip(), consent_given=True, views=views.strip(),
            show_at_meeting=show_at_meeting, recorded_at=clock.now(), recorded_by=by,
        )
        case_event_record(
            case=case, by=by, kind=CaseEvent.Kind.NOTE,
            summary=f"The child's views recorded ({record.get_how_display().lower()}, by {record.gathered_by})",
        )
    return record


def mediator_may_keep_notes(*, case: Case, user: Any) -> bool:
    """Mediator notes belong to the case's own mediator; managers may read and add to them."""
    return bool(Role.MANAGER in user_roles(user) or (case.mediator_id and case.mediator_id == user.pk))


def mediator_note_add(*, case: Case, by: Any, text: str) -> MediatorNote:
    if not mediator_may_keep_notes(case=case, user=by):
        raise ServiceError("Only the case's mediator and managers can add mediator notes.")
    if not text.strip():
        raise ServiceError("Enter the note.", field="text")
    with transaction.atomic():
        note = MediatorNote.objects.create(case=case, author=by, text=text.strip(), created_at=clock.now())
        # The timeline (seen by coordinators) says a note exists, never what it says.
        case_event_record(case=case, by=by, kind=CaseEvent.Kind.NOTE, summary="A private mediator note was added")
    return note


PARTY_FIELDS = ("role", "name", "organisation", "email", "phone", "address", "preferred_contact", "call_times",
                "language", "interpreter_needed", "adjustments", "adjustments_notes")

# What decides whether a message can reach someone (notifications/services/routing.py).
REACH_FIELDS = frozenset({"email", "phone", "address", "preferred_contact", "name"})


def party_add(*, case: Case, by: Any, **details: Any) -> Party:
    """Adds someone to the case: an LA decision-maker, an ICB or school contact, a supporter."""
    if not str(details.get("name", "")).strip():
        raise ServiceError("Enter the person's name.", field="name")
    with transaction.atomic():
        party = Party.objects.create(case=case, **{k: details[k] for k in PARTY_FIELDS if k in details})
        case_search_refresh(case=case)
        case_event_record(case=case, by=by, kind=CaseEvent.Kind.UPDATED,
                          summary=f"{party.get_role_display()} added: {party.name}")
    return party


def party_update(*, party: Party, by: Any, **details: Any) -> Party:
    """Corrects someone's details (rectification, UK GDPR art. 16); the change is kept on the timeline."""
    before = {k: getattr(party, k) for k in PARTY_FIELDS if k in details}
    after = {k: details[k] for k in before}
    changed = {k for k in before if before[k] != after[k]}
    if not changed:
        return party
    with transaction.atomic():
        for key in changed:
            setattr(party, key, after[key])
        party.save()
        case_event_record(
            case=party.case, by=by, kind=CaseEvent.Kind.UPDATED,
            summary=f"Details of {party.name} changed: {', '.join(sorted(changed)).replace('_', ' ')}",
            before={k: before[k] for k in changed}, after={k: after[k] for k in changed},
        )
        party_details_changed(party=party, changed=changed)
    return party


def party_details_changed(*, party: Party, changed: set[str]) -> None:
    """What follows a change to someone's details, whichever page made it: the case's search line, and the
    messages waiting for a detail just added (they go out now, or keep waiting with the reason)."""
    if changed & {"name", "email", "phone"}:
        case_search_refresh(case=party.case)
    if changed & REACH_FIELDS:
        party_reach_changed.send(sender=Party, party=party)  # notifications releases the waiting messages
