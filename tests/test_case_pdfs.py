"""Every PDF made for a case names it: the case reference and the child, read back from the PDF itself.

Certificates of every kind (and a corrected one, and one issued to a young person), the letters to the local
authority and the ICB, the mediation agreement in each of its versions, and the letters the print queue holds.
A complaint response names the case the complainant gave and nothing else of it: the case is linked from a
reference typed on a public form, so the letter must not tell that person the child's name.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from senmediation.agreements import services as agreements
from senmediation.agreements.delivery import agreement_pdf_stored
from senmediation.agreements.pdf import agreement_pdf_bytes
from senmediation.agreements.tests.helpers import MEETING_AT, MEETING_DAY, case_at_meeting, meeting_under_way
from senmediation.cases.models import Case, Party
from senmediation.cases.services.details import case_mediator_assign
from senmediation.cases.services.not_arranged import case_not_arranged_record
from senmediation.cases.services.opening import PartyInput
from senmediation.cases.services.transitions import case_transition
from senmediation.directory.models import IntegratedCareBoard
from senmediation.documents.models import Certificate
from senmediation.documents.services.certificates import certificate_issue, certificate_pdf_bytes, certificate_reissue
from senmediation.documents.services.letters import icb_notify, la_notify
from senmediation.documents.tests.helpers import ISSUED, OPENED, declined_case, mediation_case, pdf_text
from senmediation.feedback.services.complaints import complaint_respond
from senmediation.feedback.tests.factories import complaint_make
from senmediation.meetings.models import Meeting
from senmediation.notifications.models import Message
from senmediation.notifications.services import notification_send
from senmediation.rules.eligibility import Element

pytestmark = pytest.mark.django_db

CHILD = "Sam Patel"  # the child of cases.tests.factories.case_make


def _names_the_case(data: bytes, case: Case) -> str:
    _, text = pdf_text(data)
    assert f"Our reference: {case.reference}" in text
    assert CHILD in text
    return text


# --- Certificates ------------------------------------------------------------------------------------------


def _no_mediation(coordinator: Any, mediator: Any) -> Certificate:
    case = declined_case(by=coordinator)
    return certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)


def _not_arranged(coordinator: Any, mediator: Any) -> Certificate:
    case = mediation_case(by=coordinator)
    case_transition(case=case, action="notify_la", by=coordinator, today=OPENED)
    told = dt.date(2026, 11, 30)
    case_not_arranged_record(case=case, by=coordinator, adviser_told_on=told, today=told)
    return certificate_issue(case=case, kind="not_arranged", by=coordinator, today=told)


def _after_mediation(coordinator: Any, mediator: Any) -> Certificate:
    case = mediation_case(by=coordinator)
    case_transition(case=case, action="notify_la", by=coordinator, today=OPENED)
    case_mediator_assign(case=case, mediator=mediator, by=coordinator)
    case_transition(case=case, action="start_preparation", by=coordinator, today=OPENED)
    held = dt.date(2026, 12, 8)
    Meeting.objects.create(case=case, starts_at=dt.datetime(2026, 12, 8, 10, tzinfo=dt.UTC),
                           notice_sent_on=dt.date(2026, 11, 24))
    case_transition(case=case, action="schedule_meeting", by=coordinator, today=dt.date(2026, 11, 24))
    case_transition(case=case, action="hold_meeting", by=mediator, today=held)
    case_transition(case=case, action="record_no_agreement", by=mediator, today=held)
    return certificate_issue(case=case, kind="after_mediation", by=coordinator, today=dt.date(2026, 12, 9),
                             resolved_summary="Agreed: a review meeting. Not agreed: therapy hours.")


@pytest.mark.parametrize("issue", [_no_mediation, _not_arranged, _after_mediation], ids=lambda f: f.__name__[1:])
def test_every_kind_of_certificate_prints_the_case_reference_and_the_child(coordinator, mediator, issue) -> None:
    certificate = issue(coordinator, mediator)
    text = _names_the_case(certificate_pdf_bytes(certificate), certificate.case)
    assert f"Certificate number: {certificate.number} Our reference: {certificate.case.reference}" in text
    assert f"Child or young person {CHILD}" in text


def test_a_corrected_certificate_keeps_the_reference(coordinator, manager) -> None:
    first = _no_mediation(coordinator, None)
    corrected = certificate_reissue(certificate=first, by=manager, reason="The name was misspelt.", today=ISSUED)
    text = _names_the_case(certificate_pdf_bytes(corrected), first.case)
    assert f"Certificate number: {first.number}, version 2 Our reference: {first.case.reference}" in text


def test_a_young_persons_easy_read_certificate_names_their_case(coordinator) -> None:
    case = declined_case(by=coordinator, parties=[
        PartyInput(role=Party.Role.YOUNG_PERSON, name=CHILD, email="sam@example.com", preferred_contact=["email"],
                   adjustments=["easy_read"], is_main_contact=True),
    ])
    certificate = certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)
    assert certificate.easy_read
    text = _names_the_case(certificate_pdf_bytes(certificate), case)
    assert f"Issued to {CHILD}, the young person" in text


# --- Letters to the local authority and the ICB ------------------------------------------------------------


def test_the_la_and_icb_letters_print_the_case_reference_and_the_child(coordinator) -> None:
    case = mediation_case(by=coordinator, elements=[Element.education, Element.health])
    for text in (_names_the_case(la_notify(case=case, by=coordinator, today=OPENED).file.read(), case),):
        assert f"Ravi Patel, the parent or carer of {CHILD}, has asked for mediation" in text
    if not case.local_authority.icbs.exists():
        IntegratedCareBoard.objects.create(name="NHS Greater Manchester ICB").local_authorities.add(
            case.local_authority)
    text = _names_the_case(icb_notify(case=case, by=coordinator, today=OPENED).file.read(), case)
    assert f"Please reply to us, quoting our reference {case.reference}." in text


# --- The mediation agreement --------------------------------------------------------------------------------


def test_the_agreement_in_each_version_prints_the_case_reference_and_the_child(coordinator, mediator,
                                                                               time_machine) -> None:
    time_machine.move_to(MEETING_AT, tick=False)
    case = meeting_under_way(case_at_meeting(coordinator=coordinator, mediator=mediator), mediator=mediator)
    agreement = agreements.agreement_start(case=case, by=mediator)
    school = case.parties.get(role=Party.Role.SCHOOL)
    agreements.agreement_item_add(agreement=agreement, by=mediator, owner=school, action="Give Sam a quiet room",
                                  due=dt.date(2027, 1, 8), measure="Sam tells his parent he used it",
                                  issue=case.issues.get())
    agreement = agreements.agreement_finalise(agreement=agreement, by=mediator, today=MEETING_DAY)
    expected = f"Case {case.reference}. About {CHILD}. Agreed on"  # the agreement's own reference line
    _, text = pdf_text(agreement_pdf_stored(agreement))
    assert expected in text
    parent = case.parties.get(role=Party.Role.PARENT)
    for adjustment in ("large_print", "easy_read"):
        parent.adjustments = [adjustment]
        parent.save()
        _, text = pdf_text(agreement_pdf_bytes(agreement))
        assert expected in text, adjustment


# --- Letters in the print queue ----------------------------------------------------------------------------


def test_a_case_letter_prints_the_case_reference_and_its_words_name_the_child(
        coordinator, django_capture_on_commit_callbacks) -> None:
    case = declined_case(by=coordinator)
    Party.objects.filter(case=case).update(preferred_contact=["letter"], address="1 Example Street\nSale\nM33 1AA")
    parent = case.parties.get()
    with django_capture_on_commit_callbacks(execute=True):
        certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)
        notification_send(template_key="referral_received", context={}, party=parent, idempotency_key="ack")
    letters = {m.template_key: m for m in Message.objects.filter(case=case, channel=Message.Channel.LETTER)}
    assert set(letters) == {"certificate_issued", "referral_received"}
    texts = {key: pdf_text(message.letter_file.read())[1] for key, message in letters.items()}
    for key, text in texts.items():
        assert f"Our reference: {case.reference}" in text, key
    assert "Thank you for contacting us about Sam." in texts["referral_received"]
    # The certificate letter's enclosure is the certificate, which names the child in full.
    enclosed = letters["certificate_issued"].attachments.get()
    _names_the_case(enclosed.file.read(), case)


# --- Complaint responses ------------------------------------------------------------------------------------


def test_a_complaint_response_names_the_case_given_and_not_the_child(reference_data, coordinator, manager) -> None:
    case = declined_case(by=coordinator)
    about_the_case = complaint_make(case_reference=case.reference.lower())
    complaint_respond(complaint=about_the_case, by=manager, outcome="partly", response="We are sorry.",
                      lessons_learned="", today=dt.date(2026, 11, 30))
    about_the_case.refresh_from_db()
    _, text = pdf_text(about_the_case.response_letter.read())
    assert f"Case reference: {case.reference}" in text
    assert f"Our response to your complaint {about_the_case.reference}" in text
    assert CHILD not in text and "Sam" not in text.split()

    unknown = complaint_make(case_reference="MED-1999-99999")
    complaint_respond(complaint=unknown, by=manager, outcome="not_upheld", response="We checked.",
                      lessons_learned="", today=dt.date(2026, 11, 30))
    unknown.refresh_from_db()
    _, text = pdf_text(unknown.response_letter.read())
    assert "Case reference" not in text and "MED-1999-99999" not in text
