"""Who may see which complaint and whose feedback. A complaint about someone is hidden from them (404)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, DateField, F, Q, QuerySet, When
from django.db.models import Case as SqlCase
from django.http import Http404

from senmediation.accounts.roles import Role, user_roles
from senmediation.rules.complaints import ComplaintClocks, complaint_clock_statuses
from senmediation.rules.deadlines import ClockStatus, due_soon_or_overdue_before

from .models import Complaint, SurveyResponse

LIST_LIMIT = 200
COMPLAINT_ROLES = frozenset({Role.COORDINATOR, Role.MANAGER})


def can_see_complaints(user: Any) -> bool:
    return bool(user_roles(user) & COMPLAINT_ROLES)


def complaint_queryset_for(user: Any) -> QuerySet[Complaint]:
    """Coordinators and managers see complaints, never one about themselves; nobody else sees any."""
    if not user_roles(user) & COMPLAINT_ROLES:
        return Complaint.objects.none()
    return Complaint.objects.exclude(about=user)


def complaint_get_for(*, user: Any, pk: int) -> Complaint:
    complaint = (complaint_queryset_for(user).select_related("case", "owner", "about", "case__local_authority")
                 .filter(pk=pk).first())
    if complaint is None:
        raise Http404("No such complaint")
    return complaint


@dataclass(frozen=True)
class ComplaintRow:
    complaint: Complaint
    acknowledge_status: ClockStatus
    respond_status: ClockStatus


def complaint_row(complaint: Complaint, today: dt.date) -> ComplaintRow:
    ack, respond = complaint_clock_statuses(
        clocks=ComplaintClocks(complaint.acknowledge_by, complaint.respond_by),
        acknowledged_on=complaint.acknowledged_on, responded_on=complaint.responded_on, today=today,
    )
    return ComplaintRow(complaint, ack, respond)


def complaint_list_for(*, user: Any, today: dt.date, open_only: bool = True) -> list[ComplaintRow]:
    qs = complaint_queryset_for(user).select_related("owner", "case")
    qs = qs.filter(responded_on__isnull=True).order_by("respond_by", "id") if open_only else qs
    return [complaint_row(c, today) for c in qs[:LIST_LIMIT]]


def complaints_needing_action(*, user: Any, today: dt.date) -> QuerySet[Complaint]:
    """Open complaints whose acknowledgement or response is overdue or due soon (rules/deadlines clock_status),
    the one whose next step is due first at the top, each with `next_due`: the work queue's list."""
    before = due_soon_or_overdue_before(today)
    waiting_ack = Q(acknowledged_on__isnull=True)
    next_due = SqlCase(When(waiting_ack, then=F("acknowledge_by")), default=F("respond_by"), output_field=DateField())
    return (complaint_queryset_for(user).filter(responded_on__isnull=True)
            .filter(Q(respond_by__lt=before) | (waiting_ack & Q(acknowledge_by__lt=before)))
            .annotate(next_due=next_due).order_by("next_due", "id"))


def complaints_for_case(*, user: Any, case: Any, today: dt.date) -> list[ComplaintRow]:
    return [complaint_row(c, today) for c in complaint_queryset_for(user).filter(case=case).order_by("received_on")]


# --- Feedback ------------------------------------------------------------------------------------

ANSWER_FIELDS = ("felt_heard", "treated_fairly", "mediator_impartial", "process_explained")


def _summary(rows: QuerySet[SurveyResponse]) -> dict[str, Any]:
    figures = rows.aggregate(
        answers=Count("id"), average=Avg("satisfaction"),
        recommend=Count("id", filter=Q(would_recommend="yes")),
        **{name: Count("id", filter=Q(**{name: "yes"})) for name in ANSWER_FIELDS},
    )
    return figures


def feedback_summary_by(rows: QuerySet[SurveyResponse], group: str) -> list[dict[str, Any]]:
    """One row per `group` ("mediator" or "local_authority") with counts of each "yes"."""
    name_field = {"mediator": "mediator__username", "local_authority": "local_authority__name"}[group]
    return list(
        rows.values(name_field).annotate(
            answers=Count("id"), average=Avg("satisfaction"),
            recommend=Count("id", filter=Q(would_recommend="yes")),
            **{name: Count("id", filter=Q(**{name: "yes"})) for name in ANSWER_FIELDS},
        ).order_by(name_field)
    )


def feedback_for_managers(*, user: Any) -> dict[str, Any]:
    if Role.MANAGER not in user_roles(user):
        raise Http404("No such page")
    rows = SurveyResponse.objects.all()
    quotes = rows.filter(consent_to_quote=True).exclude(comments="").values_list("comments", flat=True)[:50]
    return {"overall": _summary(rows), "by_mediator": feedback_summary_by(rows, "mediator"),
            "by_la": feedback_summary_by(rows, "local_authority"), "quotes": list(quotes)}


def feedback_for_mediator(*, user: Any) -> dict[str, Any]:
    """A mediator's own results, counted only: no names, no case references; quotes only with consent."""
    rows = SurveyResponse.objects.filter(mediator=user)
    quotes = rows.filter(consent_to_quote=True).exclude(comments="").values_list("comments", flat=True)[:50]
    return {"overall": _summary(rows), "quotes": list(quotes)}
