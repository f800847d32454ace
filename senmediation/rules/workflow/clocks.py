"""The workflow's clocks: which clocks a case starts when it is opened, the groups of clocks the
table's rows stop, and the conditions under which a row starts a clock (a clock named in a row's
`starts` with a condition only starts when the condition holds for the case's facts).
"""

from __future__ import annotations

from senmediation.rules.deadlines import CLOCK_RULES, Clock
from senmediation.rules.eligibility import ROUTE_RULES, Route
from senmediation.rules.workflow.facts import CaseFacts
from senmediation.rules.workflow.states import CaseType

__all__ = ["clocks_on_open"]

# Clocks the service tracks (the tribunal date is shown to families, never chased).
_TRACKED: tuple[Clock, ...] = tuple(c for c in Clock if not CLOCK_RULES[c].informational)
_MEDIATION_CLOCKS = (Clock.mediation_held, Clock.health_issues_to_icb)


def _in_time_for_no_mediation_certificate(facts: CaseFacts) -> bool:
    return not facts.late_contact_refusal


def _certificate_owed(facts: CaseFacts) -> bool:
    return facts.certificate_owed


def _not_health_only(facts: CaseFacts) -> bool:
    return not facts.health_only


def _health_only(facts: CaseFacts) -> bool:
    return facts.health_only


def clocks_on_open(*, case_type: CaseType | str, route: Route | str) -> tuple[Clock, ...]:
    """Clocks started when a case is opened rather than by a transition.

    contact_adviser (reg 33) and tribunal_appeal (HESC Rules r.20) run from the date on the LA's
    decision notice, not from the day the case is opened, so the caller needs that date for them.
    The adviser clock runs only where a certificate is needed; the appeal deadline wherever an
    appeal is possible (placement-only too, which mediation does not extend).
    """
    clocks = [Clock.first_call_back]
    if CaseType(case_type) is CaseType.sen_mediation:
        rule = ROUTE_RULES[Route(route)]
        if rule.adviser_clock:
            clocks.append(Clock.contact_adviser)
        if rule.appeal_deadline_runs:
            clocks.append(Clock.tribunal_appeal)
    return tuple(clocks)
