"""A copy of the final agreement to every party, the same day, each by the way they prefer.

The notifications service chooses the channel from the party's preferences and keeps the delivery
log; here we record which party got a copy. Idempotency keys make a repeat press send nothing twice.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from senmediation.cases.models import CaseEvent
from senmediation.cases.services.events import case_event_record
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.rules.calendar import format_day

from .models import Agreement, AgreementDelivery
from .pdf import PARTY_ROLES, agreement_pdf_bytes


def notifications_api() -> Any:
    """The notifications service module, imported when needed (it is built alongside this app)."""
    try:
        from senmediation.notifications import services
    except ImportError:
        raise ServiceError("Sending is not available yet: download the PDF and send it by hand.") from None
    return services


def message_id_of(result: Any) -> str | None:
    """Whatever identifies the message the notifications service logged, as text."""
    if result is None:
        return None
    for attribute in ("pk", "id", "message_id"):
        value = getattr(result, attribute, None)
        if value is not None:
            return str(value)[:100]
    return str(result)[:100] if isinstance(result, str | int) else None


def agreement_pdf_stored(agreement: Agreement) -> bytes:
    """The PDF made when the agreement was finalised (the one every party gets), or a fresh render."""
    if not agreement.pdf:
        return agreement_pdf_bytes(agreement)
    with agreement.pdf.open("rb") as handle:
        return bytes(handle.read())


def agreement_copies_send(*, agreement: Agreement, by: Any) -> list[AgreementDelivery]:
    """Sends the final agreement to each party not yet sent one; returns the new delivery records."""
    if not agreement.is_final:
        raise ServiceError("Make the agreement final before sending copies.")
    api = notifications_api()
    case = agreement.case
    content = agreement_pdf_stored(agreement)
    already = set(agreement.deliveries.values_list("party_id", flat=True))
    sent: list[AgreementDelivery] = []
    for party in case.parties.filter(role__in=PARTY_ROLES).order_by("id"):
        if party.pk in already:
            continue
        result = api.notification_send(
            template_key="agreement_copy",
            context={"agreed_on": format_day(agreement.agreed_on)},
            party=party, case=case,
            attachments=(api.Attachment(f"agreement-{case.reference}.pdf", content, "application/pdf"),),
            idempotency_key=f"agreement-{agreement.pk}-party-{party.pk}", by=by,
        )
        with transaction.atomic():
            delivery, created = AgreementDelivery.objects.get_or_create(
                agreement=agreement, party=party,
                defaults={"sent_at": clock.now(), "message_id": message_id_of(result)},
            )
            if created:
                sent.append(delivery)
                case_event_record(
                    case=case, by=by, kind=CaseEvent.Kind.UPDATED,
                    summary=f"Copy of the agreement for {party.name} ({party.get_role_display()}): "
                            f"{copy_state(result)}",
                )
    return sent


def copy_state(result: Any) -> str:
    """What became of one copy ("sent", "waiting for a postal address", "call to make"...), from the
    message the notifications service logged; "sent" when it says nothing more."""
    return str(getattr(result, "reach_phrase", "") or "sent")


def delivery_messages(deliveries: list[AgreementDelivery]) -> dict[int, Any]:
    """The message logged for each delivery, keyed by the delivery's id (one query)."""
    from senmediation.notifications.models import Message

    ids = {d.pk: int(d.message_id) for d in deliveries if d.message_id and d.message_id.isdigit()}
    messages = Message.objects.in_bulk(set(ids.values()))
    return {pk: messages[message_id] for pk, message_id in ids.items() if message_id in messages}


def agreement_copies_report(deliveries: list[AgreementDelivery]) -> str:
    """One line for staff naming each new copy's real state: "Copies of the agreement: Ravi Patel, sent;
    Jo Bloggs, waiting for a postal address; Priya Shah, call to make." """
    if not deliveries:
        return "Every party already has a copy."
    messages = delivery_messages(deliveries)
    parts = [f"{delivery.party.name}, {copy_state(messages.get(delivery.pk))}" for delivery in deliveries]
    return f"Copies of the agreement: {'; '.join(parts)}."
