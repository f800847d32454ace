"""Changes to a case that are not status changes: each recorded on the timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from senmediation.accounts.roles import Role, user_roles
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.rules.workflow import is_open

from ..models import Case, CaseEvent
from .events import case_event_record
from .mediators import mediator_exclusion_for


def case_mediator_assign(
    *, case: Case, mediator: Any, by: Any, reason: str = "", today: dt.date | None = None
) -> Case:
    """Assigns the mediator. One the suitability rule (services/mediators.py) excludes, for a declared
    conflict of interest, no current accreditation or a full case load, is refused; only a manager may assign them anyway, giving a reason that goes on the
    timeline (impartiality is the point of the service)."""
    if Role.MEDIATOR not in user_roles(mediator):
        raise ServiceError("Choose someone who is a mediator.", field="mediator")
    if not is_open(case.state):
        raise ServiceError("This case has ended, so a mediator cannot be assigned.")
    name = mediator.get_full_name() or mediator.get_username()
    exclusion = mediator_exclusion_for(case=case, mediator=mediator, today=today or clock.today())
    if exclusion:
        if Role.MANAGER not in user_roles(by):
            raise ServiceError(
                f"{name} cannot take this case: {exclusion}. Choose another mediator, or ask a manager.",
                field="mediator",
            )
        if not reason.strip():
            raise ServiceError(
                f"{name} cannot usually take this case: {exclusion}. To assign them anyway, give your reason.",
                field="reason",
            )
    with transaction.atomic():
        before = case.mediator.get_full_name() if case.mediator else ""
        case.mediator = mediator
        case.save(update_fields=["mediator", "updated_at"])
        case_event_record(
            case=case, by=by, kind=CaseEvent.Kind.UPDATED,
            summary=f"Mediator assigned: {name}" + (f" (by a manager, despite: {exclusion})" if exclusion else ""),
            detail=reason.strip() if exclusion else "",
            before={"mediator": before}, after={"mediator": mediator.get_full_name()},
        )
    return case


def case_coordinator_set(*, case: Case, coordinator: Any, by: Any) -> Case:
    """Makes `coordinator` the coordinator who looks after the case (open or finished), on the timeline. Refuses
    anyone without the coordinator role or whose account is not active; the same person again changes nothing."""
    name = coordinator.get_full_name() or coordinator.get_username()
    if Role.COORDINATOR not in user_roles(coordinator):
        raise ServiceError(f"{name} is not a coordinator. Choose someone with the coordinator role.",
                           field="coordinator")
    if not coordinator.is_active:
        raise ServiceError(f"{name}'s account is not active. Choose another coordinator.", field="coordinator")
    with transaction.atomic():
        locked = Case.objects.select_for_update().only("id", "coordinator_id").get(pk=case.pk)
        if locked.coordinator_id == coordinator.pk:
            return case
        before = locked.coordinator.get_full_name() if locked.coordinator else ""
        case.coordinator = coordinator
        case.save(update_fields=["coordinator", "updated_at"])
        case_event_record(case=case, by=by, kind=CaseEvent.Kind.UPDATED, summary=f"Coordinator assigned: {name}",
                          before={"coordinator": before}, after={"coordinator": name})
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
