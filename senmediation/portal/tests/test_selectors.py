"""What each reader may see of the summaries: the other sides once exchanged, and the note for the mediator only
only for the case's mediator and managers."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from senmediation.cases.models import Case, Party
from senmediation.cases.tests.factories import case_make
from senmediation.portal.models import Purpose
from senmediation.portal.selectors import (
    ExchangedSummary,
    exchanged_summaries_for,
    summary_latest_for,
    summary_rows_for,
)
from senmediation.portal.services.exchange import summaries_release, summary_record
from senmediation.portal.services.links import party_link_create
from senmediation.portal.services.submissions import summary_submit
from testsupport.fixtures import client_for, mediator_make

pytestmark = pytest.mark.django_db

NOTE = "My husband and I are separating; please do not raise it in front of the council."


@pytest.fixture
def case(coordinator, mediator) -> Case:  # type: ignore[no-untyped-def]
    made = case_make(by=coordinator)
    Party.objects.create(case=made, role=Party.Role.LA_OFFICER, name="Lee Officer", organisation="Trafford Council")
    Case.objects.filter(pk=made.pk).update(mediator=mediator)
    made.refresh_from_db()
    return made


def _parent_sends(case: Case, coordinator, text: str = "We want more therapy", note: str = NOTE) -> None:  # type: ignore[no-untyped-def]
    link, _ = party_link_create(party=case.parties.get(role="parent"), purpose=Purpose.SUMMARY_AND_ISSUES,
                                by=coordinator)
    summary_submit(link=link, text=text, issues=["Therapy hours", "Transport"], mediator_only=note)


def test_nothing_is_shown_before_the_exchange(case, coordinator) -> None:
    _parent_sends(case, coordinator)
    officer = case.parties.get(role="la_officer")
    assert exchanged_summaries_for(officer) is None


def test_after_the_exchange_each_side_sees_the_others_never_the_note(
    case, coordinator, django_assert_max_num_queries
) -> None:
    _parent_sends(case, coordinator, text="First thoughts")
    _parent_sends(case, coordinator, text="We want more therapy")  # changed before the exchange: the newest counts
    officer = case.parties.get(role="la_officer")
    summary_record(case=case, party=officer, text="The LA will review provision", by=coordinator)
    with time_machine.travel(dt.datetime(2026, 12, 10, 9, 0, tzinfo=dt.UTC)):
        summaries_release(case=case, by=coordinator)
    with django_assert_max_num_queries(3):
        seen_by_officer = exchanged_summaries_for(officer)
    assert seen_by_officer == [ExchangedSummary(
        side="Ravi Patel (parent or carer)", text="We want more therapy", issues=("Therapy hours", "Transport"),
        sent_at=summary_latest_for(case.parties.get(role="parent")).submitted_at,  # type: ignore[union-attr]
    )]
    assert NOTE not in repr(seen_by_officer)
    seen_by_parent = exchanged_summaries_for(case.parties.get(role="parent"))
    assert [(s.side, s.text, s.issues) for s in seen_by_parent or []] == [
        ("Trafford Council", "The LA will review provision", ())]


def test_a_summary_recorded_after_the_exchange_is_not_shown_as_exchanged(case, coordinator) -> None:
    _parent_sends(case, coordinator)
    officer = case.parties.get(role="la_officer")
    with time_machine.travel(dt.datetime(2026, 12, 10, 9, 0, tzinfo=dt.UTC)):
        summary_record(case=case, party=officer, text="Sent in time", by=coordinator)
        summaries_release(case=case, by=coordinator)
    with time_machine.travel(dt.datetime(2026, 12, 11, 9, 0, tzinfo=dt.UTC)):
        summary_record(case=case, party=officer, text="Too late to share", by=coordinator)
    texts = [s.text for s in exchanged_summaries_for(case.parties.get(role="parent")) or []]
    assert texts == ["Sent in time"]


def test_the_case_mediator_and_managers_read_the_note(case, coordinator, mediator, manager) -> None:
    _parent_sends(case, coordinator)
    for reader in (mediator, manager):
        _, rows = summary_rows_for(user=reader, case=case)
        parent_row = next(row for row in rows if row.party.role == "parent")
        assert (parent_row.has_mediator_only, parent_row.mediator_only) == (True, NOTE)


def test_a_coordinator_sees_only_that_there_is_a_note(case, coordinator) -> None:
    _parent_sends(case, coordinator)
    _, rows = summary_rows_for(user=coordinator, case=case)
    parent_row = next(row for row in rows if row.party.role == "parent")
    assert (parent_row.has_mediator_only, parent_row.mediator_only) == (True, None)
    assert NOTE not in repr(parent_row)
    officer_row = next(row for row in rows if row.party.role == "la_officer")
    assert (officer_row.summary, officer_row.has_mediator_only) == (None, False)


def test_another_mediator_does_not_read_it(case, coordinator) -> None:
    _parent_sends(case, coordinator)
    someone_else = mediator_make("mediator_two")
    _, rows = summary_rows_for(user=someone_else, case=case)
    assert [row.mediator_only for row in rows if row.party.role == "parent"] == [None]


@pytest.mark.parametrize(("who", "note_shown", "flag_shown"), [
    ("coordinator", False, True), ("manager", True, False), ("mediator", True, False),
])
def test_the_staff_summaries_page_for_each_role(case, coordinator, manager, mediator, who, note_shown,
                                                flag_shown) -> None:
    _parent_sends(case, coordinator)
    user = {"coordinator": coordinator, "manager": manager, "mediator": mediator}[who]
    response = client_for(user).get(f"/staff/cases/{case.reference}/summaries/")
    assert response.status_code == 200
    html = response.content.decode()
    assert (NOTE.replace("'", "&#x27;") in html) is note_shown
    assert ("Only the case's mediator and managers can read it." in html) is flag_shown
    assert "Therapy hours" in html
