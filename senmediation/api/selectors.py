"""What an organisation's key may read: an LA's own cases, or the cases a partner referred."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from senmediation.cases.models import Case, Deadline
from senmediation.cases.services.transitions import case_transitions_allowed
from senmediation.documents.models import Certificate
from senmediation.rules.deadlines import CLOCK_RULES, Clock
from senmediation.rules.workflow import CASE_TYPE_LABELS, STATE_LABELS, CaseType, State

from .models import IdempotentReferral, Organisation


def case_queryset_for_organisation(organisation: Organisation) -> QuerySet[Case]:
    if organisation.kind == Organisation.Kind.LOCAL_AUTHORITY:
        if organisation.local_authority_id is None:
            return Case.objects.none()
        return Case.objects.filter(local_authority_id=organisation.local_authority_id)
    referred = IdempotentReferral.objects.filter(organisation=organisation).values("case_reference")
    return Case.objects.filter(reference__in=referred)


def case_get_for_organisation(*, organisation: Organisation, reference: str) -> Case:
    """The case, or 404 whether it is missing or someone else's: a refusal reveals nothing."""
    case = case_queryset_for_organisation(organisation).filter(reference=reference[:20]).select_related("local_authority").first()
    if case is None:
        raise Http404("No such case")
    return case


def case_summary(case: Case) -> dict[str, Any]:
    """The minimal view of a case: no names, notes, views or contact details."""
    deadlines = Deadline.objects.filter(case=case).order_by("due_date")
    return {
        "reference": case.reference,
        "local_authority": {"gss_code": case.local_authority.gss_code, "name": case.local_authority.name},
        "case_type": case.case_type,
        "case_type_label": CASE_TYPE_LABELS[CaseType(case.case_type)],
        "state": case.state,
        "state_label": STATE_LABELS[State(case.state)],
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "next_steps": [
            {"action": step.action.value, "label": step.label} for step in case_transitions_allowed(case)
        ],
        "deadlines": [
            {
                "clock": deadline.clock,
                "label": CLOCK_RULES[Clock(deadline.clock)].label,
                "due_date": deadline.due_date,
                "status": deadline.status or ("met" if deadline.met_on else "stopped"),
                "met_on": deadline.met_on,
            }
            for deadline in deadlines
        ],
    }


def certificates_for(case: Case) -> QuerySet[Certificate]:
    return Certificate.objects.filter(case=case).order_by("number", "version")
