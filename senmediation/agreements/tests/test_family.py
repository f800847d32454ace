"""What was agreed, for the family's page: each agreed action with who, by when and whether it is done or late."""

from __future__ import annotations

import datetime as dt

import pytest

from senmediation.agreements.family import FamilyAgreedAction, family_agreed_actions
from senmediation.rules.agreement_late import Progress, TimeLimit

from .family_world import SEEN_ON, agreed_world

pytestmark = pytest.mark.django_db
SEND = "SEND Regulations 2014 (SI 2014/1530)"


@pytest.fixture
def world(coordinator, mediator, time_machine):
    return agreed_world(coordinator=coordinator, mediator=mediator, time_machine=time_machine)


def test_each_agreed_action_with_who_when_and_where_it_stands(world) -> None:
    rows = {row.item_id: row for row in family_agreed_actions(world.case, today=SEEN_ON)}
    items = world.items
    assert list(rows) == [items[k].pk for k in (
        "la_visit", "la_draft", "icb_referral", "school_room", "parent_report", "la_done", "la_keep")]
    assert rows[items["la_visit"].pk] == FamilyAgreedAction(
        item_id=items["la_visit"].pk, what="Arrange a visit to Oak Primary School with Sam's parents",
        how_we_will_know="The visit date is sent to the parents", who=world.case.local_authority.name,
        owner_role="la_officer", body="the local authority", agreed_on=dt.date(2026, 12, 15),
        due=dt.date(2026, 12, 29), due_text="Tuesday 29 December 2026",
        time_limit=TimeLimit("the local authority has 2 weeks from the date of the agreement to do it",
                             f"{SEND} regulation 42(3)"),
        progress=Progress.late, done_on=None, letter_offered=True)
    draft = rows[items["la_draft"].pk]
    assert (draft.due, draft.progress, draft.letter_offered) == (dt.date(2027, 1, 19), Progress.due, False)
    assert draft.time_limit is not None and draft.time_limit.citation == f"{SEND} regulations 42(2) and 44(2)(c)(i)"
    icb = rows[items["icb_referral"].pk]
    assert (icb.who, icb.body, icb.progress, icb.letter_offered) == (
        "Greater Manchester ICB", "the integrated care board", Progress.late, True)
    school = rows[items["school_room"].pk]
    assert (school.who, school.progress, school.letter_offered, school.time_limit) == (
        "Oak Primary School", Progress.late, False, None)
    parent = rows[items["parent_report"].pk]
    assert (parent.who, parent.progress, parent.letter_offered) == (
        world.parties["parent"].name, Progress.due, False)
    done = rows[items["la_done"].pk]
    assert (done.progress, done.done_on, done.letter_offered) == (Progress.done, dt.date(2026, 12, 22), False)
    keep = rows[items["la_keep"].pk]
    assert (keep.progress, keep.letter_offered) == (Progress.ongoing, False)


def test_nothing_until_the_agreement_is_final(coordinator, mediator, time_machine) -> None:
    from senmediation.agreements import services

    from .helpers import MEETING_AT, case_at_meeting, meeting_under_way

    time_machine.move_to(MEETING_AT, tick=False)
    case = meeting_under_way(case_at_meeting(coordinator=coordinator, mediator=mediator), mediator=mediator)
    agreement = services.agreement_start(case=case, by=mediator)
    services.agreement_item_add(agreement=agreement, by=mediator, owner=case.parties.get(role="parent"),
                                action="Send the OT report to the school", due=dt.date(2027, 1, 8),
                                measure="The school confirms it has the report")
    assert family_agreed_actions(case, today=SEEN_ON) == []


def test_one_query_whatever_the_number_of_actions(world, django_assert_max_num_queries) -> None:
    la_name = world.case.local_authority.name
    case = type(world.case).objects.get(pk=world.case.pk)
    with django_assert_max_num_queries(1):
        rows = family_agreed_actions(case, today=SEEN_ON)
    assert (len(rows), rows[0].who) == (7, la_name)
    # Forty more actions for the LA, the ICB and the school: still one query.
    keep = world.items["la_keep"]
    for n in range(40):
        keep.pk, keep.order, keep.owner = None, 10 + n, list(world.parties.values())[n % len(world.parties)]
        keep.save()
    with django_assert_max_num_queries(1):
        rows = family_agreed_actions(case, today=SEEN_ON)
    assert len(rows) == 47



def test_the_sweep_never_marks_keeping_the_plan_late_nor_reminds_about_it(world, sent) -> None:
    """reg 44(2)(g) 'continue to maintain the plan' is due the day of the agreement (0 weeks); it used to be marked
    late the next day, while the family's page shows it as ongoing."""
    from senmediation.agreements.followup import agreement_items_sweep
    from senmediation.agreements.models import ItemReminder

    keep = world.items["la_keep"]
    agreement_items_sweep(today=dt.date(2026, 12, 16))
    keep.refresh_from_db()
    assert keep.status == "open"
    assert not ItemReminder.objects.filter(item=keep).exists()
    assert not [call for call in sent if call["idempotency_key"].startswith(f"agreement-item-{keep.pk}-")]
    row = {r.item_id: r for r in family_agreed_actions(world.case, today=dt.date(2026, 12, 16))}[keep.pk]
    assert row.progress is Progress.ongoing
