"""Real PDFs for the demo's certificates, letters, agreements and complaint responses.

A demo below OWN_DOCUMENTS_BELOW cases (make run's 300) gets every document rendered for its own case,
by the services' own renderers, after the bulk write (`own_documents_render`): a certificate names that
case's child and family. Rendering a million PDFs would take days, so a bulk demo at or above that size
keeps one specimen of each certificate kind, one LA letter, one agreement and one complaint response,
stored once under a "demo-" name (`SHARED_SPECIMEN_PREFIX`); every row of that kind points at it with its
checksum, and the case's documents page says the file is a shared specimen that does not name the case.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from senmediation.directory.models import LocalAuthority, Provider
from senmediation.documents.models import Certificate
from senmediation.documents.services import certificates as certificate_service
from senmediation.documents.services.rendering import pdf_render, sha256_of
from senmediation.documents.specimens import SHARED_SPECIMEN_PREFIX
from senmediation.rules.calendar import format_day
from senmediation.rules.deadlines import Clock, due_date

# Rendering one PDF with WeasyPrint takes a few tenths of a second here, so a demo's own documents
# (about two a case) cost minutes at make run's 300 cases and hours at 10,000: from this size on the
# bulk generator points rows at shared specimens instead.
OWN_DOCUMENTS_BELOW = 10_000

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
            f"certificates/{SHARED_SPECIMEN_PREFIX}{kind.value}.pdf",
            lambda kind=kind: _certificate_pdf(kind, issued_by=issued_by, provider=provider, la=la, today=today),
            today,
        )
        certificates[kind.value] = (name, sha)
    signer = issued_by.get_full_name() or issued_by.get_username()
    letter = _stored(f"documents/{SHARED_SPECIMEN_PREFIX}la-notification.pdf",
                     lambda: _letter_pdf(provider=provider, la=la, signer=signer, today=today), today)
    return SpecimenFiles(certificates=certificates, la_letter=letter)


def specimens_attach(*, first_ids: dict[str, int], today: dt.date) -> None:
    """After a load: the first generated agreement and complaint response are rendered by their services'
    own renderers and stored once, and every generated row of that kind points at the file (agreements with
    its checksum): the bulk path, for a demo of OWN_DOCUMENTS_BELOW cases or more."""
    from senmediation.agreements.models import Agreement
    from senmediation.agreements.pdf import agreement_pdf_bytes
    from senmediation.feedback.models import Complaint
    from senmediation.feedback.services.complaints import complaint_letter_pdf

    agreements = Agreement.objects.filter(id__gte=first_ids["agreement"], pdf="")
    agreement = agreements.select_related("case").order_by("id").first()
    if agreement is not None:
        name, sha, _ = _stored(f"agreements/{SHARED_SPECIMEN_PREFIX}agreement.pdf", lambda: agreement_pdf_bytes(agreement), today)
        agreements.update(pdf=name, pdf_sha256=sha)
    responded = Complaint.objects.filter(id__gte=first_ids["complaint"], responded_on__isnull=False,
                                         response_letter="")
    complaint = responded.order_by("id").first()
    if complaint is not None:
        name, _, _ = _stored(f"complaint-letters/{SHARED_SPECIMEN_PREFIX}response.pdf",
                             lambda: complaint_letter_pdf(complaint, today=today), today)
        responded.update(response_letter=name)


def own_documents_render(*, first_ids: dict[str, int], today: dt.date, report: Any = None, every: int = 50) -> int:
    """After a load below OWN_DOCUMENTS_BELOW cases: each generated certificate, LA letter, agreement and
    complaint response is rendered for its own case by its service's renderer and stored under a random
    name, replacing the shared specimen. `report(done, total)` is called every `every` documents and at the
    end. Returns how many documents were rendered."""
    from django.db.models import Prefetch, QuerySet

    from senmediation.agreements.models import Agreement
    from senmediation.agreements.pdf import agreement_pdf_bytes
    from senmediation.cases.models import Case
    from senmediation.documents.models import Document
    from senmediation.documents.services.letters import _letter_context
    from senmediation.documents.services.rendering import file_attach
    from senmediation.feedback.models import Complaint
    from senmediation.feedback.services.complaints import complaint_letter_pdf

    provider = Provider.objects.get(is_current=True)
    certificates = (Certificate.objects.filter(id__gte=first_ids["certificate"])
                    .select_related("issued_by", "local_authority", "case").order_by("id"))
    cases = Case.objects.select_related("local_authority").prefetch_related("parties", "issues")
    letters = (Document.objects.filter(id__gte=first_ids["document"], kind=Document.Kind.LA_NOTIFICATION)
               .select_related("created_by").prefetch_related(Prefetch("case", queryset=cases)).order_by("id"))
    agreements = Agreement.objects.filter(id__gte=first_ids["agreement"]).select_related("case").order_by("id")
    complaints = Complaint.objects.filter(id__gte=first_ids["complaint"], responded_on__isnull=False).order_by("id")
    total = certificates.count() + letters.count() + agreements.count() + complaints.count()
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if report is not None and (done % every == 0 or done == total):
            report(done, total)

    for certificate in certificates:
        certificate_service._render(certificate, provider=provider, today=today)
        # The loader is still issuing this row (it was written by COPY moments ago, pointing at the specimen),
        # so its file is filled in past the issued-certificate guard, as the bulk writer wrote the row itself.
        QuerySet.update(Certificate.objects.filter(pk=certificate.pk), file=certificate.file.name,
                        sha256=certificate.sha256)
        tick()
    for document in letters:
        context = _letter_context(case=document.case, by=document.created_by, today=document.created_at.date(),
                                  icb=None)
        pdf = pdf_render(template="documents/pdf/la_notification.html", context=context)
        file_attach(document.file, data=pdf, extension=".pdf")
        Document.objects.filter(pk=document.pk).update(file=document.file.name, sha256=sha256_of(pdf), size=len(pdf))
        tick()
    for agreement in agreements:
        pdf = agreement_pdf_bytes(agreement)
        agreement.pdf.save(f"agreement-{agreement.case.reference}.pdf", ContentFile(pdf), save=False)
        Agreement.objects.filter(pk=agreement.pk).update(pdf=agreement.pdf.name, pdf_sha256=sha256_of(pdf))
        tick()
    for complaint in complaints:
        pdf = complaint_letter_pdf(complaint, today=complaint.responded_on or today)
        complaint.response_letter.save(f"{uuid.uuid4().hex}.pdf", ContentFile(pdf), save=False)
        Complaint.objects.filter(pk=complaint.pk).update(response_letter=complaint.response_letter.name)
        tick()
    return done
