"""What the workflow knows about a case (CaseFacts) and the guards that read it: each guard returns a
plain-English reason to refuse a step, or None to allow it. The guards keep their leading underscore:
only the table (workflow/table.py) names them, one per row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from senmediation.rules.deadlines import notice_is_enough
from senmediation.rules.eligibility import CARE_ONLY_ROUTES, ROUTE_RULES, Route
from senmediation.rules.workflow.states import CaseType

__all__ = ["CaseFacts", "Condition", "Guard"]


@dataclass(frozen=True)
class CaseFacts:
    """What guards need to know about a case; every field has a safe default."""

    case_type: CaseType = CaseType.sen_mediation
    # Which route the disagreement takes (rules/eligibility.py): decides the certificate and who arranges.
    route: Route = Route.statutory_mediation
    has_health_elements: bool = False
    mediator_assigned: bool = False
    all_parties_agree: bool = False  # disagreement resolution needs every party's consent
    meeting_scheduled: bool = False
    meeting_date: date | None = None
    notice_sent_on: date | None = None
    short_notice_agreed: bool = False
    outcome_recorded: bool = False  # the meeting's outcome (agreement or not) is on record
    agreement_reached: bool = False
    certificate_issued: bool = False
    # The certificate was issued because the LA could not arrange mediation in time.
    certificate_was_not_arranged: bool = False
    open_agreement_items: int = 0
    # A manager going ahead with a reason: closing with actions still open (the family moved away),
    # or starting a meeting before its booked day.
    manager_overrides_with_reason: bool = False
    step_on: date | None = None  # the day the step being checked happened (None: not known)
    # The family first contacted the adviser more than 2 months after the decision notice (reg 33) and no
    # manager has overridden it: no certificate without mediation (reg 34(2)); the text says why.
    late_contact_refusal: str = ""

    @property
    def placement_only(self) -> bool:
        """Only the school or college named: appeal without a certificate (CFA 2014 s.55)."""
        return self.route is Route.placement_only

    @property
    def health_only(self) -> bool:
        """Health care issues alone: the ICB arranges the mediation (CFA 2014 s.53(3); reg 35(3))."""
        return self.route is Route.health_only

    @property
    def certificate_owed(self) -> bool:
        """A certificate is owed and not yet issued (CFA 2014 s.55)."""
        return ROUTE_RULES[self.route].certificate_owed and not self.certificate_issued


Guard = Callable[[CaseFacts], str | None]
Condition = Callable[[CaseFacts], bool]

# --- Guards: each returns a reason to refuse, or None -------------------------------------------


def _certificate_needed(facts: CaseFacts) -> str | None:
    if facts.placement_only:
        return (
            "No mediation certificate is needed: an appeal only about the school or college named in "
            "the plan (or its type, or that none is named) can go straight to the Tribunal "
            "(Children and Families Act 2014 s.55). Mediation is still available if the family want it."
        )
    if facts.route in CARE_ONLY_ROUTES:
        return (
            "No mediation certificate is needed: there is no appeal to the Tribunal about the health or "
            "social care parts of a plan alone, so mediation about them needs no certificate "
            "(Children and Families Act 2014 s.55)."
        )
    if facts.certificate_issued:
        # No second certificate: after a "not arranged" certificate the family are deemed to have taken part
        # in mediation and keep it "whether or not [they] later participate[] in mediation" (SEND Regs 2014
        # reg 39(3)), so a later mediation issues none.
        return "A mediation certificate has already been issued for this case."
    return None


def _no_mediation_certificate_allowed(facts: CaseFacts) -> str | None:
    # SEND Regs 2014 reg 34(2): not after late contact (rules/late_contact.py gives the reason and reg 34(3)).
    return _certificate_needed(facts) or facts.late_contact_refusal or None


def _mediator_assigned(facts: CaseFacts) -> str | None:
    return None if facts.mediator_assigned else "Assign an independent mediator before preparation starts."


def _drs_ready(facts: CaseFacts) -> str | None:
    if not facts.all_parties_agree:
        return (
            "Disagreement resolution is voluntary: record that every party has agreed to take part "
            "first (SEND Code of Practice 2015 para 11.6)."
        )
    return _mediator_assigned(facts)


def _meeting_ready(facts: CaseFacts) -> str | None:
    if not facts.meeting_scheduled:
        return "Choose a date, time and place for the meeting first."
    if facts.meeting_date is not None and facts.notice_sent_on is not None:
        enough = notice_is_enough(
            sent_on=facts.notice_sent_on,
            meeting_day=facts.meeting_date,
            family_agreed_shorter=facts.short_notice_agreed,
        )
        if not enough:
            return (
                "The family must have at least 5 working days' notice of the meeting unless they agree "
                "to less (SEND Regulations 2014 reg 37(2)). Record their agreement or choose a later date."
            )
    return None


def _has_health(facts: CaseFacts) -> bool:
    return facts.has_health_elements or facts.route in (Route.health_only, Route.health_and_social_care)


def _health_issues(facts: CaseFacts) -> str | None:
    return None if _has_health(facts) else "This case has no health care issues, so the ICB need not be told."


def _outcome_not_yet_recorded(facts: CaseFacts) -> str | None:
    return "The outcome of this meeting is already recorded." if facts.outcome_recorded else None


def _outcome_recorded(facts: CaseFacts) -> str | None:
    if facts.outcome_recorded:
        return None
    return "First record whether the meeting reached an agreement."


def _certificate_outcome(facts: CaseFacts) -> str | None:
    return _outcome_recorded(facts) or _certificate_needed(facts)


def _no_certificate_owed(facts: CaseFacts) -> str | None:
    if not facts.certificate_owed:
        return None
    return "A mediation certificate is still owed to the family: issue it before closing the case."


def _held_can_close_sen(facts: CaseFacts) -> str | None:
    return _outcome_recorded(facts) or _no_certificate_owed(facts)


def _no_open_items(facts: CaseFacts) -> str | None:
    n = facts.open_agreement_items
    if n <= 0 or facts.manager_overrides_with_reason:
        return None
    if n == 1:
        return "1 agreed action is still open: follow it up and record the result before closing."
    return f"{n} agreed actions are still open: follow them up and record the results before closing."


def _has_agreement(facts: CaseFacts) -> str | None:
    return None if facts.agreement_reached else "There is no agreement to follow up."


def _certificate_first(facts: CaseFacts) -> str | None:
    if not facts.certificate_owed:
        return None
    return (
        "Issue the mediation certificate first: it is due within 3 working days of the mediation "
        "(SEND Regulations 2014 reg 39(1))."
    )


def _sen_agreement_can_close(facts: CaseFacts) -> str | None:
    return _certificate_first(facts) or _no_open_items(facts)


def _late_mediation_possible(facts: CaseFacts) -> str | None:
    if not facts.certificate_was_not_arranged:
        return "Only a case whose certificate was issued because mediation could not be arranged in time can go on to mediation."
    if facts.outcome_recorded:
        return "This case has already had its mediation."
    return None
