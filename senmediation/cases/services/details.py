"""Changes to a case that are not status changes: each recorded on the timeline."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from senmediation.accounts.roles import Role, user_roles
from senmediation.core.errors import ServiceError
from senmediation.rules.workflow import is_open

from ..models import Case, CaseEvent
from .events import case_event_record


def case_mediator_assign(*, case: Case, mediator: Any, by: Any) -> Case:
    if Role.MEDIATOR not in user_roles(mediator):
        raise ServiceError("Choose someone who is a mediator.", field="mediator")
    if not is_open(case.state):
        raise ServiceError("This case has ended, so a mediator cannot be assigned.")
    with transaction.atomic():
        before = case.mediator.get_full_name() if case.mediator else ""
        case.mediator = mediator
        case.save(update_fields=["mediator", "updated_at"])
        case_event_record(
            case=case, by=by, kind=CaseEvent.Kind.UPDATED, summary=f"Mediator assigned: {mediator.get_full_name()}",
            before={"mediator": before}, after={"mediator": mediator.get_full_name()},
        )
    return case


def case_parties_agreed_record(*, case: Case, by: Any) -> Case:
    with transaction.atomic():
        case.all_parties_agreed = True
        case.save(update_fields=["all_parties_agreed", "updated_at"])
        case_event_record(
            case=case, by=by, kind=CaseEvent.Kind.UPDATED,
            summary="Every party agreed to take part in disagreement resolution",
        )
    return case
