"""Following up the agreed actions: reminders before the date, late items chased, the family asked.

The LA must act on appealable matters within the reg 44 timescales and on other matters within
2 weeks (SEND Regulations 2014 reg 42), so the service checks each action happened.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction

from senmediation.accounts.models import User
from senmediation.accounts.roles import Role
from senmediation.cases.models import CaseEvent, Party
from senmediation.cases.services.events import case_event_record
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.directory.selectors import provider_current
from senmediation.rules.agreement_late import is_ongoing
from senmediation.rules.calendar import format_day, subtract_working_days
from senmediation.rules.workflow import TERMINAL_STATES

from .delivery import notifications_api
from .models import Agreement, AgreementItem, ItemReminder

REMIND_WORKING_DAYS_BEFORE = 5


def _item_context(item: AgreementItem) -> dict[str, str]:
    """Placeholders the notification templates use for an agreed action."""
    return {
        "action_text": item.action, "due_date": format_day(item.due) if item.due else "",
        "owner_name": item.owner.name if item.owner else "",
    }


def agreement_item_mark_done(*, item: AgreementItem, by: Any, on: dt.date) -> AgreementItem:
    if not item.agreement.is_final or item.agreement.case.state in TERMINAL_STATES:
        raise ServiceError("Only actions in a final agreement on an open case can be marked done.")
    if on > clock.today():
        raise ServiceError("The date it was done cannot be in the future.", field="on")
    with transaction.atomic():
        item.status = AgreementItem.Status.DONE
        item.done_on = on
        item.save(update_fields=["status", "done_on", "updated_at"])
        case_event_record(
            case=item.agreement.case, by=by, kind=CaseEvent.Kind.UPDATED,
            summary=f"Agreed action done on {on:%-d %B %Y}: {item.action[:200]}",
        )
    return item


def _family(item: AgreementItem) -> Party | None:
    parties = item.agreement.case.parties.filter(role__in=[Party.Role.PARENT, Party.Role.YOUNG_PERSON])
    return parties.filter(is_main_contact=True).first() or parties.first()


def agreement_item_family_ask(*, item: AgreementItem, by: Any, today: dt.date | None = None) -> AgreementItem:
    """Asks the family whether the action happened (template "action_check"); their answer comes back
    through `agreement_item_family_confirm`, called by the party portal."""
    family = _family(item)
    if family is None:
        raise ServiceError("There is no parent or young person on this case to ask.")
    api = notifications_api()
    api.notification_send(
        template_key="action_check", context=_item_context(item),
        party=family, case=item.agreement.case, idempotency_key=f"agreement-item-{item.pk}-action-check", by=by,
    )
    with transaction.atomic():
        item.family_asked_on = today or clock.today()
        item.save(update_fields=["family_asked_on", "updated_at"])
        case_event_record(
            case=item.agreement.case, by=by, kind=CaseEvent.Kind.UPDATED,
            summary=f"Asked {family.name} whether this happened: {item.action[:180]}",
        )
    return item


def agreement_item_family_confirm(*, item: AgreementItem, happened: bool) -> AgreementItem:
    """Records the family's answer; staff still decide whether to mark the item done."""
    with transaction.atomic():
        item.family_confirmed = happened
        item.family_answered_at = clock.now()
        item.save(update_fields=["family_confirmed", "family_answered_at", "updated_at"])
        case_event_record(
            case=item.agreement.case, by=None, kind=CaseEvent.Kind.UPDATED,
            summary=f"The family said this {'happened' if happened else 'did not happen'}: {item.action[:180]}",
        )
    return item


def coordinator_email() -> str:
    """Where late actions are reported: the service's own inbox, or failing that a coordinator."""
    provider = provider_current()
    if provider is not None and provider.email:
        return str(provider.email)
    user = User.objects.filter(groups__name=Role.COORDINATOR.value, is_active=True).exclude(email="").first()
    return user.email if user else ""


def _remind(item: AgreementItem, kind: str, send: Any) -> bool:
    """Sends one reminder and records it; False when it was already sent (unique per item and kind)."""
    if ItemReminder.objects.filter(item=item, kind=kind).exists():
        return False
    send()
    try:
        with transaction.atomic():
            ItemReminder.objects.create(item=item, kind=kind, sent_at=clock.now())
    except IntegrityError:  # another worker recorded it; the idempotency key stopped a second message
        return False
    return True


def agreement_items_sweep(*, today: dt.date, before_days: int = REMIND_WORKING_DAYS_BEFORE) -> dict[str, int]:
    """Marks overdue actions late, reminds owners before the date and tells the coordinator when late."""
    counts = {"marked_late": 0, "reminders_before_due": 0, "reminders_late": 0}
    items = (
        AgreementItem.objects.filter(
            agreement__status=Agreement.Status.FINAL, agreed=True, due__isnull=False,
            status__in=[AgreementItem.Status.OPEN, AgreementItem.Status.LATE],
        )
        .exclude(agreement__case__state__in=[s.value for s in TERMINAL_STATES])
        .select_related("agreement__case", "owner")
    )
    api = None
    staff_email = None
    for item in items:
        assert item.due is not None
        if is_ongoing(item.la_action, other_timescale_agreed_in_writing=item.other_timescale_agreed_in_writing):
            continue  # keeping the plan (reg 44(2)(g)) has no end date to remind about or miss
        case = item.agreement.case
        if item.due < today:
            if item.status != AgreementItem.Status.LATE:
                item.status = AgreementItem.Status.LATE
                item.save(update_fields=["status"])  # a save, so the reports' monthly buckets are marked
                counts["marked_late"] += 1
            api = api or notifications_api()
            staff_email = coordinator_email() if staff_email is None else staff_email
            late = partial(
                api.notification_send, template_key="action_late",
                context={**_item_context(item), "party_name": "coordinator"}, to_email=staff_email, case=case,
                idempotency_key=f"agreement-item-{item.pk}-late",
            )
            if staff_email and _remind(item, ItemReminder.Kind.LATE, late):
                counts["reminders_late"] += 1
        elif item.owner is not None and subtract_working_days(item.due, before_days) <= today:
            api = api or notifications_api()
            before = partial(
                api.notification_send, template_key="action_reminder", context=_item_context(item),
                party=item.owner, case=case, idempotency_key=f"agreement-item-{item.pk}-before_due",
            )
            if _remind(item, ItemReminder.Kind.BEFORE_DUE, before):
                counts["reminders_before_due"] += 1
    return counts
