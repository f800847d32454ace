"""A final agreement made on Tuesday 15 December 2026 with one action of each kind, for the family's page tests.

Seen on Wednesday 30 December 2026 (SEEN_ON): the LA's reg 42(3) action (due Tuesday 29 December) and the ICB's
(same date) are late, the school's action (same date) is late too but is not the LA's, the LA's draft plan
(5 weeks, reg 44(2)(c)(i): Tuesday 19 January 2027) and the parent's action are still due, keeping the plan is
ongoing, and one action is done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from senmediation.agreements import services
from senmediation.agreements.followup import agreement_item_mark_done
from senmediation.agreements.models import Agreement, AgreementItem
from senmediation.cases.models import Case, Party

from .helpers import MEETING_AT, MEETING_DAY, case_at_meeting, meeting_under_way

SEEN_ON = dt.date(2026, 12, 30)


@dataclass(frozen=True)
class AgreedWorld:
    case: Case
    agreement: Agreement
    items: dict[str, AgreementItem]
    parties: dict[str, Party]


def agreed_world(*, coordinator: Any, mediator: Any, time_machine: Any) -> AgreedWorld:
    time_machine.move_to(MEETING_AT, tick=False)
    case = meeting_under_way(case_at_meeting(coordinator=coordinator, mediator=mediator), mediator=mediator)
    Party.objects.create(case=case, role=Party.Role.ICB, name="Dr Lee", organisation="Greater Manchester ICB",
                         email="lee@example.nhs.uk", preferred_contact=["email"])
    parties = {p.role: p for p in case.parties.all()}
    agreement = services.agreement_start(case=case, by=mediator)

    def add(owner: str, action: str, measure: str, due: dt.date | None = None, la_action: str = "") -> AgreementItem:
        item, _ = services.agreement_item_add(agreement=agreement, by=mediator, owner=parties[owner], action=action,
                                              due=due, measure=measure, la_action=la_action)
        return item

    items = {
        "la_visit": add("la_officer", "Arrange a visit to Oak Primary School with Sam's parents",
                        "The visit date is sent to the parents"),
        "la_draft": add("la_officer", "Issue a draft EHC plan with 2 hours of speech therapy a week",
                        "The parents receive the draft plan", la_action="issue_draft_plan"),
        "icb_referral": add("icb", "Refer Sam to the community paediatrician", "The parents get an appointment letter"),
        "school_room": add("school", "Set up a quiet room for Sam", "Sam uses it at lunchtimes", dt.date(2026, 12, 29)),
        "parent_report": add("parent", "Send the OT report to the school", "The school confirms it has the report",
                             dt.date(2027, 1, 8)),
        "la_done": add("la_officer", "Send the parents the transport policy", "The parents have the policy"),
    }
    # Keeping the plan (reg 44(2)(g)) has no date to choose, which the builder's "date after today" check refuses,
    # so it is written as the sweep would find it: due the day of the agreement.
    items["la_keep"] = AgreementItem.objects.create(
        agreement=agreement, order=len(items) + 1, owner=parties["la_officer"], action="Keep Sam's EHC plan as it is",
        due=MEETING_DAY, measure="The plan is not ceased", la_action="continue_plan")
    not_agreed, _ = services.agreement_item_add(agreement=agreement, by=mediator, owner=parties["la_officer"],
                                                action="Pay for a taxi to school", due=None, measure="", agreed=False)
    items["not_agreed"] = not_agreed
    services.agreement_finalise(agreement=agreement, by=mediator, today=MEETING_DAY)
    time_machine.move_to(dt.datetime(2026, 12, 23, 12, tzinfo=dt.UTC), tick=False)
    agreement_item_mark_done(item=items["la_done"], by=mediator, on=dt.date(2026, 12, 22))
    time_machine.move_to(dt.datetime(2026, 12, 30, 12, tzinfo=dt.UTC), tick=False)
    agreement.refresh_from_db()
    return AgreedWorld(case=case, agreement=agreement, items=items, parties=parties)
