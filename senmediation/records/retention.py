"""Removing personal details from cases kept past the provider's retention period (the period
itself, and whether a case's documents are still kept, are `audit/retention.py`'s).

UK GDPR art. 5(1)(e) (storage limitation): personal data are kept no longer than necessary. What
makes the service's figures stays (dates, local authority, type, state, clocks, counts), so
commissioners' reports do not change; names, contacts and free text are replaced."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.db import transaction

from senmediation.audit.retention import case_anonymised, retention_cutoff, retention_years
from senmediation.cases.services.events import case_event_record
from senmediation.core import clock

REMOVED = "[removed]"

# (model, path from the model to the case, {field: placeholder}). Fields a model does not have are
# skipped, so the table can list models that are still growing.
SCRUB: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("cases.Party", "case", {
        "name": REMOVED, "email": "", "phone": "", "address": "", "call_times": "", "adjustments_notes": "",
    }),
    ("cases.Issue", "case", {"text": REMOVED}),
    ("cases.CaseEvent", "case", {"summary": REMOVED, "detail": "", "before": {}, "after": {}}),
    ("cases.ContactLog", "case", {"with_whom": "", "summary": REMOVED, "outcome": ""}),
    ("cases.AdviceRecord", "case", {"notes": ""}),
    ("cases.ChildViews", "case", {"gathered_by": REMOVED, "views": REMOVED}),
    ("cases.MediatorNote", "case", {"text": REMOVED}),
    ("meetings.Meeting", "case", {"online_link": "", "change_reason": ""}),
    ("meetings.Attendance", "meeting__case", {"name": REMOVED, "consent_note": ""}),
    ("meetings.MeetingSession", "meeting__case", {"note": ""}),
    ("agreements.AgreementItem", "agreement__case", {"action": REMOVED, "measure": ""}),
    ("notifications.Message", "case", {"to": "", "subject": REMOVED, "body": REMOVED, "note": ""}),
    ("notifications.CallTask", "case", {"reason": REMOVED}),
    ("portal.PartySummary", "party__case", {"text": REMOVED, "issues": [], "mediator_only": ""}),
    ("portal.ChildViews", "party__case", {"text": REMOVED}),
    ("portal.Availability", "party__case", {"can_do": "", "cannot_do": ""}),
    ("portal.AttendanceResponse", "party__case", {"who_is_coming": "", "needs": ""}),
    ("portal.Feedback", "party__case", {"comments": ""}),
    ("expenses.ExpenseClaim", "case", {"decision_reason": REMOVED}),
    ("expenses.ExpenseReceipt", "claim__case", {"original_name": ""}),
)
# Stored files that carry personal details: deleted from storage, the field emptied.
FILES: tuple[tuple[str, str, str], ...] = (
    ("cases.ChildViews", "case", "attachment"),
    ("portal.ChildViews", "party__case", "file"),
    ("documents.Document", "case", "file"),
    ("notifications.Message", "case", "letter_file"),
    ("notifications.MessageAttachment", "message__case", "file"),
    ("agreements.Agreement", "case", "pdf"),
    ("expenses.ExpenseReceipt", "claim__case", "file"),  # receipts may be payslips (reg 41 loss of earnings)
)
CASE_FIELDS: dict[str, Any] = {
    "child_first_name": REMOVED, "child_last_name": "", "child_date_of_birth": None, "summary": "",
    "referrer_name": "", "referrer_organisation": "", "referrer_email": "", "referrer_phone": "",
    "consent_given_by": "", "consent_method": "", "child_views": "", "closure_reason": "", "search_name": "",
    "search_text": "",
}


def _fields_present(model: Any, fields: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in model._meta.get_fields()}
    return {name: value for name, value in fields.items() if name in names}


def _model(label: str) -> Any:
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def case_anonymise(*, case: Any, now: dt.datetime) -> None:
    """Replaces one case's personal details with placeholders. Queryset updates on purpose: the
    timeline is otherwise append-only, and this is the one sanctioned rewrite."""
    Case = type(case)
    for label, path, fields in SCRUB:
        model = _model(label)
        if model is not None:
            present = _fields_present(model, fields)
            if present:
                model.objects.filter(**{path: case}).update(**present)
    for label, path, field_name in FILES:
        model = _model(label)
        if model is None:
            continue
        for row in model.objects.filter(**{path: case}).exclude(**{field_name: ""}):
            stored = getattr(row, field_name)
            stored.storage.delete(stored.name)
        model.objects.filter(**{path: case}).update(**{field_name: ""})
    Case.objects.filter(pk=case.pk).update(**_fields_present(Case, CASE_FIELDS), anonymised_at=now)
    case_event_record(case=case, by=None, kind="updated",
                      summary="Personal details removed at the end of the retention period.")
    case_anonymised.send(sender=Case, case=case)


def retention_apply(*, today: dt.date | None = None) -> int:
    """Anonymises every case closed more than the policy's years before `today`. Returns how many."""
    Case = apps.get_model("cases", "Case")
    today = today or clock.today()
    cutoff = retention_cutoff(today=today, years=retention_years())
    due = Case.objects.filter(closed_on__isnull=False, closed_on__lt=cutoff, anonymised_at__isnull=True)
    done = 0
    for case in due.only("pk").iterator(chunk_size=500):
        with transaction.atomic():
            case_anonymise(case=case, now=clock.now())
        done += 1
    return done
