"""Complaints: recorded, acknowledged, answered with a letter, taken to stage 2. One transaction each.

The clocks are the provider's own (rules/complaints.py); whoever a complaint is about never owns it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from senmediation.accounts.roles import Role, user_roles
from senmediation.cases.models import Case
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.core.pdf import template_to_pdf
from senmediation.directory.models import ClosureDay
from senmediation.directory.selectors import provider_current
from senmediation.notifications.services import Attachment, notification_send
from senmediation.notifications.services.routing import Route
from senmediation.rules.calendar import format_day
from senmediation.rules.complaints import (
    DEFAULT_ACKNOWLEDGE_WORKING_DAYS,
    DEFAULT_RESPOND_WORKING_DAYS,
    ComplaintClocks,
    complaint_clocks,
)

from ..models import Complaint, ComplaintNote

CLOSURE_HORIZON = dt.timedelta(days=200)  # longer than any response clock the admin allows


def complaint_clocks_from(start: dt.date) -> ComplaintClocks:
    """The clocks for a stage starting on `start`, with the provider's lengths and closure days."""
    provider = provider_current()
    closures = frozenset(
        ClosureDay.objects.filter(day__gt=start, day__lte=start + CLOSURE_HORIZON).values_list("day", flat=True)
    )
    return complaint_clocks(
        stage_started=start,
        acknowledge_days=getattr(provider, "complaint_acknowledge_working_days", DEFAULT_ACKNOWLEDGE_WORKING_DAYS),
        respond_days=getattr(provider, "complaint_response_working_days", DEFAULT_RESPOND_WORKING_DAYS),
        extra_closures=closures,
    )


def _note(complaint: Complaint, by: Any, text: str) -> None:
    ComplaintNote.objects.create(complaint=complaint, at=clock.now(), by=by if getattr(by, "pk", None) else None,
                                 text=text)


def case_for_reference(reference: str) -> Case | None:
    cleaned = reference.strip().upper()
    if not cleaned or len(cleaned) > 40:
        return None
    return Case.objects.select_related("mediator").filter(reference=cleaned).first()


def complaint_record(
    *, by: Any, channel: str, name: str, details: str, received_on: dt.date, email: str = "", phone: str = "",
    address: str = "", preferred_contact: str = Complaint.Contact.EMAIL, case_reference: str = "",
    about_mediator: bool = False, about_text: str = "", wanted: str = "",
) -> Complaint:
    """A new complaint at stage 1 with its clocks running from the day it arrived. A case reference
    that matches links the case; a complaint about the mediator of that case is kept from them."""
    if channel not in Complaint.Channel.values:
        raise ServiceError("Choose how the complaint arrived", field="channel")
    if preferred_contact not in Complaint.Contact.values:
        raise ServiceError("Choose how they want to hear from us", field="preferred_contact")
    if not name.strip():
        raise ServiceError("Enter the name of the person complaining", field="name")
    if not details.strip():
        raise ServiceError("Enter what the complaint is about", field="details")
    needed = {"email": email, "letter": address, "phone": phone}[preferred_contact]
    if not needed.strip():
        raise ServiceError(f"Enter the {'postal address' if preferred_contact == 'letter' else preferred_contact} "
                           "we should use", field={"email": "email", "letter": "address", "phone": "phone"}[
                               preferred_contact])
    case = case_for_reference(case_reference)
    clocks = complaint_clocks_from(received_on)
    with transaction.atomic():
        complaint = Complaint.objects.create(
            reference=f"new-{uuid.uuid4().hex[:16]}", received_on=received_on, channel=channel, name=name.strip(),
            email=email.strip(), phone=phone.strip(), address=address.strip(), preferred_contact=preferred_contact,
            case_reference_given=case_reference.strip()[:40], case=case,
            about=case.mediator if case is not None and about_mediator else None,
            about_text=about_text.strip()[:200] or ("The mediator" if about_mediator else ""),
            details=details.strip(), wanted=wanted.strip(), stage=Complaint.Stage.ONE, stage_started_on=received_on,
            acknowledge_by=clocks.acknowledge_by, respond_by=clocks.respond_by,
            created_by=by if getattr(by, "pk", None) else None, created_at=clock.now(),
        )
        complaint.reference = f"CMP-{received_on.year}-{complaint.pk:05d}"
        complaint.save(update_fields=["reference"])
        _note(complaint, by, f"Complaint received ({complaint.get_channel_display().lower()}). Stage 1 clocks "
                             f"started: acknowledge by {format_day(clocks.acknowledge_by)}, respond by "
                             f"{format_day(clocks.respond_by)}.")
    return complaint


def _check_handler(complaint: Complaint, user: Any) -> None:
    if complaint.about_id is not None and complaint.about_id == getattr(user, "pk", None):
        raise ServiceError("You cannot deal with a complaint about yourself.")
    if Role.MANAGER not in user_roles(user):
        raise ServiceError("Only a manager can deal with a complaint.")


def complaint_owner_set(*, complaint: Complaint, owner: Any, by: Any) -> Complaint:
    _check_handler(complaint, by)
    if owner is None or Role.MANAGER not in user_roles(owner):
        raise ServiceError("Choose a manager to deal with the complaint", field="owner")
    if complaint.about_id == owner.pk:
        raise ServiceError("The person the complaint is about cannot deal with it", field="owner")
    with transaction.atomic():
        complaint.owner = owner
        complaint.save(update_fields=["owner"])
        _note(complaint, by, f"{owner.get_full_name() or owner.username} is dealing with the complaint.")
    return complaint


def complaint_note_add(*, complaint: Complaint, by: Any, text: str) -> ComplaintNote:
    if not text.strip():
        raise ServiceError("Enter the note", field="text")
    return ComplaintNote.objects.create(complaint=complaint, at=clock.now(), by=by, text=text.strip())


def _route(complaint: Complaint) -> Route:
    match complaint.preferred_contact:
        case Complaint.Contact.EMAIL if complaint.email:
            return Route("email", complaint.email)
        case Complaint.Contact.PHONE if complaint.phone:
            return Route("call_task", complaint.phone)
    return Route("letter", "\n".join(line for line in [complaint.name, complaint.address] if line.strip()))


def stage_words(complaint: Complaint) -> str:
    return f"stage {complaint.stage}"


def complaint_acknowledge(*, complaint: Complaint, by: Any, today: dt.date) -> Complaint:
    """Tells the complainant we have it, who is dealing with it and when they will hear; stops the clock."""
    _check_handler(complaint, by)
    if complaint.acknowledged_on is not None:
        raise ServiceError("This stage of the complaint has already been acknowledged.")
    owner = complaint.owner or by
    with transaction.atomic():
        if complaint.owner_id is None:
            complaint.owner = owner
        complaint.acknowledged_on = today
        complaint.save(update_fields=["owner", "acknowledged_on"])
        message = notification_send(
            template_key="complaint_acknowledgement", route=_route(complaint), complaint=complaint, by=by,
            idempotency_key=f"complaint:{complaint.pk}:stage{complaint.stage}:ack",
            context={"party_name": complaint.name, "complaint_reference": complaint.reference,
                     "complaint_stage": stage_words(complaint),
                     "owner_name": owner.get_full_name() or owner.username,
                     "respond_by": format_day(complaint.respond_by)},
        )
        _note(complaint, by, f"Acknowledgement sent ({message.get_channel_display().lower()}).")
    return complaint


def complaint_letter_pdf(complaint: Complaint, *, today: dt.date) -> bytes:
    return template_to_pdf("feedback/complaint_letter.html", {
        "complaint": complaint, "provider": provider_current(), "date": today,
        "address_lines": [line for line in complaint.address.splitlines() if line.strip()],
        "paragraphs": [part.strip() for part in complaint.response.split("\n\n") if part.strip()],
    })


def complaint_respond(
    *, complaint: Complaint, by: Any, outcome: str, response: str, lessons_learned: str, today: dt.date,
    theme: str = "",
) -> Complaint:
    """Records the outcome (and the complaint's theme, for the reports: the staff form always asks it), makes the
    response letter (a tagged PDF) and sends it the way the complainant asked; the response clock stops today."""
    _check_handler(complaint, by)
    if complaint.responded_on is not None:
        raise ServiceError("This stage of the complaint has already had its response.")
    if outcome not in Complaint.Outcome.values:
        raise ServiceError("Choose the outcome", field="outcome")
    if theme and theme not in Complaint.Theme.values:
        raise ServiceError("Select what the complaint was mainly about", field="theme")
    if not response.strip():
        raise ServiceError("Enter the response to send", field="response")
    with transaction.atomic():
        if complaint.acknowledged_on is None:  # a full answer inside the first days acknowledges too
            complaint.acknowledged_on = today
        complaint.outcome = outcome
        complaint.theme = theme or complaint.theme
        complaint.response = response.strip()
        complaint.lessons_learned = lessons_learned.strip()
        complaint.responded_on = today
        if complaint.owner_id is None:
            complaint.owner = by
        pdf = complaint_letter_pdf(complaint, today=today)
        complaint.response_letter.save(f"{uuid.uuid4().hex}.pdf", ContentFile(pdf), save=False)
        complaint.save()
        message = notification_send(
            template_key="complaint_response", route=_route(complaint), complaint=complaint, by=by,
            idempotency_key=f"complaint:{complaint.pk}:stage{complaint.stage}:response",
            context={"party_name": complaint.name, "complaint_reference": complaint.reference},
            attachments=[Attachment(f"complaint-{complaint.reference}-response.pdf", pdf, "application/pdf")],
        )
        _note(complaint, by, f"Stage {complaint.stage} response sent ({message.get_channel_display().lower()}): "
                             f"{complaint.get_outcome_display().lower()}.")
    return complaint


def complaint_escalate(*, complaint: Complaint, by: Any, today: dt.date) -> Complaint:
    """Stage 2: a director reviews. Both clocks start again from today and a new owner is chosen."""
    _check_handler(complaint, by)
    if complaint.stage != Complaint.Stage.ONE:
        raise ServiceError("This complaint is already at stage 2. After stage 2 the complainant can go to the "
                           "Civil Mediation Council.")
    clocks = complaint_clocks_from(today)
    with transaction.atomic():
        earlier = (f"Stage 1 outcome: {complaint.get_outcome_display().lower()}." if complaint.outcome
                   else "Stage 1 had no response.")
        complaint.stage = Complaint.Stage.TWO
        complaint.stage_started_on = today
        complaint.acknowledge_by, complaint.respond_by = clocks.acknowledge_by, clocks.respond_by
        complaint.acknowledged_on = complaint.responded_on = None
        complaint.outcome = ""
        complaint.owner = None
        complaint.save()
        _note(complaint, by, f"Taken to stage 2 (review by a director). {earlier} Clocks restarted: acknowledge "
                             f"by {format_day(clocks.acknowledge_by)}, respond by {format_day(clocks.respond_by)}.")
    return complaint
