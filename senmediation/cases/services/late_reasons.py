"""Why one of our clocks was met late (rules/late_reasons.py): asked where the step is done, or afterwards."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from senmediation.core.errors import ServiceError
from senmediation.rules.late_reasons import LATE_REASON_LABELS, LateReason, is_late, late_reason_refusal

from ..models import QUEUE_CLOCKS, CaseEvent, Deadline
from .events import case_event_record

# The clocks whose lateness staff explain: our certificates and the 30 days to hold the mediation.
LATE_REASON_CLOCKS = tuple(QUEUE_CLOCKS)


def late_reason_check(*, due: dt.date | None, done_on: dt.date, reason: str, note: str, required: bool = False
                      ) -> None:
    """Raises ServiceError (naming the field) when a step done on `done_on` after `due` has an invalid reason, or
    none where `required`. The staff forms always ask (and require) it for a late step; a caller with nobody to
    ask (the demo data, an import) may leave it out, and the step then waits in the work queue's "late steps
    without a reason" until someone says why."""
    if not required and not reason and not note.strip():
        return
    late = due is not None and is_late(due=due, done_on=done_on)
    if refusal := late_reason_refusal(late=late, reason=reason, note=note):
        raise ServiceError(refusal[1], field=refusal[0])


def _save(deadline: Deadline, *, by: Any, reason: str, note: str) -> None:
    deadline.late_reason, deadline.late_note = reason, note.strip()
    deadline.save(update_fields=["late_reason", "late_note"])  # a save, so the month's report buckets are marked
    label = LATE_REASON_LABELS[LateReason(reason)]
    case_event_record(case=deadline.case, by=by, kind=CaseEvent.Kind.UPDATED, detail=deadline.late_note,
                      summary=f"Why '{deadline.get_clock_display()}' was late: {label.lower()}")


def late_reason_apply(*, deadline: Deadline | None, by: Any, reason: str, note: str) -> None:
    """After a step met `deadline`: stores the reason if the clock was met late (checked beforehand with
    late_reason_check, inside the same transaction)."""
    if deadline is None:
        return
    deadline.refresh_from_db(fields=["met_on", "due_date", "late_reason"])
    if deadline.met_on is not None and is_late(due=deadline.due_date, done_on=deadline.met_on) and reason:
        _save(deadline, by=by, reason=reason, note=note)


def late_reason_record(*, deadline: Deadline, by: Any, reason: str, note: str) -> Deadline:
    """Records afterwards why a clock met late was late (the case page, the work queue)."""
    if deadline.clock not in LATE_REASON_CLOCKS or deadline.met_on is None or not is_late(
            due=deadline.due_date, done_on=deadline.met_on):
        raise ServiceError("Only a step done after its due date needs a reason.")
    late_reason_check(due=deadline.due_date, done_on=deadline.met_on, reason=reason, note=note)
    with transaction.atomic():
        _save(deadline, by=by, reason=reason, note=note)
    return deadline
