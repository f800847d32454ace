"""Marks the months whose summary buckets a change makes wrong, in the same transaction as the change.

Every model the reports count is watched (WATCHED: the fields whose values a figure reads, and the dates that
place a fact in a month). A save or delete that changes a watched field marks the months of the old and the
new values (StaleReportMonth), so moving a date from March to April marks both. A change of a case's local
authority, outcome, decisions or elements moves every fact of the case, so it marks every month the case has
a fact in. Marks are not per LA: a month's rebuild recounts every LA at once.

Signals cover every save and delete through the ORM: staff pages, the API, the portal, the admin and the
sweeps. A queryset update() or bulk_create() on a watched model sends none, so the few places that use one
call `mark_months_stale` themselves (tests/test_bucket_writes.py lists them and refuses any other).

Outside a transaction the mark is written before the change as well as after it: a crash between the two
leaves a month marked (harmless), and a rebuild between them cannot delete the mark of a change it did not
count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection
from django.db.models import Min, Model
from django.db.models.signals import post_delete, post_init, post_save, pre_delete, pre_save

from senmediation.agreements.models import AgreementItem
from senmediation.cases.models import Case, CaseEvent, Deadline
from senmediation.core.clock import LONDON
from senmediation.documents.models import Certificate
from senmediation.feedback.models import Complaint, SurveyInvitation, SurveyResponse
from senmediation.meetings.models import Attendance, Meeting

from .models import StaleReportMonth

# model -> (the fields a figure reads, the date fields that place it in a month)
WATCHED: dict[type[Model], tuple[tuple[str, ...], tuple[str, ...]]] = {
    Case: (("opened_on", "local_authority_id", "source", "channel", "case_type", "state", "certificate_issued_on",
            "la_notified_on", "meeting_outcome", "decisions", "elements"), ("opened_on",)),
    CaseEvent: (("case_id", "kind", "from_state", "to_state", "at"), ("at",)),
    Deadline: (("case_id", "clock", "start_date", "due_date", "met_on", "late_reason"), ("met_on",)),
    Certificate: (("kind", "issued_on", "supersedes_id", "local_authority_id"), ("issued_on",)),
    AgreementItem: (("agreement_id", "agreed", "due", "status", "done_on"), ("due",)),
    Meeting: (("case_id", "status", "starts_at", "cancelled_on", "cancelled_by"), ("starts_at", "cancelled_on")),
    Attendance: (("meeting_id", "role", "has_authority"), ()),  # placed by its meeting's start
    Complaint: (("case_id", "received_on", "outcome", "theme"), ("received_on",)),
    SurveyInvitation: (("case_id", "sent_at", "answered_at"), ("sent_at",)),
    SurveyResponse: (("local_authority_id", "submitted_at", "satisfaction"), ("submitted_at",)),
}
# Rows no report counts, whatever their dates (a case event that is not a change of state, a meeting only
# scheduled or moved, an action not agreed): writing one marks nothing.
COUNTED_ONLY: dict[type[Model], Callable[[dict[str, Any]], bool]] = {
    CaseEvent: lambda v: v["kind"] == CaseEvent.Kind.TRANSITION and v["from_state"] != v["to_state"],
    Meeting: lambda v: v["status"] in (Meeting.Status.HELD, Meeting.Status.CANCELLED),
    AgreementItem: lambda v: bool(v["agreed"]),
}
# A change to one of these moves every figure of the case to another row or LA.
CASE_WIDE = ("local_authority_id", "meeting_outcome", "decisions", "elements")
_UNKNOWN = object()


def month_of(value: dt.date | dt.datetime | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.astimezone(LONDON).date()
    return value.replace(day=1)


def mark_months_stale(months: Iterable[dt.date | None]) -> None:
    wanted = sorted({m.replace(day=1) for m in months if m is not None})
    if wanted:
        StaleReportMonth.objects.bulk_create([StaleReportMonth(month=m) for m in wanted])


def case_fact_months(case_id: int) -> set[dt.date]:
    """Every month a fact of the case is counted in (nine small queries, each by the case's index)."""
    dates: list[Any] = list(Case.objects.filter(pk=case_id).values_list("opened_on", flat=True))
    dates += CaseEvent.objects.filter(case_id=case_id, kind=CaseEvent.Kind.TRANSITION).values_list("at", flat=True)
    dates += Deadline.objects.filter(case_id=case_id, met_on__isnull=False).values_list("met_on", flat=True)
    dates += Certificate.objects.filter(case_id=case_id).values_list("issued_on", flat=True)
    dates += AgreementItem.objects.filter(agreement__case_id=case_id).values_list("due", flat=True)
    for starts, cancelled in Meeting.objects.filter(case_id=case_id).values_list("starts_at", "cancelled_on"):
        dates += [starts, cancelled]
    dates += Complaint.objects.filter(case_id=case_id).values_list("received_on", flat=True)
    dates += SurveyResponse.objects.filter(case_id=case_id).values_list("submitted_at", flat=True)
    dates += SurveyInvitation.objects.filter(case_id=case_id).values_list("sent_at", flat=True)
    return {m for m in map(month_of, dates) if m is not None}


def first_fact_month() -> dt.date | None:
    """The earliest month any counted fact falls in (for building every bucket)."""
    firsts = [
        Case.objects.aggregate(d=Min("opened_on"))["d"],
        CaseEvent.objects.aggregate(d=Min("at"))["d"],
        Deadline.objects.aggregate(d=Min("met_on"))["d"],
        Certificate.objects.aggregate(d=Min("issued_on"))["d"],
        AgreementItem.objects.aggregate(d=Min("due"))["d"],
        Meeting.objects.aggregate(d=Min("starts_at"))["d"],
        Complaint.objects.aggregate(d=Min("received_on"))["d"],
        SurveyResponse.objects.aggregate(d=Min("submitted_at"))["d"],
        SurveyInvitation.objects.aggregate(d=Min("sent_at"))["d"],
    ]
    months = [m for m in map(month_of, firsts) if m is not None]
    return min(months) if months else None


def _snapshot(instance: Model) -> dict[str, Any]:
    fields, _ = WATCHED[type(instance)]
    return {name: instance.__dict__.get(name, _UNKNOWN) for name in fields}


def _current(instance: Model) -> dict[str, Any]:
    fields, _ = WATCHED[type(instance)]
    return {name: getattr(instance, name) for name in fields}


def _stored(instance: Model) -> dict[str, Any] | None:
    """The watched values as they are in the database now (one query; only when a field was deferred)."""
    fields, _ = WATCHED[type(instance)]
    return type(instance)._default_manager.filter(pk=instance.pk).values(*fields).first()


def _dated_months(instance: Model, values: dict[str, Any]) -> set[dt.date | None]:
    _, dates = WATCHED[type(instance)]
    if type(instance) is Attendance:
        meeting = instance._state.fields_cache.get("meeting")
        if meeting is not None and meeting.pk == values["meeting_id"]:
            return {month_of(meeting.starts_at)}
        return {month_of(s) for s in Meeting.objects.filter(pk=values["meeting_id"]).values_list("starts_at",
                                                                                                flat=True)}
    return {month_of(values.get(name)) for name in dates}


def _months_touched(instance: Model, *, deleting: bool = False) -> set[dt.date | None]:
    """The months whose figures change if this save (or delete) goes ahead."""
    new = _current(instance)
    if instance._state.adding or instance.pk is None:
        old = None
    else:
        old = getattr(instance, "_report_snapshot", None) or {}
        if any(v is _UNKNOWN for v in old.values()) or not old:
            old = _stored(instance)  # loaded without some fields: ask the database
    if deleting:
        old = old or new
        new = old
    elif old == new:
        return set()  # nothing a report reads has changed
    counted = COUNTED_ONLY.get(type(instance), _always)
    months = _dated_months(instance, new) if counted(new) else set()
    if old is not None:
        if counted(old):
            months |= _dated_months(instance, old)
        if type(instance) is Case and any(old[f] != new[f] for f in CASE_WIDE):
            months |= set(case_fact_months(instance.pk))
    return months


def _always(values: dict[str, Any]) -> bool:
    return True


def _remember(instance: Model, **_: Any) -> None:
    instance._report_snapshot = _snapshot(instance)  # type: ignore[attr-defined]


def _before(instance: Model, *, deleting: bool) -> None:
    months = _months_touched(instance, deleting=deleting)
    instance._report_months = months  # type: ignore[attr-defined]
    if months and not connection.in_atomic_block:
        mark_months_stale(months)


def _before_save(instance: Model, **_: Any) -> None:
    _before(instance, deleting=False)


def _after_save(instance: Model, **_: Any) -> None:
    mark_months_stale(getattr(instance, "_report_months", ()))
    instance._report_months = set()  # type: ignore[attr-defined]
    _remember(instance)


def _before_delete(instance: Model, **_: Any) -> None:
    _before(instance, deleting=True)


def _after_delete(instance: Model, **_: Any) -> None:
    mark_months_stale(getattr(instance, "_report_months", ()))


def connect() -> None:
    """Called once from the app's ready()."""
    receivers: tuple[tuple[Any, Callable[..., None]], ...] = (
        (post_init, _remember), (pre_save, _before_save), (post_save, _after_save),
        (pre_delete, _before_delete), (post_delete, _after_delete))
    for model in WATCHED:
        for signal, receiver in receivers:
            signal.connect(receiver, sender=model, dispatch_uid=f"report-buckets-{signal}-{model.__name__}")
