"""What was agreed, for the family's own case page: each agreed action of the final agreement with who does it,
by when and under which regulation, and whether it is done, still due or late (rules/agreement_late.py).

Only what the agreement itself says (the words, who, the date, how everyone will know) and whether staff recorded
it done: never a follow-up note, a reminder or the family's own answer to "did it happen?". One query whatever
the number of actions. The caller has already decided that this link may see this case (a family link).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from senmediation.cases.models import Case, Party
from senmediation.rules.agreement_late import (
    Progress,
    TimeLimit,
    action_progress,
    is_ongoing,
    letter_offered,
    time_limit,
)
from senmediation.rules.calendar import format_day

from .models import Agreement, AgreementItem

# The bodies a family can write to about a late action (rules/agreement_late.py LATE_LETTER_OWNERS).
_LETTER_BODIES: dict[str, str] = {
    Party.Role.LA_OFFICER: "the local authority",
    Party.Role.ICB: "the integrated care board",
}


@dataclass(frozen=True)
class FamilyAgreedAction:
    item_id: int
    what: str
    how_we_will_know: str
    who: str  # "Trafford Council", "Oak Primary School", "Alex Jones"
    owner_role: str  # a Party.Role value, "" when nobody was named
    body: str  # "the local authority", "the integrated care board" (the letter's addressee), or ""
    agreed_on: dt.date
    due: dt.date | None
    due_text: str  # "Friday 1 January 2027", or "" when no date was agreed
    time_limit: TimeLimit | None
    progress: Progress
    done_on: dt.date | None
    letter_offered: bool

    @property
    def is_late(self) -> bool:
        return self.progress is Progress.late


def _who(item: AgreementItem, case: Case) -> str:
    owner = item.owner
    if owner is None:
        return "Not named in the agreement"
    if owner.role == Party.Role.LA_OFFICER:
        return str(case.local_authority.name)
    if owner.role == Party.Role.ICB:
        return owner.organisation or "The integrated care board"
    if owner.role == Party.Role.SCHOOL:
        return owner.organisation or "The school or college"
    if owner.role == Party.Role.INTERPRETER:
        return "The interpreter"
    return owner.name


def family_agreed_action_row(item: AgreementItem, *, today: dt.date) -> FamilyAgreedAction:
    """One row, from an item loaded with its owner and its agreement's case and local authority."""
    agreement = item.agreement
    role = item.owner.role if item.owner else ""
    ongoing = is_ongoing(item.la_action, other_timescale_agreed_in_writing=item.other_timescale_agreed_in_writing)
    progress = (Progress.done if item.status == AgreementItem.Status.DONE
                else action_progress(due=item.due, done_on=item.done_on, today=today, ongoing=ongoing))
    return FamilyAgreedAction(
        item_id=item.pk, what=item.action, how_we_will_know=item.measure, who=_who(item, agreement.case),
        owner_role=role, body=_LETTER_BODIES.get(role, ""),
        agreed_on=agreement.agreed_on, due=item.due, due_text=format_day(item.due) if item.due else "",
        time_limit=time_limit(owner_role=role, la_action=item.la_action,
                              other_timescale_agreed_in_writing=item.other_timescale_agreed_in_writing),
        progress=progress, done_on=item.done_on, letter_offered=letter_offered(progress=progress, owner_role=role),
    )


def family_agreed_items(case: Case) -> QuerySet[AgreementItem]:
    """The agreed actions of the case's final agreement, in the agreement's order (a draft shows nothing)."""
    return (
        AgreementItem.objects.filter(agreement__case=case, agreement__status=Agreement.Status.FINAL, agreed=True)
        .select_related("owner", "agreement__case__local_authority")
        .order_by("order", "id")
    )


def family_agreed_actions(case: Case, *, today: dt.date) -> list[FamilyAgreedAction]:
    """Every agreed action for the family's page, in one query."""
    return [family_agreed_action_row(item, today=today) for item in family_agreed_items(case)]
