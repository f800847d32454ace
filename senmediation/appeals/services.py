"""Recording an appeal to the Tribunal that a local authority tells us about (from its staff or its system).

One service, one transaction: it checks the case is the LA's own SEN mediation case (another LA's case reads
as unknown, revealing nothing), that the dates are possible (not in the future, not before the case opened,
a withdrawal not before the appeal), writes the appeal and an entry on the case's timeline that says who told
us and how. The request itself is in the audit log (audit/middleware.py) with the case's reference.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from senmediation.cases.models import Case, CaseEvent
from senmediation.cases.services.events import case_event_record
from senmediation.core import clock
from senmediation.core.errors import NotFound, ServiceError
from senmediation.directory.models import LocalAuthority
from senmediation.rules.eligibility import APPEALABLE, DECISION_LABELS, Decision
from senmediation.rules.workflow import CaseType

from .models import TribunalAppeal

RECORDED_ACTION = "tribunal_appeal_recorded"
UNKNOWN_CASE = "There is no case with this reference for your local authority: check the reference"


class AlreadyRecorded(ServiceError):
    """The same appeal (case, decision and day) was recorded before."""


class CaseConflict(ServiceError):
    """The appeal does not fit the case as recorded (for example, a date before the case opened)."""


def reference_clean(reference: str) -> str:
    return reference.strip().upper()


def tribunal_appeal_record(
    *, local_authority: LocalAuthority, reference: str, registered_on: dt.date, decision: str,
    withdrawn_on: dt.date | None = None, by: Any = None, by_name: str, via: str, today: dt.date,
) -> TribunalAppeal:
    if decision not in {d.value for d in APPEALABLE}:
        raise ServiceError("Choose the decision the appeal is about", field="decision")
    if registered_on > today:
        raise ServiceError("The date the appeal was registered must be today or in the past", field="registered_on")
    if withdrawn_on is not None:
        if withdrawn_on > today:
            raise ServiceError("The date the appeal was withdrawn must be today or in the past", field="withdrawn_on")
        if withdrawn_on < registered_on:
            raise ServiceError("The date the appeal was withdrawn must be on or after the date it was registered",
                               field="withdrawn_on")
    with transaction.atomic():
        case = (Case.objects.select_for_update()
                .filter(reference=reference_clean(reference), local_authority=local_authority).first())
        if case is None:
            raise NotFound(UNKNOWN_CASE, field="reference")
        if case.case_type != CaseType.sen_mediation.value:
            raise CaseConflict("This is a disagreement resolution case: appeals to the Tribunal are recorded on SEN "
                               "mediation cases only", field="reference")
        if registered_on < case.opened_on:
            raise CaseConflict(f"The date the appeal was registered must be on or after {case.opened_on:%-d %B %Y}, "
                               f"the day case {case.reference} opened", field="registered_on")
        try:
            with transaction.atomic():
                appeal = TribunalAppeal.objects.create(
                    case=case, local_authority=local_authority, registered_on=registered_on, decision=decision,
                    withdrawn_on=withdrawn_on, via=via, recorded_by=by if getattr(by, "pk", None) else None,
                    recorded_by_name=by_name[:200], recorded_at=clock.now(),
                )
        except IntegrityError:
            raise AlreadyRecorded(f"An appeal about this decision, registered on {registered_on:%-d %B %Y}, is already "
                                  f"recorded on case {case.reference}", field="registered_on") from None
        withdrawn = f"; withdrawn on {withdrawn_on:%-d %B %Y}" if withdrawn_on else ""
        case_event_record(
            case=case, by=by, kind=CaseEvent.Kind.UPDATED, action=RECORDED_ACTION,
            summary=f"The local authority told us of an appeal to the Tribunal registered on "
                    f"{registered_on:%-d %B %Y}{withdrawn}: {DECISION_LABELS[Decision(decision)]}",
            detail=f"Recorded by {by_name} ({TribunalAppeal.Via(via).label})",
        )
    return appeal
