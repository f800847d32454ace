"""Follow-up: reminders before the date, late actions chased, the family asked, items marked done."""

import datetime as dt

import pytest
from django.core.management import call_command

from senmediation.agreements import followup, services
from senmediation.agreements.models import AgreementItem, ItemReminder
from senmediation.agreements.selectors import agreement_open_items_count
from senmediation.core.errors import ServiceError

from .helpers import MEETING_AT, MEETING_DAY, case_at_meeting, meeting_under_way

pytestmark = pytest.mark.django_db


@pytest.fixture
def final(coordinator, mediator, time_machine):
    time_machine.move_to(MEETING_AT, tick=False)
    case = meeting_under_way(case_at_meeting(coordinator=coordinator, mediator=mediator), mediator=mediator)
    agreement = services.agreement_start(case=case, by=mediator)
    parties = {p.role: p for p in case.parties.all()}
    services.agreement_item_add(agreement=agreement, by=mediator, owner=parties["parent"],
                                action="Send the OT report to the school", due=dt.date(2027, 1, 8),
                                measure="The school confirms it has the report")
    services.agreement_item_add(agreement=agreement, by=mediator, owner=parties["school"],
                                action="Set up a quiet room for Sam", due=dt.date(2026, 12, 29),
                                measure="Sam uses it at lunchtimes")
    services.agreement_finalise(agreement=agreement, by=mediator, today=MEETING_DAY)
    return agreement


def items(agreement):
    return list(agreement.items.order_by("order"))


def test_sweep_reminds_before_the_date_then_marks_late_and_tells_the_coordinator(final, sent, coordinator) -> None:
    coordinator.email = "cora@example.org"
    coordinator.save()
    report, quiet_room = items(final)
    assert followup.agreement_items_sweep(today=dt.date(2026, 12, 17)) == {
        "marked_late": 0, "reminders_before_due": 0, "reminders_late": 0}
    # 5 working days before Tuesday 29 December 2026 (Christmas and Boxing Day substitute skipped).
    counts = followup.agreement_items_sweep(today=dt.date(2026, 12, 21))
    assert counts["reminders_before_due"] == 1
    assert sent[-1]["template_key"] == "action_reminder" and sent[-1]["party"] == quiet_room.owner
    assert sent[-1]["idempotency_key"] == f"agreement-item-{quiet_room.pk}-before_due"
    assert followup.agreement_items_sweep(today=dt.date(2026, 12, 22))["reminders_before_due"] == 0
    counts = followup.agreement_items_sweep(today=dt.date(2026, 12, 30))
    assert counts == {"marked_late": 1, "reminders_before_due": 0, "reminders_late": 1}
    quiet_room.refresh_from_db()
    assert quiet_room.status == AgreementItem.Status.LATE
    late = sent[-1]
    assert late["template_key"] == "action_late" and late["to_email"] == "cora@example.org"
    assert set(ItemReminder.objects.values_list("item_id", "kind")) == {
        (quiet_room.pk, "before_due"), (quiet_room.pk, "late")}
    assert followup.agreement_items_sweep(today=dt.date(2026, 12, 31))["reminders_late"] == 0
    assert report.status == "open"


def test_marking_done_and_asking_the_family(final, mediator, sent_fake, time_machine) -> None:
    report, quiet_room = items(final)
    assert agreement_open_items_count(final.case) == 2
    time_machine.move_to(dt.datetime(2027, 1, 5, 12, tzinfo=dt.UTC), tick=False)
    with pytest.raises(ServiceError, match="future"):
        followup.agreement_item_mark_done(item=report, by=mediator, on=dt.date(2027, 1, 6))
    followup.agreement_item_mark_done(item=report, by=mediator, on=dt.date(2027, 1, 4))
    assert agreement_open_items_count(final.case) == 1
    followup.agreement_item_family_ask(item=quiet_room, by=mediator)
    assert sent_fake[-1]["template_key"] == "action_check"
    assert sent_fake[-1]["party"].role == "parent"
    followup.agreement_item_family_confirm(item=quiet_room, happened=True)
    quiet_room.refresh_from_db()
    assert quiet_room.family_confirmed is True and quiet_room.family_asked_on == dt.date(2027, 1, 5)
    # Done items are left alone by the sweep.
    assert followup.agreement_items_sweep(today=dt.date(2027, 2, 1))["marked_late"] == 1


def test_the_management_command_runs_the_sweep(final, sent, capsys) -> None:
    call_command("agreement_followup")
    assert "Agreement follow-up done" in capsys.readouterr().out
