"""Real PDFs for the demo's certificates, letters, agreements and complaint responses.

Rendering a million PDFs would take days, so one specimen of each certificate kind and one LA letter
are rendered with the same templates the services use, stored once, and every demo row of that kind
points at it with its checksum. Downloading a demo certificate therefore goes through the normal
download view and its tamper check; what the PDF prints is the specimen's names, not the row's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from senmediation.directory.models import LocalAuthority, Provider
from senmediation.documents.models import Certificate
from senmediation.documents.services import certificates as certificate_service
from senmediation.documents.services.rendering import pdf_render, sha256_of
from senmediation.rules.calendar import format_day
from senmediation.rules.deadlines import Clock, due_date

SPECIMEN_PARENT = "Sample Parent"
SPECIMEN_CHILD = "Sample Child"


@dataclass(frozen=True)
class SpecimenFiles:
    certificates: dict[str, tuple[str, str]]  # kind -> (storage name, sha256)
    la_letter: tuple[str, str, int]  # storage name, sha256, size


_RENDERED: dict[tuple[str, dt.date], bytes] = {}  # per process: tests seed many databases in one run


def _stored(name: str, render: Any, today: dt.date) -> tuple[str, str, int]:
    """The file under `name`, rendered only the first time (seeding again reuses it)."""
    if not default_storage.exists(name):
        if (name, today) not in _RENDERED:
            _RENDERED[(name, today)] = render()
        default_storage.save(name, ContentFile(_RENDERED[(name, today)]))
    with default_storage.open(name, "rb") as stored:
        data = stored.read()
    return name, sha256_of(data), len(data)


def _certificate_pdf(kind: Certificate.Kind, *, issued_by: Any, provider: Provider, la: LocalAuthority,
                     today: dt.date) -> bytes:
    specimen = Certificate(
        number=f"{certificate_service.NUMBER_PREFIX}-SAMPLE", number_year=today.year, number_sequence=0,
        version=1, kind=kind.value, person_name=SPECIMEN_PARENT, person_role="parent", child_name=SPECIMEN_CHILD,
        local_authority=la, local_authority_name=la.name, issued_on=today, issued_by=issued_by,
        provider_name=provider.name, provider_cmc_registration=provider.cmc_registration,
    )
    # The service's own renderer, so the specimen is exactly what an issued certificate looks like.
    certificate_service._render(specimen, provider=provider, today=today)
    with specimen.file.open("rb") as rendered:
        data = bytes(rendered.read())
    specimen.file.delete(save=False)
    return data


def _letter_pdf(*, provider: Provider, la: LocalAuthority, signer: str, today: dt.date) -> bytes:
    context = {
        "case": {"reference": "MED-SAMPLE"}, "provider": provider,
        "title": f"Mediation request: letter to {la.name}", "heading": "Request for mediation",
        "recipient_name": la.contact_name or "The SEN team", "recipient_org": f"{la.name} Council",
        "recipient_address": la.contact_address, "recipient_email": la.contact_email,
        "organisation_decides": la.name, "sent_on": format_day(today), "person_name": SPECIMEN_PARENT,
        "is_young_person": False, "decision_notice": "", "decisions": [], "issues": [], "is_icb": False,
        "has_health": False, "mediation_due": format_day(due_date(Clock.mediation_held, today)),
        "signer": signer, "large_print": False, "easy_read": False, "family_adjustments": [],
    }
    return pdf_render(template="documents/pdf/la_notification.html", context=context)


def specimen_files(*, issued_by: Any, today: dt.date) -> SpecimenFiles:
    provider = Provider.objects.get(is_current=True)
    la = LocalAuthority.objects.order_by("id").first()
    assert la is not None
    certificates = {}
    for kind in Certificate.Kind:
        name, sha, _ = _stored(
            f"certificates/demo-{kind.value}.pdf",
            lambda kind=kind: _certificate_pdf(kind, issued_by=issued_by, provider=provider, la=la, today=today),
            today,
        )
        certificates[kind.value] = (name, sha)
    signer = issued_by.get_full_name() or issued_by.get_username()
    letter = _stored("documents/demo-la-notification.pdf",
                     lambda: _letter_pdf(provider=provider, la=la, signer=signer, today=today), today)
    return SpecimenFiles(certificates=certificates, la_letter=letter)


def specimens_attach(*, first_ids: dict[str, int], today: dt.date) -> None:
    """After a load: the first generated agreement and complaint response are rendered by their services'
    own renderers and stored once, and every generated row of that kind points at the file (agreements with
    its checksum). Unlike the certificate specimens these print a real generated case's names."""
    from senmediation.agreements.models import Agreement
    from senmediation.agreements.pdf import agreement_pdf_bytes
    from senmediation.feedback.models import Complaint
    from senmediation.feedback.services.complaints import complaint_letter_pdf

    agreements = Agreement.objects.filter(id__gte=first_ids["agreement"], pdf="")
    agreement = agreements.select_related("case").order_by("id").first()
    if agreement is not None:
        name, sha, _ = _stored("agreements/demo-agreement.pdf", lambda: agreement_pdf_bytes(agreement), today)
        agreements.update(pdf=name, pdf_sha256=sha)
    responded = Complaint.objects.filter(id__gte=first_ids["complaint"], responded_on__isnull=False,
                                         response_letter="")
    complaint = responded.order_by("id").first()
    if complaint is not None:
        name, _, _ = _stored("complaint-letters/demo-response.pdf",
                             lambda: complaint_letter_pdf(complaint, today=today), today)
        responded.update(response_letter=name)
