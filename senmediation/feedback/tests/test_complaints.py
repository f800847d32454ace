from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from pypdf import PdfReader

from senmediation.cases.models import Case
from senmediation.cases.tests.factories import case_make
from senmediation.core.errors import ServiceError
from senmediation.directory.models import ClosureDay, Provider
from senmediation.feedback.selectors import complaints_needing_action
from senmediation.feedback.services import complaints as service
from senmediation.notifications.models import Message

from .factories import complaint_make

pytestmark = pytest.mark.django_db


def test_clocks_use_the_providers_lengths_and_closures(reference_data) -> None:
    Provider.objects.filter(is_current=True).update(complaint_acknowledge_working_days=2,
                                                    complaint_response_working_days=10)
    ClosureDay.objects.create(day=dt.date(2026, 11, 3), reason="Training day")
    complaint = complaint_make(received_on=dt.date(2026, 11, 2))
    assert complaint.reference == f"CMP-2026-{complaint.pk:05d}"
    assert (complaint.stage, complaint.acknowledge_by, complaint.respond_by) == (
        1, dt.date(2026, 11, 5), dt.date(2026, 11, 17))


def test_a_case_reference_links_the_case_and_the_mediator_is_who_it_is_about(reference_data, mediator) -> None:
    case = case_make()
    Case.objects.filter(pk=case.pk).update(mediator=mediator)
    complaint = complaint_make(case_reference=case.reference.lower(), about_mediator=True)
    assert (complaint.case, complaint.about, complaint.about_text) == (case, mediator, "The mediator")
    unknown = complaint_make(case_reference="MED-1999-99999")
    assert (unknown.case, unknown.case_reference_given) == (None, "MED-1999-99999")


def test_the_contact_chosen_must_be_given(reference_data) -> None:
    with pytest.raises(ServiceError) as refusal:
        complaint_make(preferred_contact="letter", address="")
    assert (refusal.value.field, refusal.value.message) == ("address", "Enter the postal address we should use")


def test_acknowledge_sends_by_email_and_stops_the_clock(reference_data, manager,
                                                       django_capture_on_commit_callbacks) -> None:
    complaint = complaint_make()
    with django_capture_on_commit_callbacks(execute=True):
        service.complaint_acknowledge(complaint=complaint, by=manager, today=dt.date(2026, 11, 4))
    complaint.refresh_from_db()
    assert (complaint.acknowledged_on, complaint.owner) == (dt.date(2026, 11, 4), manager)
    [sent] = mail.outbox
    assert sent.to == ["ravi@example.com"]
    assert sent.subject == f"We have received your complaint ({complaint.reference})"
    assert "reply to you in full by Monday 30 November 2026" in sent.body
    with pytest.raises(ServiceError):
        service.complaint_acknowledge(complaint=complaint, by=manager, today=dt.date(2026, 11, 4))


def test_response_letter_is_a_tagged_pdf_sent_by_post_when_asked(reference_data, manager) -> None:
    complaint = complaint_make(preferred_contact="letter", email="", address="1 High Street\nSale\nM33 1AA")
    service.complaint_respond(complaint=complaint, by=manager, outcome="partly", today=dt.date(2026, 11, 20),
                              response="We should have called you back.\n\nWe are sorry.",
                              lessons_learned="Check the call list daily.")
    complaint.refresh_from_db()
    assert (complaint.responded_on, complaint.acknowledged_on, complaint.outcome) == (
        dt.date(2026, 11, 20), dt.date(2026, 11, 20), "partly")
    reader = PdfReader(io.BytesIO(complaint.response_letter.read()))
    text = "".join(page.extract_text() for page in reader.pages)
    assert f"Our response to your complaint {complaint.reference}" in text
    assert "Your complaint is partly upheld." in text
    assert "ask for a director to review" in text
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert reader.metadata.title == f"Response to complaint {complaint.reference}"
    message = Message.objects.get(template_key="complaint_response")
    assert (message.channel, message.to) == ("letter", "Ravi Patel\n1 High Street\nSale\nM33 1AA")
    assert message.attachments.get().filename == f"complaint-{complaint.reference}-response.pdf"


def test_stage_two_restarts_the_clocks_and_the_letter_names_the_cmc(reference_data, manager) -> None:
    complaint = complaint_make()
    service.complaint_respond(complaint=complaint, by=manager, outcome="not_upheld", response="We checked.",
                              lessons_learned="", today=dt.date(2026, 11, 20))
    service.complaint_escalate(complaint=complaint, by=manager, today=dt.date(2026, 11, 23))
    complaint.refresh_from_db()
    assert (complaint.stage, complaint.stage_started_on, complaint.acknowledge_by, complaint.respond_by) == (
        2, dt.date(2026, 11, 23), dt.date(2026, 11, 26), dt.date(2026, 12, 21))
    assert (complaint.acknowledged_on, complaint.responded_on, complaint.outcome, complaint.owner) == (
        None, None, "", None)
    assert "Stage 1 outcome: not upheld." in complaint.notes.last().text
    service.complaint_respond(complaint=complaint, by=manager, outcome="not_upheld", response="Reviewed.",
                              lessons_learned="", today=dt.date(2026, 12, 1))
    text = PdfReader(io.BytesIO(complaint.response_letter.read())).pages[0].extract_text()
    assert "Civil Mediation Council" in text
    with pytest.raises(ServiceError):
        service.complaint_escalate(complaint=complaint, by=manager, today=dt.date(2026, 12, 2))


def test_nobody_handles_a_complaint_about_themselves(reference_data, manager, mediator) -> None:
    from senmediation.accounts.roles import Role
    from testsupport.fixtures import user_make

    boss = user_make("boss2", Role.MANAGER)
    case = case_make()
    Case.objects.filter(pk=case.pk).update(mediator=boss)
    complaint = complaint_make(case_reference=case.reference, about_mediator=True)
    with pytest.raises(ServiceError):
        service.complaint_acknowledge(complaint=complaint, by=boss, today=dt.date(2026, 11, 3))
    with pytest.raises(ServiceError):
        service.complaint_owner_set(complaint=complaint, owner=boss, by=manager)
    with pytest.raises(ServiceError):
        service.complaint_owner_set(complaint=complaint, owner=mediator, by=manager)


def test_complaints_needing_action_are_those_overdue_or_due_soon_next_step_first(reference_data, manager) -> None:
    late = complaint_make(received_on=dt.date(2026, 11, 2))
    soon = complaint_make(received_on=dt.date(2026, 11, 25))
    complaint_make(received_on=dt.date(2026, 11, 27))  # acknowledgement due in 2 working days' time: on track
    rows = list(complaints_needing_action(user=manager, today=dt.date(2026, 11, 27)))
    assert [(c, c.next_due) for c in rows] == [(late, late.acknowledge_by), (soon, soon.acknowledge_by)]


def test_complaints_needing_action_agree_with_the_clock_rules_on_every_day(reference_data, manager) -> None:
    from senmediation.feedback.selectors import complaint_list_for

    made = [complaint_make(received_on=dt.date(2026, 12, day)) for day in (1, 10, 18, 21, 23)]
    service.complaint_acknowledge(complaint=made[1], by=manager, today=dt.date(2026, 12, 11))
    service.complaint_acknowledge(complaint=made[3], by=manager, today=dt.date(2026, 12, 22))
    day = dt.date(2026, 12, 1)
    while day <= dt.date(2027, 2, 10):  # across Christmas, New Year and the clocks' due dates
        expected = {row.complaint.pk for row in complaint_list_for(user=manager, today=day)  # judged one by one
                    if {row.acknowledge_status, row.respond_status} & {"overdue", "due_soon"}}
        listed = [c.pk for c in complaints_needing_action(user=manager, today=day)]
        assert (set(listed), len(listed)) == (expected, len(expected)), day
        day += dt.timedelta(days=1)
    assert len(complaints_needing_action(user=manager, today=dt.date(2027, 2, 10))) == 5
