import datetime as dt

import pytest
from django.core.files.storage import default_storage

from senmediation.cases.models import Deadline, Party
from senmediation.core.errors import ServiceError
from senmediation.documents.models import Certificate, ImmutableError
from senmediation.documents.services.certificates import certificate_issue, certificate_reissue
from senmediation.documents.services.rendering import sha256_of
from senmediation.documents.services.stored import TamperedError, certificate_pdf_bytes

from .helpers import DECLINED, ISSUED, declined_case, pdf_text

pytestmark = pytest.mark.django_db


def test_a_family_who_decline_mediation_get_a_tagged_certificate_within_3_working_days(coordinator) -> None:
    case = declined_case(by=coordinator)
    certificate = certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)

    assert certificate.number == "CERT-2026-00001"
    assert certificate.version == 1
    case.refresh_from_db()
    assert case.state == "certificate_issued"
    assert case.certificate_issued_on == ISSUED
    clock = Deadline.objects.get(case=case, clock="certificate_no_mediation")
    assert clock.start_date == DECLINED
    assert clock.met_on == ISSUED <= clock.due_date  # reg 34: within 3 working days

    data = certificate_pdf_bytes(certificate)
    assert sha256_of(data) == certificate.sha256
    reader, text = pdf_text(data)
    for expected in ("CERT-2026-00001", "Ravi Patel", "Sam Patel", "Trafford", "Mediation not wanted",
                     "Monday 2 November 2026", "Thursday 26 November 2026", "Civil Mediation Council"):
        assert expected in text
    # Appeal: the later of 2 months after the notice (2 Jan, in the Christmas window) and 1 month after
    # the certificate (26 Dec): r.12(3) moves it past 1 January.
    assert certificate.appeal_deadline == dt.date(2027, 1, 4)
    assert "Monday 4 January 2027" in text
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Mediation certificate CERT-2026-00001"


def test_numbers_run_on_without_gaps_and_a_refusal_stores_nothing(coordinator) -> None:
    first = certificate_issue(case=declined_case(by=coordinator), kind="no_mediation", by=coordinator, today=ISSUED)
    with pytest.raises(ServiceError):  # the case already has its certificate: the workflow refuses
        certificate_issue(case=first.case, kind="no_mediation", by=coordinator, today=ISSUED)
    second = declined_case(by=coordinator, child_first_name="Ava")
    with pytest.raises(ServiceError, match="owed a certificate"):
        certificate_issue(case=second, kind="not_arranged", by=coordinator, today=ISSUED)
    assert Certificate.objects.count() == 1
    again = certificate_issue(case=second, kind="no_mediation", by=coordinator, today=ISSUED)
    assert again.number == "CERT-2026-00002"


def test_a_case_not_owed_a_certificate_is_refused(coordinator) -> None:
    from senmediation.cases.tests.factories import case_make

    case = case_make(by=coordinator)
    with pytest.raises(ServiceError):
        certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)
    assert not Certificate.objects.exists()
    assert not default_storage.exists("certificates")


def test_large_print_and_easy_read_follow_the_familys_adjustments(coordinator) -> None:
    case = declined_case(by=coordinator)
    Party.objects.filter(case=case).update(adjustments=["large_print", "easy_read"])
    certificate = certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)
    assert certificate.large_print and certificate.easy_read
    reader, text = pdf_text(certificate_pdf_bytes(certificate))
    assert "You told us you do not want mediation" in text
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.append(size * tm[0] * cm[0] if tm[0] and cm[0] else size)

    reader.pages[0].extract_text(visitor_text=visit)
    assert min(sizes) >= 18  # large print: no body text under 18pt


def test_reissue_makes_a_new_version_and_keeps_the_old(coordinator, manager) -> None:
    case = declined_case(by=coordinator)
    original = certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)
    original_bytes = certificate_pdf_bytes(original)
    case.child_first_name = "Samir"
    case.save()
    corrected = certificate_reissue(certificate=original, by=manager, reason="Child's name misspelt",
                                    today=dt.date(2026, 11, 30))
    assert (corrected.number, corrected.version, corrected.supersedes_id) == (original.number, 2, original.pk)
    assert corrected.issued_on == original.issued_on  # the appeal deadline does not move
    assert corrected.appeal_deadline == original.appeal_deadline
    _, text = pdf_text(certificate_pdf_bytes(corrected))
    assert "Samir Patel" in text and "corrected certificate" in text
    original.refresh_from_db()
    assert original.child_name == "Sam Patel" and not original.is_current
    assert certificate_pdf_bytes(original) == original_bytes
    with pytest.raises(ServiceError, match="newer version"):
        certificate_reissue(certificate=original, by=manager, reason="Again")
    with pytest.raises(ServiceError, match="why"):
        certificate_reissue(certificate=corrected, by=manager, reason=" ")
    case.refresh_from_db()
    assert case.state == "certificate_issued"


def test_certificates_cannot_be_changed_deleted_or_swapped(coordinator) -> None:
    certificate = certificate_issue(case=declined_case(by=coordinator), kind="no_mediation", by=coordinator,
                                    today=ISSUED)
    certificate.person_name = "Someone else"
    with pytest.raises(ImmutableError):
        certificate.save()
    with pytest.raises(ImmutableError):
        certificate.delete()
    with pytest.raises(ImmutableError):
        Certificate.objects.filter(pk=certificate.pk).update(person_name="Someone else")
    with pytest.raises(ImmutableError):
        Certificate.objects.filter(pk=certificate.pk).delete()
    fresh = Certificate.objects.get(pk=certificate.pk)
    assert fresh.person_name == "Ravi Patel"
    # Someone alters the stored file: the checksum catches it and nothing is sent.
    with default_storage.open(fresh.file.name, "wb") as stored:
        stored.write(b"%PDF-1.7 forged")
    with pytest.raises(TamperedError):
        certificate_pdf_bytes(fresh)


def test_after_mediation_needs_what_was_resolved_and_prints_it(coordinator, mediator) -> None:
    from senmediation.cases.services.details import case_mediator_assign
    from senmediation.cases.services.transitions import case_transition
    from senmediation.meetings.models import Meeting

    from .helpers import OPENED, mediation_case

    case = mediation_case(by=coordinator)
    case_transition(case=case, action="notify_la", by=coordinator, today=OPENED)
    case_mediator_assign(case=case, mediator=mediator, by=coordinator)
    case_transition(case=case, action="start_preparation", by=coordinator, today=OPENED)
    Meeting.objects.create(case=case, starts_at=dt.datetime(2026, 12, 8, 10, tzinfo=dt.UTC),
                           notice_sent_on=dt.date(2026, 11, 24))
    held = dt.date(2026, 12, 8)
    case_transition(case=case, action="schedule_meeting", by=coordinator, today=dt.date(2026, 11, 24))
    case_transition(case=case, action="hold_meeting", by=mediator, today=held)
    case_transition(case=case, action="record_no_agreement", by=mediator, today=held)
    with pytest.raises(ServiceError, match="resolved"):
        certificate_issue(case=case, kind="after_mediation", by=coordinator, today=held)
    certificate = certificate_issue(case=case, kind="after_mediation", by=coordinator, today=dt.date(2026, 12, 9),
                                    resolved_summary="Agreed: a review meeting. Not agreed: therapy hours.")
    _, text = pdf_text(certificate_pdf_bytes(certificate))
    assert "Mediation has taken place" in text and "Not agreed: therapy hours." in text
    # 1 month after 9 December is 9 January 2027, later than 2 January (2 months after the notice).
    assert certificate.appeal_deadline == dt.date(2027, 1, 11)  # 9 January is a Saturday
    assert Deadline.objects.get(case=case, clock="certificate_after_mediation").met_on == dt.date(2026, 12, 9)


def test_the_certificate_is_sent_to_the_family_the_way_they_prefer(coordinator, django_capture_on_commit_callbacks):
    from django.core import mail

    from senmediation.notifications.models import Message

    case = declined_case(by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)
    message = Message.objects.get(case=case, template_key="certificate_issued")
    assert message.channel == "email" and message.status == "sent"
    family_mail = [m for m in mail.outbox if "ravi@example.com" in m.to]
    assert len(family_mail) == 1
    name, content, mimetype = family_mail[0].attachments[0]
    assert name.startswith(certificate.number) and mimetype == "application/pdf" and content.startswith(b"%PDF-")
