"""Late contact with the mediation adviser (SEND Regulations 2014 regs 33, 34(2)-(3)) and a manager's override.

The family's first contact is the day their case opened (the referral or the call). When that is more
than 2 months after the decision letter, no certificate may be issued to a family who do not want
mediation (reg 34(2)); they may ask the Tribunal for leave to appeal (reg 34(3)). A manager may override
this with a reason (for example, the date recorded for the letter was wrong): the override is an entry on
the case's timeline, which says who, when and why, and is never changed.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from senmediation.accounts.roles import Role, user_roles
from senmediation.core.errors import ServiceError
from senmediation.rules.eligibility import ROUTE_RULES, Route
from senmediation.rules.late_contact import LATE_CONTACT_CITATION, contact_is_late, late_contact_refusal

from ..models import Case, CaseEvent
from .events import case_event_record

OVERRIDE_ACTION = "late_contact_override"


def case_contact_was_late(case: Case) -> bool:
    """The family first contacted us after the 2 months (reg 33), where a certificate is needed at all."""
    if case.decision_notice_date is None or not ROUTE_RULES[Route(case.route)].certificate_owed:
        return False
    return contact_is_late(decision_notice_sent=case.decision_notice_date, first_contact=case.opened_on)


def late_contact_override(case: Case) -> CaseEvent | None:
    """The manager's override on the timeline, if there is one."""
    return case.events.filter(action=OVERRIDE_ACTION).select_related("by").order_by("-at").first()


def case_late_contact_refusal(case: Case) -> str:
    """Why no certificate without mediation may be issued, or "" when it may (in time, or overridden).
    Reads the timeline only when the dates say the contact was late."""
    if not case_contact_was_late(case) or late_contact_override(case) is not None:
        return ""
    assert case.decision_notice_date is not None
    return late_contact_refusal(decision_notice_sent=case.decision_notice_date, first_contact=case.opened_on)


def late_contact_override_record(*, case: Case, by: Any, reason: str) -> CaseEvent:
    """A manager lets the certificate without mediation be issued despite late contact, saying why."""
    if Role.MANAGER not in user_roles(by):
        raise ServiceError("Only a manager can override the late-contact rule.")
    if not reason.strip():
        raise ServiceError("Give the reason for the override, for example that the date recorded was wrong.",
                           field="reason")
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if not case_contact_was_late(locked):
            raise ServiceError("The family contacted us within 2 months of the decision letter: nothing to override.")
        if late_contact_override(locked) is not None:
            raise ServiceError("A manager has already overridden the late-contact rule on this case.")
        return case_event_record(
            case=locked, by=by, kind=CaseEvent.Kind.UPDATED, action=OVERRIDE_ACTION, detail=reason.strip(),
            summary=f"Manager overrode the late-contact rule ({LATE_CONTACT_CITATION}): "
            "the certificate without mediation may be issued",
        )
