"""The status changes the reports count: transitions that moved a case into another state.

Recording that a meeting reached no agreement is a transition from "held" to "held" (the workflow keeps the
case there). It is a step on the timeline, not a second meeting: counted as a change into "held" it would
count a meeting twice whenever the outcome is recorded in a later month or year (the SEN2 return, the
activity statement's charges and the outcomes table).
"""

from __future__ import annotations

from django.db.models import F, QuerySet

from senmediation.cases.models import CaseEvent


def state_changes() -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(kind=CaseEvent.Kind.TRANSITION).exclude(from_state=F("to_state"))
