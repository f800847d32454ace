"""End to end: a scheduled case through the meeting, a three-item SMART agreement, the PDF read back,
a copy to every party, the certificate after mediation on time, one action done and one going late with
the coordinator told."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from senmediation.agreements.models import AgreementDelivery, AgreementItem, ItemReminder
from senmediation.agreements.selectors import agreement_for_case, agreement_open_items_count, agreement_resolved_summary
from senmediation.agreements.tasks import agreement_items_sweep_task
from senmediation.agreements.tests.helpers import MEETING_AT, case_at_meeting, sent  # noqa: F401
from senmediation.documents.models import Certificate
from senmediation.documents.services.certificates import certificate_pdf_bytes
from testsupport.fixtures import client_for

pytestmark = pytest.mark.django_db


def test_meeting_to_agreement_to_follow_up(coordinator, mediator, sent, time_machine) -> None:  # noqa: F811
    time_machine.move_to(MEETING_AT, tick=False)
    mediator_client = client_for(mediator)  # signed in after the clock moves: idle sessions expire
    coordinator.email = "cora@example.org"
    coordinator.save()
    case = case_at_meeting(coordinator=coordinator, mediator=mediator)
    base = f"/staff/cases/{case.reference}/agreement/"
    p = {party.role: party for party in case.parties.all()}

    # The meeting: who is here, the ground rules, and the session that records it was held.
    assert mediator_client.get(base + "meeting/").status_code == 200
    for data in ({"att-party": p["parent"].pk, "att-role": "parent"},
                 {"att-party": p["la_officer"].pk, "att-role": "la_decision_maker", "att-has_authority": "yes"},
                 {"att-name": "Ann Advocate", "att-role": "supporter"}):
        assert mediator_client.post(base + "meeting/attendance/", data).status_code == 302
    mediator_client.post(base + "meeting/ground-rules/",
                         {"gr-rules": ["confidentiality", "respect", "listening", "impartiality"]})
    mediator_client.post(base + "meeting/session/start/")
    case.refresh_from_db()
    assert case.state == "held"
    assert case.deadlines.get(clock="mediation_held").met_on == dt.date(2026, 12, 15)

    # Three items; the LA's plan amendment takes the 5-week timescale by default (reg 44 via reg 42(2)).
    items = [
        {"owner": p["la_officer"].pk, "la_action": "amend_plan",
         "action": "Send the amended EHC plan with 2 hours of speech and language therapy a week",
         "measure": "The family receive the amended plan by post and e-mail"},
        {"owner": p["school"].pk, "action": "Set up a quiet room for Sam at lunchtimes",
         "due_0": "29", "due_1": "12", "due_2": "2026", "measure": "Sam tells his dad he has used it"},
        {"owner": p["parent"].pk, "action": "Send the OT report to the school as soon as possible",
         "due_0": "8", "due_1": "1", "due_2": "2027", "measure": "The SENCo confirms she has it"},
    ]
    for item in items:
        response = mediator_client.post(base, {"agreed": "yes", **item}, follow=True)
        assert response.status_code == 200
    html = response.content.decode()
    assert "&quot;as soon as possible&quot; can mean different things" in html  # a hint, not a block
    agreement = agreement_for_case(case)
    amend, quiet_room, report = list(agreement.items.order_by("order"))
    assert amend.due == dt.date(2026, 12, 15) + dt.timedelta(weeks=5) == dt.date(2027, 1, 19)

    mediator_client.post(base + "meeting/session/end/", {"end-how": "ended"})
    issue = case.issues.get()
    mediator_client.post(base + "meeting/issues/", {f"io-issue_{issue.pk}": "agreed"})

    # Finalise, then read the PDF back.
    response = mediator_client.post(base + "finalise/", follow=True)
    assert "The agreement is final" in response.content.decode()
    case.refresh_from_db()
    assert case.state == "agreement_recorded" and case.meeting_outcome == "agreement"
    response = mediator_client.get(base + "agreement.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in ("Ravi Patel", "Jo Bloggs", "Priya Shah", "Send the amended EHC plan", "quiet room",
                     "OT report", "19 January 2027", "29 December 2026", "8 January 2027", "15 December 2026"):
        assert expected in text, expected
    assert reader.metadata.title.startswith("Mediation agreement")
    assert agreement_resolved_summary(agreement) == (
        'The parties reached agreement on "Speech and language therapy hours".')

    # A copy to every party, each recorded.
    mediator_client.post(base + "copies/")
    assert set(AgreementDelivery.objects.values_list("party__role", flat=True)) == {"parent", "la_officer", "school"}
    assert sum(1 for call in sent if call["template_key"] == "agreement_copy") == 3

    # The certificate after mediation (reg 39: within 3 working days), saying what was resolved.
    page = mediator_client.get(f"/staff/cases/{case.reference}/documents/certificates/issue/").content.decode()
    assert "The parties reached agreement on" in page  # the form starts from the agreement's summary
    response = mediator_client.post(f"/staff/cases/{case.reference}/documents/certificates/issue/", {
        "kind": "after_mediation", "resolved_summary": agreement_resolved_summary(agreement)}, follow=True)
    assert response.status_code == 200
    certificate = Certificate.objects.get(case=case)
    clock = case.deadlines.get(clock="certificate_after_mediation")
    assert clock.met_on == dt.date(2026, 12, 15) <= clock.due_date and clock.status == "met"
    certificate_text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(certificate_pdf_bytes(certificate))).pages)
    assert certificate.number in certificate_text and "Speech and language therapy hours" in certificate_text
    # The appeal deadline: the later of 2 months from the decision and 1 month from the certificate.
    assert certificate.appeal_deadline is not None and certificate.appeal_deadline >= dt.date(2027, 1, 15)

    # Follow-up: the school's item goes late and the coordinator hears; the report is marked done.
    time_machine.move_to(dt.datetime(2026, 12, 30, 7, tzinfo=dt.UTC), tick=False)
    agreement_items_sweep_task.enqueue()
    quiet_room.refresh_from_db()
    assert quiet_room.status == AgreementItem.Status.LATE
    assert ItemReminder.objects.filter(item=quiet_room, kind="late").exists()
    late = [c for c in sent if c["idempotency_key"] == f"agreement-item-{quiet_room.pk}-late"]
    assert len(late) == 1 and late[0]["to_email"] == "cora@example.org"

    time_machine.move_to(dt.datetime(2027, 1, 6, 12, tzinfo=dt.UTC), tick=False)
    coordinator_client = client_for(coordinator)
    response = coordinator_client.post(base + f"follow-up/items/{report.pk}/done/",
                                       {f"done{report.pk}-on_0": "5", f"done{report.pk}-on_1": "1",
                                        f"done{report.pk}-on_2": "2027"}, follow=True)
    assert "Item 3 marked as done" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "done" and report.done_on == dt.date(2027, 1, 5)
    assert agreement_open_items_count(case) == 2
