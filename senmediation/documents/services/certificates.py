"""Issuing mediation certificates (Children and Families Act 2014 s.55; SEND Regulations 2014 regs 34-39).

A certificate is numbered gap-free per year, rendered once to a tagged PDF, stored with its checksum
and never changed: a correction is a new version that points at the one it replaces.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from senmediation.cases.correspondence import party_representative
from senmediation.cases.models import Case, CaseEvent, Deadline, Party
from senmediation.cases.services.events import case_event_record
from senmediation.cases.services.late_reasons import late_reason_apply, late_reason_check
from senmediation.cases.services.references import counter_next
from senmediation.cases.services.transitions import case_transition, case_transitions_allowed
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.directory.models import Provider
from senmediation.directory.selectors import provider_current
from senmediation.rules.appeal import tribunal_appeal_explanation
from senmediation.rules.calendar import format_day
from senmediation.rules.deadlines import Clock
from senmediation.rules.workflow import Action, certificate_clock_now

from ..models import Certificate
from .rendering import adjustments_of, family_party, file_attach, pdf_render, sha256_of
from .sending import certificate_send

# Moved to stored.py (below this module and sending.py, which both need them); still importable from here.
from .stored import TamperedError as TamperedError
from .stored import certificate_pdf_bytes as certificate_pdf_bytes

Kind = Certificate.Kind
NUMBER_PREFIX = "CERT"

# Each kind of certificate and the statutory clock it meets; which one a case is owed now is the
# workflow's decision (the issue step it allows meets exactly one of these clocks).
CLOCK_FOR_KIND = {
    Kind.NO_MEDIATION: Clock.certificate_no_mediation,
    Kind.NOT_ARRANGED: Clock.certificate_not_arranged,
    Kind.AFTER_MEDIATION: Clock.certificate_after_mediation,
}
CITATIONS = {
    Kind.NO_MEDIATION: "section 55 of the Children and Families Act 2014 and regulation 34 of the "
    "Special Educational Needs and Disability Regulations 2014",
    Kind.NOT_ARRANGED: "section 55 of the Children and Families Act 2014 and the Special Educational Needs "
    "and Disability Regulations 2014",
    Kind.AFTER_MEDIATION: "section 55 of the Children and Families Act 2014 and the Special Educational Needs "
    "and Disability Regulations 2014",
}


KIND_FOR_CLOCK = {clock_: kind for kind, clock_ in CLOCK_FOR_KIND.items()}


def _kind_owed(case: Case) -> Certificate.Kind | None:
    clock_ = certificate_clock_now(case_transitions_allowed(case))
    return KIND_FOR_CLOCK[clock_] if clock_ is not None else None


def certificate_kinds_for(case: Case) -> list[Certificate.Kind]:
    """The certificate this case may be issued now (none, or one), as the workflow allows."""
    kind = _kind_owed(case)
    return [kind] if kind is not None else []


def certificate_clock_running(case: Case) -> Deadline | None:
    """The open certificate clock, to show its due date beside the issue form."""
    clocks = [c.value for c in CLOCK_FOR_KIND.values()]
    return (
        Deadline.objects.filter(case=case, clock__in=clocks, met_on__isnull=True, stopped_on__isnull=True)
        .order_by("due_date").first()
    )


def _number_next(*, year: int) -> tuple[str, int]:
    """The next certificate number for the year; gap-free because it shares the issuing transaction."""
    number = counter_next(prefix=NUMBER_PREFIX, year=year)
    return f"{NUMBER_PREFIX}-{year}-{number:05d}", number


def _fill(certificate: Certificate, *, case: Case, provider: Provider, resolved_summary: str) -> None:
    """Copies onto the row everything the certificate prints, as it stands today."""
    person = family_party(case)
    if person is None:
        raise ServiceError("Record the parent or young person on the case before issuing a certificate.")
    # A parent or young person who lacks capacity: the certificate is issued to their representative, or a
    # young person's alternative person, "instead of" them (SEND Regs 2014 reg 39 read with reg 63 and reg
    # 64(1)(d), Schedule 3 Part 4), and names whom they act for. See cases/correspondence.py.
    representative = party_representative(person)
    adjustments = adjustments_of(representative or person)
    certificate.person_name = representative.name if representative else person.name
    certificate.person_role = person.role
    certificate.acting_for_name = person.name if representative else ""
    certificate.acting_as = representative.get_representative_basis_display() if representative else ""
    certificate.child_name = case.child_name
    certificate.local_authority = case.local_authority
    certificate.local_authority_name = case.local_authority.name
    certificate.decision_notice_date = case.decision_notice_date
    certificate.provider_name = provider.name
    certificate.provider_cmc_registration = provider.cmc_registration
    certificate.resolved_summary = resolved_summary.strip()
    certificate.large_print = "large_print" in adjustments
    certificate.easy_read = "easy_read" in adjustments
    if case.decision_notice_date is not None:
        # The later of 2 months after the notice and 1 month after the certificate (HESC Rules r.20(1)(c)).
        appeal = tribunal_appeal_explanation(
            decision_notice_sent=case.decision_notice_date, certificate_issued=certificate.issued_on
        )
        certificate.appeal_deadline = appeal.deadline
        certificate.appeal_explanation = appeal.reason


def _render(certificate: Certificate, *, provider: Provider, today: dt.date) -> None:
    context = {
        "certificate": certificate,
        "provider": provider,
        "kind_label": certificate.get_kind_display(),
        "citation": CITATIONS[Kind(certificate.kind)],
        "is_young_person": certificate.person_role == Party.Role.YOUNG_PERSON,
        "issued_on": format_day(certificate.issued_on),
        "decision_notice": format_day(certificate.decision_notice_date) if certificate.decision_notice_date else "",
        "appeal_deadline": format_day(certificate.appeal_deadline) if certificate.appeal_deadline else "",
        "corrected_on": format_day(today) if certificate.version > 1 else "",
        "issuer": certificate.issued_by.get_full_name() or certificate.issued_by.get_username(),
    }
    pdf = pdf_render(template="documents/pdf/certificate.html", context=context)
    certificate.sha256 = sha256_of(pdf)
    file_attach(certificate.file, data=pdf, extension=".pdf")


def _provider() -> Provider:
    provider = provider_current()
    if provider is None:
        raise ServiceError("The provider's details are missing: add them in the admin first.")
    return provider


def certificate_issue(
    *, case: Case, kind: str, by: Any, resolved_summary: str = "", today: dt.date | None = None,
    late_reason: str = "", late_note: str = "",
) -> Certificate:
    """Issues the certificate the case is owed, moves the case on and meets its certificate clock. Issued after
    the clock's due date, it needs `late_reason` (rules/late_reasons.py), stored on the clock.

    Raises ServiceError (and stores nothing) when the case may not have this certificate now."""
    today = today or clock.today()
    try:
        chosen = Kind(kind)
    except ValueError:
        raise ServiceError("Choose the type of certificate.", field="kind") from None
    if chosen is Kind.AFTER_MEDIATION and not resolved_summary.strip():
        raise ServiceError("Enter what was and was not resolved at the mediation.", field="resolved_summary")
    provider = _provider()
    with transaction.atomic():
        locked = Case.objects.select_for_update().select_related("local_authority").get(pk=case.pk)
        owed = _kind_owed(locked)
        if owed is not None and owed is not chosen:
            raise ServiceError(f"This case is owed a certificate of the type '{owed.label}'.", field="kind")
        running = certificate_clock_running(locked)
        late_reason_check(due=running.due_date if running else None, done_on=today, reason=late_reason,
                          note=late_note)
        # The workflow decides whether a certificate may be issued at all; a refusal rolls back everything.
        case_transition(case=locked, action=Action.issue_certificate, by=by, today=today)
        number, sequence = _number_next(year=today.year)
        certificate = Certificate(
            number=number, number_year=today.year, number_sequence=sequence, version=1, case=locked,
            kind=chosen.value, issued_on=today, issued_by=by,
        )
        _fill(certificate, case=locked, provider=provider, resolved_summary=resolved_summary)
        _render(certificate, provider=provider, today=today)
        certificate.save()
        case_event_record(
            case=locked, by=by, kind=CaseEvent.Kind.UPDATED,
            summary=f"Certificate {number} issued: {chosen.label}",
        )
        late_reason_apply(deadline=running, by=by, reason=late_reason, note=late_note)
        # Sent the way the family asked; the message goes out once the issue is committed.
        certificate_send(certificate=certificate, by=by)
    case.refresh_from_db()
    return certificate


def certificate_reissue(
    *, certificate: Certificate, by: Any, reason: str, resolved_summary: str | None = None,
    today: dt.date | None = None,
) -> Certificate:
    """A corrected version with the same number and the original date of issue (so the appeal deadline
    does not move); the earlier version is kept unchanged. The workflow step is not repeated."""
    today = today or clock.today()
    if not reason.strip():
        raise ServiceError("Enter why the certificate is being re-issued.", field="reason")
    provider = _provider()
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("local_authority").get(pk=certificate.case_id)
        if Certificate.objects.filter(supersedes_id=certificate.pk).exists():
            raise ServiceError("A newer version of this certificate exists: correct that one instead.")
        summary = certificate.resolved_summary if resolved_summary is None else resolved_summary
        new = Certificate(
            number=certificate.number, number_year=certificate.number_year,
            number_sequence=certificate.number_sequence, version=certificate.version + 1,
            supersedes=certificate, reissue_reason=reason.strip(), case=case, kind=certificate.kind,
            issued_on=certificate.issued_on, issued_by=by,
        )
        _fill(new, case=case, provider=provider, resolved_summary=summary)
        _render(new, provider=provider, today=today)
        new.save()
        case_event_record(
            case=case, by=by, kind=CaseEvent.Kind.UPDATED, detail=reason.strip(),
            summary=f"Certificate {new.number} re-issued as version {new.version}",
        )
    return new
