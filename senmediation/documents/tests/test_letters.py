import pytest

from senmediation.cases.models import Deadline
from senmediation.core.errors import ServiceError
from senmediation.documents.models import Document
from senmediation.documents.services.letters import icb_notify, la_notification_prepare, la_notify
from senmediation.rules.eligibility import Element

from .helpers import OPENED, declined_case, mediation_case, pdf_text

pytestmark = pytest.mark.django_db


def test_telling_the_la_prepares_the_letter_and_starts_the_30_days(coordinator) -> None:
    case = mediation_case(by=coordinator)
    document = la_notify(case=case, by=coordinator, today=OPENED)
    case.refresh_from_db()
    assert case.state == "la_notified" and case.la_notified_on == OPENED
    clock = Deadline.objects.get(case=case, clock="mediation_held")
    assert clock.start_date == OPENED
    assert document.kind == Document.Kind.LA_NOTIFICATION and document.mimetype == "application/pdf"
    reader, text = pdf_text(document.file.read())
    assert "Trafford SEN team" in text and "Ravi Patel" in text and case.reference in text
    assert "Wednesday 23 December 2026" in text  # 30 days from 23 November
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert "Dear Trafford SEN team" in document.body_text and "23 December 2026" in document.body_text


def test_telling_the_la_emails_its_named_contact_with_the_letter(coordinator, django_capture_on_commit_callbacks):
    from django.core import mail

    case = mediation_case(by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        la_notify(case=case, by=coordinator, today=OPENED)
    sent = [m for m in mail.outbox if "sen.team@trafford.example.gov.uk" in m.to]
    assert len(sent) == 1
    assert case.reference in sent[0].subject
    assert sent[0].attachments[0][2] == "application/pdf"


def test_a_refused_step_stores_no_letter(coordinator) -> None:
    case = declined_case(by=coordinator)
    with pytest.raises(ServiceError):
        la_notify(case=case, by=coordinator, today=OPENED)
    assert not Document.objects.exists()
    assert la_notification_prepare(case=case, by=coordinator, today=OPENED).kind == "la_notification"


def test_the_icb_letter_needs_an_icb_and_health_issues(coordinator) -> None:
    from senmediation.directory.models import IntegratedCareBoard

    case = mediation_case(by=coordinator, elements=[Element.education, Element.health])
    la_notify(case=case, by=coordinator, today=OPENED)
    case.local_authority.icbs.clear()
    with pytest.raises(ServiceError, match="No integrated care board"):
        icb_notify(case=case, by=coordinator, today=OPENED)
    icb = IntegratedCareBoard.objects.create(name="NHS Greater Manchester ICB", contact_name="SEND lead")
    icb.local_authorities.add(case.local_authority)
    document = icb_notify(case=case, by=coordinator, today=OPENED)
    assert document.kind == Document.Kind.ICB_NOTIFICATION
    assert Deadline.objects.get(case=case, clock="health_issues_to_icb").met_on == OPENED
