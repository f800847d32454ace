"""The SMART agreement: items checked, legal timescales by default, finalised with a PDF, copies sent."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from senmediation.agreements import services
from senmediation.agreements.delivery import agreement_copies_send, agreement_pdf_stored
from senmediation.agreements.models import Agreement, AgreementDelivery
from senmediation.agreements.pdf import agreement_html, agreement_pdf_bytes
from senmediation.agreements.selectors import agreement_for_case, agreement_open_items_count, agreement_resolved_summary
from senmediation.cases.models import Party
from senmediation.core.errors import ServiceError
from senmediation.meetings import record

from .helpers import MEETING_AT, MEETING_DAY, case_at_meeting, meeting_under_way

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(coordinator, mediator, time_machine):
    time_machine.move_to(MEETING_AT, tick=False)
    case = meeting_under_way(case_at_meeting(coordinator=coordinator, mediator=mediator), mediator=mediator)
    return case


def parties(case):
    return {p.role: p for p in case.parties.all()}


def test_blocking_findings_stop_an_item_and_hints_come_back(held, mediator) -> None:
    agreement = services.agreement_start(case=held, by=mediator)
    assert agreement.agreed_on == MEETING_DAY
    parent = parties(held)["parent"]
    with pytest.raises(services.ItemRejected) as rejected:
        services.agreement_item_add(agreement=agreement, by=mediator, owner=None, action="Send the report",
                                    due=MEETING_DAY, measure="")
    fields = {f.field for f in rejected.value.findings}
    assert fields == {"owner", "due", "measure"}
    assert "Say who will do this" in rejected.value.message
    item, hints = services.agreement_item_add(
        agreement=agreement, by=mediator, owner=parent, action="Send the OT report as soon as possible",
        due=dt.date(2027, 1, 8), measure="The school says it has the report",
    )
    assert item.order == 1 and [h.code for h in hints] == ["vague_phrase"]
    assert '"as soon as possible"' in hints[0].message


def test_an_la_action_on_an_appealable_matter_defaults_to_the_reg_44_timescale(held, mediator) -> None:
    agreement = services.agreement_start(case=held, by=mediator)
    la = parties(held)["la_officer"]
    item, _ = services.agreement_item_add(
        agreement=agreement, by=mediator, owner=la, action="Send the amended EHC plan with 2 hours of SALT a week",
        due=None, measure="The family receive the amended plan", la_action="amend_plan",
    )
    assert item.due == MEETING_DAY + dt.timedelta(weeks=5)
    # A later date must be recorded as agreed in writing (reg 42(5)).
    with pytest.raises(services.ItemRejected, match="agreed in writing"):
        services.agreement_item_update(item=item, by=mediator, owner=la, action=item.action,
                                       due=dt.date(2027, 3, 1), measure=item.measure, la_action="amend_plan")
    item, _ = services.agreement_item_update(
        item=item, by=mediator, owner=la, action=item.action, due=dt.date(2027, 3, 1), measure=item.measure,
        la_action="amend_plan", other_timescale_agreed_in_writing=True,
    )
    assert item.due == dt.date(2027, 3, 1) and item.other_timescale_agreed_in_writing
    # Other LA actions: 2 weeks (reg 42(3)).
    other, _ = services.agreement_item_add(agreement=agreement, by=mediator, owner=la, action="Book a review meeting",
                                           due=None, measure="A date is sent to the family")
    assert other.due == MEETING_DAY + dt.timedelta(weeks=2)
    with pytest.raises(ServiceError, match="from the list"):
        services.agreement_item_add(agreement=agreement, by=mediator, owner=la, action="x", due=None, measure="y",
                                    la_action="nonsense")


def test_finalise_needs_ground_rules_and_items_then_writes_a_tagged_pdf(held, coordinator, mediator) -> None:
    agreement = services.agreement_start(case=held, by=mediator)
    with pytest.raises(ServiceError, match="at least one item"):
        services.agreement_finalise(agreement=agreement, by=mediator)
    p = parties(held)
    services.agreement_item_add(agreement=agreement, by=mediator, owner=p["school"], action="Give Sam a quiet room",
                                due=dt.date(2027, 1, 8), measure="Sam tells his parent he used it",
                                issue=held.issues.get())
    services.agreement_item_add(agreement=agreement, by=mediator, owner=None, action="A new school placement",
                                due=None, measure="", agreed=False)
    record.ground_rules_confirm(meeting=record.meeting_for_record(held), by=mediator, confidentiality=True,
                                respect=False, listening=True, impartiality=True)
    with pytest.raises(ServiceError, match="ground rules"):
        services.agreement_finalise(agreement=agreement, by=mediator)
    record.ground_rules_confirm(meeting=record.meeting_for_record(held), by=mediator, confidentiality=True,
                                respect=True, listening=True, impartiality=True)
    agreement = services.agreement_finalise(agreement=agreement, by=mediator, today=MEETING_DAY)
    held.refresh_from_db()
    assert held.state == "agreement_recorded" and held.meeting_outcome == "agreement"
    assert agreement.is_final and len(agreement.pdf_sha256) == 64
    reader = PdfReader(io.BytesIO(agreement_pdf_stored(agreement)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Give Sam a quiet room" in text and "8 January 2027" in text and "Priya Shah" in text
    assert "A new school placement" in text  # not agreed, but recorded
    assert reader.metadata.title.startswith("Mediation agreement")
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged (PDF/UA)
    with pytest.raises(ServiceError, match="final"):
        services.agreement_item_add(agreement=agreement, by=mediator, owner=p["school"], action="x",
                                    due=dt.date(2027, 1, 8), measure="y")
    assert agreement_open_items_count(held) == 1
    assert agreement_for_case(held) == agreement


def test_no_agreed_items_records_no_agreement(held, mediator) -> None:
    agreement = services.agreement_start(case=held, by=mediator)
    services.agreement_item_add(agreement=agreement, by=mediator, owner=None, action="Extra TA hours",
                                due=None, measure="", agreed=False)
    services.agreement_finalise(agreement=agreement, by=mediator, today=MEETING_DAY)
    held.refresh_from_db()
    assert held.state == "held" and held.meeting_outcome == "no_agreement"
    assert "did not reach agreement" in agreement_resolved_summary(agreement)


def test_resolved_summary_names_resolved_and_unresolved_issues(held, mediator) -> None:
    first = held.issues.get()
    second = held.issues.create(text="Transport to school", raised_by=first.raised_by)
    record.issue_outcome_set(issue=first, outcome="agreed", by=mediator)
    record.issue_outcome_set(issue=second, outcome="not_agreed", by=mediator)
    agreement = services.agreement_start(case=held, by=mediator)
    summary = agreement_resolved_summary(agreement)
    assert summary == ('The parties reached agreement on "Speech and language therapy hours". '
                       'They did not reach agreement on "Transport to school".')


def test_large_print_and_easy_read_follow_the_main_partys_adjustments(held, mediator) -> None:
    agreement = services.agreement_start(case=held, by=mediator)
    parent = parties(held)["parent"]
    parent.adjustments = ["large_print"]
    parent.save()
    html = agreement_html(agreement)
    assert 'class="large_print"' in html and "font-size: 18pt" in html and 'lang="en-GB"' in html
    parent.adjustments = ["easy_read"]
    parent.save()
    assert "What we agreed at mediation" in agreement_html(agreement)
    assert agreement_pdf_bytes(agreement).startswith(b"%PDF")


def test_a_copy_goes_to_every_party_once(held, mediator, sent) -> None:
    agreement = services.agreement_start(case=held, by=mediator)
    p = parties(held)
    services.agreement_item_add(agreement=agreement, by=mediator, owner=p["parent"], action="Send the OT report",
                                due=dt.date(2027, 1, 8), measure="The school has it")
    with pytest.raises(ServiceError, match="final"):
        agreement_copies_send(agreement=agreement, by=mediator)
    agreement = services.agreement_finalise(agreement=agreement, by=mediator, today=MEETING_DAY)
    Party.objects.create(case=held, role=Party.Role.SUPPORTER, name="Ann Advocate")  # not a party: no copy
    deliveries = agreement_copies_send(agreement=agreement, by=mediator)
    assert {d.party.role for d in deliveries} == {"parent", "la_officer", "school"}
    assert {c["idempotency_key"] for c in sent} == {f"agreement-{agreement.pk}-party-{p[r].pk}"
                                                     for r in ("parent", "la_officer", "school")}
    assert all(c["template_key"] == "agreement_copy" and c["attachments"][0].content.startswith(b"%PDF")
               for c in sent)
    assert agreement_copies_send(agreement=agreement, by=mediator) == []
    assert AgreementDelivery.objects.filter(agreement=agreement).count() == 3
    assert Agreement.objects.count() == 1
