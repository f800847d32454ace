"""Writing the SMART agreement at the meeting and making it final.

Each item is checked by `rules.smart.check_item`: blocking findings stop it being saved (who, what,
by when, how we will know, and a date after today); the rest are hints the participants may overrule.
An LA action on an appealable matter is due by the reg 44 timescale (applied by reg 42(2)); other LA or
ICB actions within 2 weeks (reg 42(3)); a later date must be agreed in writing (reg 42(5)).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from senmediation.cases.models import Case, CaseEvent, Issue, Party
from senmediation.cases.services.events import case_event_record
from senmediation.cases.services.transitions import case_transition, case_transitions_allowed
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.rules.agreement_actions import LaAction, parse_la_action
from senmediation.rules.smart import Finding, FindingCode, check_item, default_due
from senmediation.rules.workflow import Action, is_open

from .models import Agreement, AgreementItem

LA_OR_ICB = {Party.Role.LA_OFFICER, Party.Role.ICB}


class ItemRejected(ServiceError):
    """An item with blocking findings; `findings` say which fields need what."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(" ".join(f.message for f in findings), field=findings[0].field)
        self.findings = findings


def _editable(agreement: Agreement) -> None:
    if not is_open(agreement.case.state):
        raise ServiceError("This case has ended, so its agreement cannot change.")
    if agreement.is_final:
        raise ServiceError("This agreement is final and cannot change.")


def agreement_start(*, case: Case, by: Any, today: dt.date | None = None) -> Agreement:
    """The case's agreement, started as a draft dated today (the day of the meeting) if there is none."""
    from senmediation.meetings.record import meeting_for_record

    if not is_open(case.state):
        raise ServiceError("This case has ended, so an agreement cannot be started.")
    with transaction.atomic():
        agreement, created = Agreement.objects.get_or_create(
            case=case, defaults={"agreed_on": today or clock.today(), "meeting": meeting_for_record(case)}
        )
        if created:
            case_event_record(case=case, by=by, kind=CaseEvent.Kind.UPDATED, summary="Agreement started")
    return agreement


def _la_action(value: str) -> LaAction | None:
    if not value:
        return None
    try:
        return parse_la_action(value)
    except ValueError:
        raise ServiceError("Choose what the local authority will do from the list.", field="la_action") from None


def item_findings(
    *, agreement: Agreement, owner: Party | None, action: str, due: dt.date | None, measure: str,
    la_action: str = "", agreed: bool = True, other_timescale_agreed_in_writing: bool = False,
    today: dt.date | None = None,
) -> tuple[dt.date | None, list[Finding]]:
    """The due date to store (a legal default when none was given) and every finding for the item."""
    today = today or clock.today()
    action_enum = _la_action(la_action)
    la_or_icb = owner is not None and owner.role in LA_OR_ICB
    if due is None and agreed and (action_enum is not None or la_or_icb):
        due = default_due(action_enum, agreement.agreed_on)
    if not agreed:
        # Items not agreed are recorded in the participants' words; only the words are required.
        hints = check_item(owner="-", action=action, due=None, measure="-", today=today)
        return due, [f for f in hints if f.code in (FindingCode.action_missing, FindingCode.vague_phrase)]
    findings = check_item(
        owner=owner.name if owner else None, action=action, due=due, measure=measure, today=today,
        la_action=action_enum, agreed_other_timescale_in_writing=other_timescale_agreed_in_writing,
        agreed_on=agreement.agreed_on, owner_is_la_or_icb=la_or_icb,
    )
    # A timescale later than the law's must be recorded as agreed in writing (reg 42(5)).
    return due, [
        Finding(f.field, f.code, f.message + " Tick 'agreed in writing' if it was.", True)
        if f.code is FindingCode.later_than_statutory else f
        for f in findings
    ]


def _checked(agreement: Agreement, owner: Party | None, **fields: Any) -> tuple[dt.date | None, list[Finding]]:
    if owner is not None and owner.case_id != agreement.case_id:
        raise ServiceError("Choose someone who is a party to this case.", field="owner")
    issue = fields.pop("issue")
    if issue is not None and issue.case_id != agreement.case_id:
        raise ServiceError("Choose one of this case's issues.", field="issue")
    due, findings = item_findings(agreement=agreement, owner=owner, **fields)
    blocking = [f for f in findings if f.blocking]
    if blocking:
        raise ItemRejected(blocking)
    return due, [f for f in findings if not f.blocking]


def agreement_item_add(
    *, agreement: Agreement, by: Any, owner: Party | None, action: str, due: dt.date | None, measure: str,
    issue: Issue | None = None, la_action: str = "", agreed: bool = True,
    other_timescale_agreed_in_writing: bool = False, today: dt.date | None = None,
) -> tuple[AgreementItem, list[Finding]]:
    """Adds one item; raises ItemRejected (a ServiceError) for blocking findings, returns the hints."""
    _editable(agreement)
    due, hints = _checked(
        agreement, owner, action=action, due=due, measure=measure, issue=issue, la_action=la_action,
        agreed=agreed, other_timescale_agreed_in_writing=other_timescale_agreed_in_writing, today=today,
    )
    with transaction.atomic():
        order = agreement.items.count() + 1
        item = AgreementItem.objects.create(
            agreement=agreement, order=order, owner=owner, action=action.strip(), due=due,
            measure=measure.strip(), issue=issue, agreed=agreed, la_action=la_action,
            other_timescale_agreed_in_writing=other_timescale_agreed_in_writing,
        )
        case_event_record(
            case=agreement.case, by=by, kind=CaseEvent.Kind.UPDATED,
            summary=f"Agreement item {'added' if agreed else 'recorded as not agreed'}: {item.action[:200]}",
        )
    return item, hints


def agreement_item_update(
    *, item: AgreementItem, by: Any, owner: Party | None, action: str, due: dt.date | None, measure: str,
    issue: Issue | None = None, la_action: str = "", agreed: bool = True,
    other_timescale_agreed_in_writing: bool = False, today: dt.date | None = None,
) -> tuple[AgreementItem, list[Finding]]:
    agreement = item.agreement
    _editable(agreement)
    due, hints = _checked(
        agreement, owner, action=action, due=due, measure=measure, issue=issue, la_action=la_action,
        agreed=agreed, other_timescale_agreed_in_writing=other_timescale_agreed_in_writing, today=today,
    )
    with transaction.atomic():
        item.owner, item.action, item.due, item.measure = owner, action.strip(), due, measure.strip()
        item.issue, item.la_action, item.agreed = issue, la_action, agreed
        item.other_timescale_agreed_in_writing = other_timescale_agreed_in_writing
        item.save()
        case_event_record(
            case=agreement.case, by=by, kind=CaseEvent.Kind.UPDATED, summary=f"Agreement item changed: {item.action[:200]}"
        )
    return item, hints


def agreement_item_remove(*, item: AgreementItem, by: Any) -> None:
    agreement = item.agreement
    _editable(agreement)
    with transaction.atomic():
        case_event_record(
            case=agreement.case, by=by, kind=CaseEvent.Kind.UPDATED, summary=f"Agreement item removed: {item.action[:200]}"
        )
        item.delete()
        for number, other in enumerate(agreement.items.order_by("order", "id"), start=1):
            if other.order != number:
                AgreementItem.objects.filter(pk=other.pk).update(order=number)


def agreement_finalise(*, agreement: Agreement, by: Any, today: dt.date | None = None) -> Agreement:
    """Makes the agreement final: checks, writes the PDF, records the outcome on the case.

    Needs every ground rule confirmed and at least one item. With no agreed item the meeting is
    recorded as reaching no agreement; the certificate after mediation is owed either way (CFA 2014 s.55).
    """
    from senmediation.meetings.record import ground_rules_confirmed, meeting_for_record

    from .pdf import agreement_pdf_bytes

    _editable(agreement)
    today = today or clock.today()
    case = agreement.case
    meeting = agreement.meeting or meeting_for_record(case)
    if not {t.action for t in case_transitions_allowed(case)} & {Action.record_agreement, Action.record_no_agreement}:
        raise ServiceError(
            "The agreement can be made final once the meeting has started (on the meeting page) and before "
            "its outcome is recorded."
        )
    if not ground_rules_confirmed(meeting):
        raise ServiceError("Record that everyone confirmed all four ground rules before making the agreement final.")
    items = list(agreement.items.all())
    if not items:
        raise ServiceError("Add at least one item (agreed or not) before making the agreement final.")
    agreed_items = [i for i in items if i.agreed]
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if locked.is_final:
            raise ServiceError("This agreement is already final.")
        action = Action.record_agreement if agreed_items else Action.record_no_agreement
        case_transition(case=case, action=action, by=by, today=today)
        locked.status = Agreement.Status.FINAL
        locked.meeting = meeting
        locked.finalised_by = by if getattr(by, "pk", None) else None
        locked.finalised_at = clock.now()
        content = agreement_pdf_bytes(locked)
        locked.pdf_sha256 = hashlib.sha256(content).hexdigest()
        locked.pdf.save(f"agreement-{case.reference}.pdf", ContentFile(content), save=False)
        locked.save()
        case_event_record(
            case=case, by=by, kind=CaseEvent.Kind.UPDATED,
            summary=f"Agreement made final: {len(agreed_items)} agreed item(s), "
            f"{len(items) - len(agreed_items)} not agreed",
            after={"pdf_sha256": locked.pdf_sha256},
        )
    agreement.refresh_from_db()
    return agreement
