"""Telling the LA (and, for health care, the ICB) that the family want mediation.

The family tell the LA they want mediation (CFA 2014 s.52(3); the LA's notice says so, SEND
Regulations 2014 reg 32(e)); mediation must then take place within 30 days (reg 35(4), 36(2)). For
health care the LA tells each ICB within 3 working days (reg 35(2)); for health care only, the 30
days run from then (reg 35(3)).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string

from senmediation.cases.models import Case, CaseEvent, Party
from senmediation.cases.services.events import case_event_record
from senmediation.cases.services.transitions import case_transition
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.directory.models import IntegratedCareBoard
from senmediation.directory.selectors import provider_current
from senmediation.rules.calendar import format_day
from senmediation.rules.deadlines import Clock, due_date
from senmediation.rules.workflow import Action

from ..models import Document
from .rendering import adjustments_of, family_party, file_attach, pdf_render, sha256_of


def _letter_context(*, case: Case, by: Any, today: dt.date, icb: IntegratedCareBoard | None) -> dict[str, Any]:
    provider = provider_current()
    if provider is None:
        raise ServiceError("The provider's details are missing: add them in the admin first.")
    person = family_party(case)
    if person is None:
        raise ServiceError("Record the parent or young person on the case before writing to the LA.")
    la = case.local_authority
    recipient = icb if icb is not None else la
    return {
        "case": case,
        "provider": provider,
        "title": f"Mediation request {case.reference}: letter to {recipient.name}",
        "heading": "Request for mediation",
        "recipient_name": recipient.contact_name or ("The SEN team" if icb is None else "The SEND lead"),
        "recipient_org": recipient.name if icb is not None else f"{la.name} Council",
        "recipient_address": "" if icb is not None else la.contact_address,
        "recipient_email": recipient.contact_email,
        "organisation_decides": la.name,
        "sent_on": format_day(today),
        "person_name": person.name,
        "is_young_person": person.role == Party.Role.YOUNG_PERSON,
        "decision_notice": format_day(case.decision_notice_date) if case.decision_notice_date else "",
        "decisions": case.decision_labels,
        "issues": [issue.text for issue in case.issues.all()],
        "is_icb": icb is not None,
        "has_health": "health" in case.elements or case.health_only,
        "mediation_due": format_day(due_date(Clock.mediation_held, today)),
        "signer": by.get_full_name() or by.get_username(),
        # Letters to organisations follow the family's format only where the family asked (large print).
        "large_print": False,
        "easy_read": False,
        "family_adjustments": sorted(adjustments_of(person)),
    }


def _letter_store(*, case: Case, by: Any, kind: str, context: dict[str, Any]) -> Document:
    pdf = pdf_render(template="documents/pdf/la_notification.html", context=context)
    document = Document(
        case=case, kind=kind, title=context["title"], sha256=sha256_of(pdf), mimetype="application/pdf",
        size=len(pdf), created_by=by if getattr(by, "pk", None) else None,
        body_text=render_to_string("documents/email/la_notification.txt", context).strip(),
    )
    file_attach(document.file, data=pdf, extension=".pdf")
    document.save()
    case_event_record(case=case, by=by, kind=CaseEvent.Kind.UPDATED, summary=f"Letter prepared: {document.title}")
    return document


def la_notification_prepare(*, case: Case, by: Any, today: dt.date | None = None) -> Document:
    """The letter (PDF) and e-mail body (Document.body_text) telling the LA's named contact that the
    family want mediation. Sends nothing."""
    today = today or clock.today()
    context = _letter_context(case=case, by=by, today=today, icb=None)
    with transaction.atomic():
        return _letter_store(case=case, by=by, kind=Document.Kind.LA_NOTIFICATION, context=context)


def la_notify(*, case: Case, by: Any, today: dt.date | None = None) -> Document:
    """Prepares the LA letter and records that the LA was told, which starts the 30 days. A refusal by
    the workflow stores nothing."""
    today = today or clock.today()
    from .sending import la_notification_send

    with transaction.atomic():
        case_transition(case=case, action=Action.notify_la, by=by, today=today)
        document = la_notification_prepare(case=case, by=by, today=today)
        la_notification_send(document=document, case=case, by=by)
        return document


def icb_for(case: Case) -> IntegratedCareBoard:
    icb = case.local_authority.icbs.order_by("name").first()
    if icb is None:
        raise ServiceError(
            f"No integrated care board is recorded for {case.local_authority.name}. Add one in the admin first."
        )
    return icb


def icb_notify(*, case: Case, by: Any, today: dt.date | None = None) -> Document:
    """The letter to the ICB about the health care issues, and the workflow step `notify_icb`."""
    today = today or clock.today()
    icb = icb_for(case)
    context = _letter_context(case=case, by=by, today=today, icb=icb)
    with transaction.atomic():
        case_transition(case=case, action=Action.notify_icb, by=by, today=today)
        return _letter_store(case=case, by=by, kind=Document.Kind.ICB_NOTIFICATION, context=context)
