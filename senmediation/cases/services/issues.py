"""Changing the issues of a case: the route, the certificate owed and the clocks follow the new issues.

The rules are in rules/issues.py (pure); this reads the case, shows the effect before anything is
saved (`case_issues_change_preview`), and saves it in one transaction (`case_issues_change`). No status
changes here: the workflow table decides which steps are open afterwards.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.rules.deadlines import Clock
from senmediation.rules.eligibility import APPEALABLE, Decision, Element, Route, route_current
from senmediation.rules.issues import ROUTE_NAMES, IssuesChange, elements_in_law, issues_change_plan
from senmediation.rules.workflow import CaseType, allowed_transitions, is_open

from ..models import Case, CaseEvent, Deadline
from .deadlines import clocks_apply
from .events import case_event_record
from .transitions import case_facts

ACTION = "change_issues"


@dataclass(frozen=True)
class IssuesPreview:
    """What a change would do, for the confirmation page."""

    decisions: tuple[Decision, ...]
    elements: tuple[Element, ...]
    change: IssuesChange
    next_steps: tuple[str, ...]  # the workflow's steps open after the change


def case_issues_refusal(case: Case) -> str | None:
    """Why this case's issues cannot be changed, or None when they can."""
    if case.case_type != CaseType.sen_mediation:
        return ("Disagreement resolution has no route or certificate that follows the issues: "
                "record what the parties want to discuss on the case instead.")
    if not is_open(case.state):
        return "This case has ended, so its issues cannot change. Open a new case for a new disagreement."
    return None


def _parsed(case: Case, decisions: Sequence[str], elements: Sequence[str]) -> tuple[tuple[Decision, ...], tuple[Element, ...]]:
    refusal = case_issues_refusal(case)
    if refusal is not None:
        raise ServiceError(refusal)
    try:
        chosen = tuple(d for d in Decision if d.value in set(decisions))
        unknown = set(decisions) - {d.value for d in chosen}
        parts = elements_in_law(elements)
    except ValueError:
        raise ServiceError("Choose the parts of the plan from the list.", field="elements") from None
    if unknown or not set(chosen) <= APPEALABLE:
        raise ServiceError("Choose the decisions from the list.", field="decisions")
    if not chosen:
        raise ServiceError("Choose at least one decision the family disagree with.", field="decisions")
    if {d.value for d in chosen} == set(case.decisions) and {e.value for e in parts} == set(case.elements):
        raise ServiceError("These are the issues already on the case. Change at least one, or go back to the case.",
                           field="decisions")
    return chosen, parts


def _triggers(rows: dict[Clock, Deadline]) -> dict[Clock, dt.date]:
    """The day each certificate clock's trigger happened, where the case records it (the workflow's
    hold_meeting meets the 30 days; mark_not_arranged stops them)."""
    found: dict[Clock, dt.date] = {}
    held = rows.get(Clock.mediation_held)
    if held is not None and held.met_on is not None:
        found[Clock.certificate_after_mediation] = held.met_on
    if held is not None and held.stopped_on is not None:
        found[Clock.certificate_not_arranged] = held.stopped_on
    for clock_ in (Clock.certificate_no_mediation, Clock.certificate_after_mediation, Clock.certificate_not_arranged):
        if clock_ in rows:  # a clock that ran before keeps the day its trigger happened
            found[clock_] = rows[clock_].start_date
    return found


def _plan(case: Case, decisions: tuple[Decision, ...], elements: tuple[Element, ...], today: dt.date) -> IssuesChange:
    rows = {Clock(d.clock): d for d in case.deadlines.all()}
    before = route_current(decisions=case.decisions, elements=case.elements, recorded=case.route)
    after = route_current(decisions=decisions, elements=elements, recorded=case.route)
    return issues_change_plan(
        state=case.state, route_before=before, route_after=after, certificate_issued_on=case.certificate_issued_on,
        decision_notice=case.decision_notice_date, open_clocks=[c for c, d in rows.items() if d.is_open],
        triggers=_triggers(rows), today=today,
    )


def case_issues_change_preview(
    *, case: Case, decisions: Sequence[str], elements: Sequence[str], today: dt.date | None = None
) -> IssuesPreview:
    """The effect of changing the issues, without saving anything. ServiceError (with the field) for a
    change that cannot be made."""
    today = today or clock.today()
    chosen, parts = _parsed(case, decisions, elements)
    change = _plan(case, chosen, parts, today)
    facts = dataclasses.replace(case_facts(case), route=change.route_after, has_health_elements=Element.health in parts)
    steps = allowed_transitions(case_type=case.case_type, state=case.state, facts=facts)
    return IssuesPreview(chosen, parts, change, tuple(t.label for t in steps))


def _record(*, decisions: Sequence[str], elements: Sequence[str], route: Route, owed: bool) -> dict[str, Any]:
    return {"decisions": list(decisions), "elements": list(elements), "route": route.value, "certificate_owed": owed}


def case_issues_change(
    *, case: Case, decisions: Sequence[str], elements: Sequence[str], reason: str, by: Any,
    today: dt.date | None = None,
) -> IssuesChange:
    """Changes the decisions and parts of the plan in dispute; re-derives the route, the certificate owed
    and the clocks from them, and records the change (before and after) on the timeline."""
    today = today or clock.today()
    if not reason.strip():
        raise ServiceError("Enter why the issues changed, for example what the family told you.", field="reason")
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        chosen, parts = _parsed(locked, decisions, elements)
        change = _plan(locked, chosen, parts, today)
        before = _record(decisions=locked.decisions, elements=locked.elements, route=change.route_before,
                         owed=change.owed_before)
        locked.decisions = [d.value for d in chosen]
        locked.elements = [e.value for e in parts]
        locked.route = change.route_after.value
        locked.save(update_fields=["decisions", "elements", "route", "updated_at"])
        if change.route_before is change.route_after:
            summary = f"Issues changed; the route stays: {ROUTE_NAMES[change.route_after]}"
        else:
            summary = f"Issues changed: {ROUTE_NAMES[change.route_before]} to {ROUTE_NAMES[change.route_after]}"
        case_event_record(
            case=locked, by=by, kind=CaseEvent.Kind.UPDATED, action=ACTION, summary=summary,
            detail="\n".join((reason.strip(), *change.lines())),
            before=before,
            after=_record(decisions=locked.decisions, elements=locked.elements, route=change.route_after,
                          owed=change.owed_after),
        )
        clocks_apply(case=locked, on=today, today=today, starts=change.starts, stops=change.stops)
    case.refresh_from_db()
    return change
