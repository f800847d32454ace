"""The bulk demo generator: its cases must look like cases the services made, on either database."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict

import pytest
from django.db import connection

from senmediation.accounts.models import User
from senmediation.cases.models import Case, CaseEvent, Deadline, ReferenceCounter
from senmediation.cases.services.deadlines import CHASED_STATUSES, DUE_SOON_WORKING_DAYS
from senmediation.core import clock
from senmediation.demodata.generator import cases_generate
from senmediation.demodata.reference import demo_reference_data_load, demo_users_create
from senmediation.demodata.walk import chunk_rows
from senmediation.demodata.world import _world, chunks_plan
from senmediation.documents.models import Certificate, Document
from senmediation.documents.services.certificates import certificate_pdf_bytes
from senmediation.meetings.models import Meeting
from senmediation.rules.deadlines import CLOCK_RULES, Clock, clock_status
from senmediation.rules.workflow import TRANSITIONS, Action, CaseType, State

N = 200
TODAY = dt.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _shared_specimens(monkeypatch):  # type: ignore[no-untyped-def]
    """These tests check the rows the bulk generator writes, so they take its shared-specimen path: rendering
    each case's own PDFs is tested in test_demo_documents.py."""
    from senmediation.demodata import generator

    monkeypatch.setattr(generator, "OWN_DOCUMENTS_BELOW", 0)


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    demo_reference_data_load()
    demo_users_create(password="a long demo password 2026")
    made = cases_generate(count=N, seed=7, today=TODAY, processes=1)
    assert made == N
    return Case.objects.all()


def _events_by_case() -> dict[int, list[CaseEvent]]:
    out: dict[int, list[CaseEvent]] = defaultdict(list)
    for event in CaseEvent.objects.order_by("case_id", "at", "id"):
        out[event.case_id].append(event)
    return out


def test_timelines_are_dated_in_order_in_the_past_with_5_to_30_entries(demo) -> None:  # type: ignore[no-untyped-def]
    end_of_yesterday = dt.datetime.combine(TODAY, dt.time(0), tzinfo=clock.LONDON)
    events = _events_by_case()
    assert set(events) == set(demo.values_list("id", flat=True))
    for case in demo:
        timeline = events[case.id]
        assert 5 <= len(timeline) <= 30, case.reference
        assert timeline[0].kind == CaseEvent.Kind.OPENED
        assert clock.local(timeline[0].at).date() == case.opened_on
        assert all(e.at < end_of_yesterday for e in timeline), case.reference
        # Ids follow the order things happened, so the timeline reads the same by id or by time.
        assert [e.id for e in timeline] == sorted(e.id for e in timeline)


def test_each_case_state_is_where_its_steps_led_through_the_workflow(demo) -> None:  # type: ignore[no-untyped-def]
    events = _events_by_case()
    for case in demo:
        state = State.enquiry
        for event in events[case.id]:
            if event.kind != CaseEvent.Kind.TRANSITION:
                continue
            assert event.from_state == state.value, case.reference
            # The guards held when the step was taken (the generator asked check_transition); here each
            # step must be a row of the table for this case type.
            [transition] = [t for t in TRANSITIONS if t.from_state is state and t.action.value == event.action
                            and CaseType(case.case_type) in t.case_types]
            assert transition.to_state.value == event.to_state
            state = transition.to_state
        assert case.state == state.value, case.reference
        assert (case.closed_on is not None) == (state in (State.closed, State.withdrawn))


def test_a_case_shown_as_certificate_issued_has_its_certificate_and_the_file_is_served(demo) -> None:  # type: ignore[no-untyped-def]
    issued = [c for c in demo if c.certificate_issued_on is not None]
    assert issued, "the sample should include issued certificates"
    # Some open cases show their certificate (certificate issued, or following up an agreement after it).
    assert demo.filter(certificate_issued_on__isnull=False).exclude(
        state__in=[State.closed.value, State.withdrawn.value]).exists()
    certificates = {c.case_id: c for c in Certificate.objects.all()}
    assert set(certificates) == {c.id for c in issued}
    for case in issued:
        certificate = certificates[case.id]
        assert certificate.issued_on == case.certificate_issued_on
        issue_events = CaseEvent.objects.filter(case=case, action=Action.issue_certificate.value)
        assert [clock.local(e.at).date() for e in issue_events] == [certificate.issued_on]
    pdf = certificate_pdf_bytes(next(iter(certificates.values())))
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == next(iter(certificates.values())).sha256
    numbers = [c.number for c in Certificate.objects.order_by("issued_on", "id")]
    assert len(set(numbers)) == len(numbers)


def test_clock_statuses_and_each_case_summary_agree_with_the_rules_for_today(demo) -> None:  # type: ignore[no-untyped-def]
    by_case: dict[int, list[Deadline]] = defaultdict(list)
    for deadline in Deadline.objects.all():
        expected = "" if deadline.stopped_on else clock_status(
            due=deadline.due_date, met_on=deadline.met_on, today=TODAY,
            due_soon_working_days=DUE_SOON_WORKING_DAYS).value
        assert deadline.status == expected
        by_case[deadline.case_id].append(deadline)
    for case in demo:
        chased = [d for d in by_case[case.id] if d.is_open and not CLOCK_RULES[Clock(d.clock)].informational
                  and d.status in CHASED_STATUSES]
        first = min(chased, key=lambda d: d.due_date) if chased else None
        assert case.next_due_date == (first.due_date if first else None)
        assert case.clock_status == (first.status if first else "")


def test_each_case_carries_its_next_meeting_and_a_demo_coordinator(demo) -> None:  # type: ignore[no-untyped-def]
    from senmediation.meetings.services import case_next_meeting_refresh

    coordinator = User.objects.get(username="coordinator")
    assert set(demo.values_list("coordinator_id", flat=True)) == {coordinator.pk}
    written = dict(demo.values_list("pk", "next_meeting_at"))
    assert any(at is not None for at in written.values())
    for case in demo:
        case_next_meeting_refresh(case)  # what the services would store
    assert dict(Case.objects.values_list("pk", "next_meeting_at")) == written


def test_the_sample_covers_every_reachable_state_type_la_and_clock_status(demo) -> None:  # type: ignore[no-untyped-def]
    states = Counter(demo.values_list("state", flat=True))
    assert {State.enquiry.value, State.information_given.value, State.closed.value,
            State.certificate_issued.value, State.scheduled.value} <= set(states)
    assert set(demo.values_list("case_type", flat=True)) == {t.value for t in CaseType}
    # Every LA that commissions the demo provider has cases; DRS cases only where it commissions DRS.
    assert set(demo.values_list("local_authority__name", flat=True)) == {"Trafford", "Manchester", "Stockport"}
    assert set(demo.filter(case_type=CaseType.disagreement_resolution.value)
               .values_list("local_authority__name", flat=True)) == {"Stockport"}
    assert {"met", "met_late", "overdue", "on_track"} <= set(Deadline.objects.values_list("status", flat=True))
    assert Meeting.objects.filter(status=Meeting.Status.HELD).exists()
    letters = set(Document.objects.filter(kind=Document.Kind.LA_NOTIFICATION).values_list("case_id", flat=True))
    assert letters == set(Case.objects.filter(la_notified_on__isnull=False).values_list("id", flat=True))


def test_every_meeting_outcome_has_its_final_agreement_with_items_and_a_real_pdf(demo) -> None:  # type: ignore[no-untyped-def]
    from senmediation.agreements.models import Agreement, AgreementItem

    events = _events_by_case()
    outcomes = dict(demo.exclude(meeting_outcome="").values_list("id", "meeting_outcome"))
    agreements = {a.case_id: a for a in Agreement.objects.prefetch_related("items")}
    assert outcomes and set(agreements) == set(outcomes)
    pdf = None
    for case_id, agreement in agreements.items():
        assert agreement.status == Agreement.Status.FINAL and agreement.pdf
        items = list(agreement.items.all())
        agreed = [i for i in items if i.agreed]
        assert items and bool(agreed) == (outcomes[case_id] == "agreement")
        assert all(i.due and i.due > agreement.agreed_on for i in agreed)
        assert all(i.status != AgreementItem.Status.DONE or i.done_on for i in items)
        assert any(e.summary.startswith("Agreement made final") for e in events[case_id])
        if pdf is None:
            with agreement.pdf.open("rb") as stored:
                pdf = stored.read()
        assert hashlib.sha256(pdf).hexdigest() == agreement.pdf_sha256
    assert pdf is not None and pdf.startswith(b"%PDF")


def test_surveys_go_to_cases_closed_after_a_meeting_or_certificate_and_answers_follow(demo) -> None:  # type: ignore[no-untyped-def]
    from senmediation.feedback.models import SurveyInvitation, SurveyResponse

    served = set(demo.filter(state=State.closed.value).exclude(meeting_outcome="", certificate_issued_on=None)
                 .values_list("id", flat=True))
    invitations = list(SurveyInvitation.objects.select_related("case"))
    assert served and {i.case_id for i in invitations} == served
    end = dt.datetime.combine(TODAY, dt.time(0), tzinfo=clock.LONDON)
    for invitation in invitations:
        assert clock.local(invitation.sent_at).date() == invitation.case.closed_on
        if invitation.answered_at:
            assert invitation.sent_at < invitation.answered_at < end
    answered = {(i.case_id, i.party_id) for i in invitations if i.answered_at}
    responses = list(SurveyResponse.objects.all())
    assert responses and {(r.case_id, r.party_id) for r in responses} == answered
    assert all(1 <= r.satisfaction <= 5 and r.source == SurveyResponse.Source.LINK for r in responses)


def test_complaints_carry_their_policy_clocks_and_a_response_letter_once_answered(db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from senmediation.demodata import walk_feedback
    from senmediation.feedback.models import Complaint
    from senmediation.rules.complaints import complaint_clocks

    monkeypatch.setattr(walk_feedback, "COMPLAINT_SHARE", 0.3)
    demo_reference_data_load()
    demo_users_create(password="a long demo password 2026")
    cases_generate(count=200, seed=3, today=TODAY, processes=1)
    complaints = list(Complaint.objects.select_related("case"))
    assert len(complaints) >= 5
    assert any(c.responded_on for c in complaints) and any(c.responded_on is None for c in complaints)
    for complaint in complaints:
        assert complaint.reference == f"CMP-{complaint.received_on.year}-{complaint.pk:05d}"
        assert complaint.case.reference == complaint.case_reference_given
        clocks = complaint_clocks(stage_started=complaint.stage_started_on)
        assert (complaint.acknowledge_by, complaint.respond_by) == (clocks.acknowledge_by, clocks.respond_by)
        assert complaint.received_on < TODAY
        assert bool(complaint.outcome) == bool(complaint.response_letter) == (complaint.responded_on is not None)
    letter = next(c for c in complaints if c.response_letter)
    with letter.response_letter.open("rb") as stored:
        assert stored.read().startswith(b"%PDF")


def test_references_continue_the_counters_and_a_second_run_adds_without_clashing(demo) -> None:  # type: ignore[no-untyped-def]
    references = set(Case.objects.values_list("reference", flat=True))
    assert len(references) == N
    cases_generate(count=20, seed=8, today=TODAY, processes=1)
    assert Case.objects.count() == N + 20
    assert len(set(Case.objects.values_list("reference", flat=True))) == N + 20
    for counter in ReferenceCounter.objects.exclude(prefix="CERT"):
        numbers = sorted(Case.objects.filter(reference__startswith=f"{counter.prefix}-{counter.year}-")
                         .values_list("reference_number", flat=True))
        assert numbers == list(range(1, counter.last_number + 1)), counter


def test_the_same_seed_makes_the_same_cases(db) -> None:  # type: ignore[no-untyped-def]
    demo_reference_data_load()
    demo_users_create(password="a long demo password 2026")
    world = _world(count=30, seed=11, today=TODAY)
    plan = chunks_plan(world, {})
    assert chunk_rows(world, plan[0]) == chunk_rows(world, plan[0])
    other = _world(count=30, seed=12, today=TODAY)
    assert chunk_rows(other, chunks_plan(other, {})[0])[Case] != chunk_rows(world, plan[0])[Case]


def _indexes_and_foreign_keys() -> tuple[set[str], set[str]]:
    from django.db import connection

    from senmediation.demodata import writer

    with connection.cursor() as cursor:
        found = writer._deferrable(cursor, [model._meta.db_table for model in writer.MODELS])
    return {name for name, _ in found.indexes}, {name for _, name, _ in found.foreign_keys}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are deferred on PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_a_large_load_puts_back_every_index_and_foreign_key_it_took_off() -> None:
    from senmediation.demodata import writer

    demo_reference_data_load()
    demo_users_create(password="a long demo password 2026")
    indexes, foreign_keys = _indexes_and_foreign_keys()
    assert "deadline_chased_open_due" in indexes and "event_case_at" in indexes
    assert len(foreign_keys) >= 10
    assert cases_generate(count=300, seed=5, today=TODAY, processes=2, defer_constraints=True) == 300
    assert _indexes_and_foreign_keys() == (indexes, foreign_keys)
    # And when the load fails half-way, they are still put back.
    with pytest.raises(RuntimeError, match="half-way"), writer.constraints_deferred():
        assert _indexes_and_foreign_keys() == (set(), set())
        raise RuntimeError("half-way")
    assert _indexes_and_foreign_keys() == (indexes, foreign_keys)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are deferred on PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_a_row_pointing_nowhere_fails_the_load_when_its_foreign_key_is_put_back() -> None:
    from senmediation.demodata import writer

    demo_reference_data_load()
    indexes, foreign_keys = _indexes_and_foreign_keys()
    fk = "cases_caseevent_case_id_6c6031ac_fk_cases_case_id"
    assert fk in foreign_keys
    with pytest.raises(RuntimeError, match=fk) as failed, writer.constraints_deferred() as deferred:
        CaseEvent.objects.create(case_id=987654, at=clock.now(), kind=CaseEvent.Kind.NOTE, summary="orphan")
    assert "is not present in table" in str(failed.value)
    # Everything else was put back; the broken key is named, and goes back once the row is gone.
    assert _indexes_and_foreign_keys() == (indexes, foreign_keys - {fk})
    CaseEvent.objects.filter(summary="orphan").delete()
    writer.constraints_restore(writer.Deferred(foreign_keys=[f for f in deferred.foreign_keys if f[1] == fk],
                                               tables=["cases_caseevent"]))
    assert _indexes_and_foreign_keys() == (indexes, foreign_keys)
