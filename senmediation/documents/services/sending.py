"""Sends documents to the people who need them, always through the one notifications service."""

from __future__ import annotations

from typing import Any

from senmediation.cases.correspondence import party_correspondent
from senmediation.cases.models import Case, Party
from senmediation.notifications.services import Attachment, notification_send

from ..models import Certificate, Document
from .rendering import FAMILY_ROLES
from .stored import certificate_pdf_bytes


def family_parties(case: Case) -> list[Party]:
    """The parent(s) or young person, who receive certificates, in each one's preferred way."""
    return list(case.parties.filter(role__in=FAMILY_ROLES).order_by("-is_main_contact", "id"))


def certificate_send(*, certificate: Certificate, by: Any) -> int:
    """Sends the certificate to the family (CFA 2014 s.55: they need it to register an appeal). Someone who
    lacks capacity gets it through the person acting for them (cases/correspondence.py), once each."""
    case = certificate.case
    pdf = certificate_pdf_bytes(certificate)
    sent = 0
    recipients: set[int] = set()
    for party in family_parties(case):
        recipient = party_correspondent(party)
        if recipient.pk in recipients:
            continue
        recipients.add(recipient.pk)
        notification_send(
            template_key="certificate_issued", party=party, case=case, by=by,
            context={"certificate_date": f"{certificate.issued_on:%-d %B %Y}",
                     "appeal_deadline": f"{certificate.appeal_deadline:%-d %B %Y}"
                     if certificate.appeal_deadline else "shown on the certificate"},
            attachments=[Attachment(f"{certificate.number}-v{certificate.version}.pdf", pdf, "application/pdf")],
            idempotency_key=f"certificate-{certificate.pk}-party-{party.pk}",
        )
        sent += 1
    return sent


def la_notification_send(*, document: Document, case: Case, by: Any) -> bool:
    """E-mails the LA's named contact that the family want mediation (SEND Regs 2014 reg 35(4), 36(2): the 30 days
    run from this notice). Without an address the letter waits in the documents list for posting."""
    address = case.local_authority.contact_email
    if not address:
        return False
    with document.file.storage.open(str(document.file.name), "rb") as handle:
        pdf = handle.read()
    notification_send(
        template_key="la_mediation_requested", to_email=address, case=case, by=by,
        context={"la_name": case.local_authority.name, "party_name": case.local_authority.contact_name or "Colleague"},
        attachments=[Attachment(f"{case.reference}-mediation-requested.pdf", pdf, "application/pdf")],
        idempotency_key=f"la-notification-{document.pk}",
    )
    return True
