"""The case state machine as data: one row per (from state, action, case type).

`case_transition()` (a service) is the only code that changes a case's status; it calls
`check_transition()` here, then starts, meets and stops the clocks the row names.

Two routes share the table:
- SEN mediation (Children and Families Act 2014 ss.52-56; SEND Regulations 2014 regs 32-39, 42):
  certificates and the 30-day clock apply.
- Disagreement resolution (SEND Code of Practice 2015 paras 11.6-11.12): voluntary
  for every party, so no certificate states or actions and no statutory clocks.

Closed and withdrawn are terminal. There is no "reopen": the event log is append-only and a new
request after closure is a new case, which keeps clocks and commissioner figures honest.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from senmediation.rules.deadlines import CLOCK_RULES, Clock, notice_is_enough
from senmediation.rules.eligibility import CARE_ONLY_ROUTES, ROUTE_RULES, Route
from senmediation.rules.meeting_day import meeting_day_reached

__all__ = [
    "ACTION_LABELS", "CASE_TYPE_LABELS", "MEETING_STATES", "OPEN_STATES", "STATE_LABELS", "TERMINAL_STATES",
    "TRANSITIONS", "Action", "CaseFacts", "CaseType", "State", "Transition", "TransitionNotAllowed",
    "allowed_transitions", "certificate_clock_now", "check_transition", "clocks_on_open", "is_open",
    "meeting_refusal", "meeting_step", "reachable_states",
]


class CaseType(StrEnum):
    sen_mediation = "sen_mediation"
    disagreement_resolution = "disagreement_resolution"


CASE_TYPE_LABELS: Mapping[CaseType, str] = MappingProxyType(
    {
        CaseType.sen_mediation: "SEN mediation",
        CaseType.disagreement_resolution: "Disagreement resolution",
    }
)


class State(StrEnum):
    enquiry = "enquiry"
    information_given = "information_given"
    certificate_requested = "certificate_requested"
    mediation_requested = "mediation_requested"
    la_notified = "la_notified"
    preparing = "preparing"
    scheduled = "scheduled"
    held = "held"
    agreement_recorded = "agreement_recorded"
    certificate_issued = "certificate_issued"
    follow_up = "follow_up"
    closed = "closed"
    withdrawn = "withdrawn"
    not_arranged = "not_arranged"


STATE_LABELS: Mapping[State, str] = MappingProxyType(
    {
        State.enquiry: "Enquiry",
        State.information_given: "Information given",
        State.certificate_requested: "Certificate requested",
        State.mediation_requested: "Mediation requested",
        State.la_notified: "Local authority told",
        State.preparing: "Preparing",
        State.scheduled: "Scheduled",
        State.held: "Meeting held",
        State.agreement_recorded: "Agreement recorded",
        State.certificate_issued: "Certificate issued",
        State.follow_up: "Following up",
        State.closed: "Closed",
        State.withdrawn: "Withdrawn",
        State.not_arranged: "Not arranged in time",
    }
)

TERMINAL_STATES: frozenset[State] = frozenset({State.closed, State.withdrawn})
OPEN_STATES: frozenset[State] = frozenset(State) - TERMINAL_STATES


def is_open(state: State | str) -> bool:
    """True while the case still needs work (not closed or withdrawn)."""
    return State(state) in OPEN_STATES


class Action(StrEnum):
    give_information = "give_information"
    request_certificate = "request_certificate"
    request_mediation = "request_mediation"
    notify_la = "notify_la"
    notify_icb = "notify_icb"
    start_preparation = "start_preparation"
    schedule_meeting = "schedule_meeting"
    reschedule_meeting = "reschedule_meeting"
    hold_meeting = "hold_meeting"
    record_agreement = "record_agreement"
    record_no_agreement = "record_no_agreement"
    issue_certificate = "issue_certificate"
    mark_not_arranged = "mark_not_arranged"
    arrange_mediation_later = "arrange_mediation_later"
    start_follow_up = "start_follow_up"
    close = "close"
    withdraw = "withdraw"


ACTION_LABELS: Mapping[Action, str] = MappingProxyType(
    {
        Action.give_information: "Record that information was given",
        Action.request_certificate: "Record that the family want a certificate, not mediation",
        Action.request_mediation: "Record that the family want mediation",
        Action.notify_la: "Record that the LA was told",
        Action.notify_icb: "Record that the ICB was told about the health issues",
        Action.start_preparation: "Start preparing (mediator assigned)",
        Action.schedule_meeting: "Arrange the meeting",
        Action.reschedule_meeting: "Move the meeting",
        Action.hold_meeting: "Record that the meeting took place",
        Action.record_agreement: "Record the agreement",
        Action.record_no_agreement: "Record that no agreement was reached",
        Action.issue_certificate: "Issue the mediation certificate",
        Action.mark_not_arranged: "Record that the LA cannot arrange mediation within 30 days",
        Action.arrange_mediation_later: "Arrange mediation after all (the certificate already issued stands)",
        Action.start_follow_up: "Start following up the agreed actions",
        Action.close: "Close the case",
        Action.withdraw: "Withdraw the case",
    }
)


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


@dataclass(frozen=True)
class Transition:
    from_state: State
    action: Action
    to_state: State
    case_types: frozenset[CaseType]
    label: str
    guard: Guard | None = None
    starts: tuple[Clock, ...] = ()
    meets: tuple[Clock, ...] = ()
    stops: tuple[Clock, ...] = ()
    # A clock listed in `starts` with a condition here only starts when the condition holds.
    start_conditions: tuple[tuple[Clock, Condition], ...] = field(default=(), compare=False)
    destructive: bool = False  # ends the case before its work is done: a warning button, confirmed first

    def refusal(self, facts: CaseFacts) -> str | None:
        """The guard's plain-English reason for refusing, or None when allowed."""
        return self.guard(facts) if self.guard is not None else None

    def clocks_started(self, facts: CaseFacts) -> tuple[Clock, ...]:
        """The clocks this transition starts for a case with these facts."""
        conditions = dict(self.start_conditions)
        return tuple(c for c in self.starts if c not in conditions or conditions[c](facts))


class TransitionNotAllowed(Exception):
    """Raised with a plain-English message a member of staff can act on."""


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


def _in_time_for_no_mediation_certificate(facts: CaseFacts) -> bool:
    return not facts.late_contact_refusal


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


def _certificate_owed(facts: CaseFacts) -> bool:
    return facts.certificate_owed


def _not_health_only(facts: CaseFacts) -> bool:
    return not facts.health_only


def _health_only(facts: CaseFacts) -> bool:
    return facts.health_only


# --- The table -----------------------------------------------------------------------------------

SEN = frozenset({CaseType.sen_mediation})
DRS = frozenset({CaseType.disagreement_resolution})
BOTH = SEN | DRS

# Clocks the service tracks (the tribunal date is shown to families, never chased).
_TRACKED: tuple[Clock, ...] = tuple(c for c in Clock if not CLOCK_RULES[c].informational)
_MEDIATION_CLOCKS = (Clock.mediation_held, Clock.health_issues_to_icb)

# States in which a meeting may be arranged (or moved): once the family have asked for mediation
# and until it is held. Before preparation starts the meeting is only pencilled in.
MEETING_STATES: frozenset[State] = frozenset(
    {State.mediation_requested, State.la_notified, State.preparing, State.scheduled}
)


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


def meeting_refusal(*, state: State | str) -> str | None:
    """Why no meeting can be arranged for a case in `state`, or None when one can."""
    if State(state) in MEETING_STATES:
        return None
    return "A meeting can only be arranged once the family have asked for mediation, and before it is held."


def meeting_step(*, case_type: CaseType | str, state: State | str) -> Action | None:
    """The step arranging a meeting takes (schedule or reschedule), or None when the meeting is only
    pencilled in before preparation starts (or cannot be arranged at all: see meeting_refusal)."""
    for t in _candidates(CaseType(case_type), State(state)):
        if t.action in (Action.schedule_meeting, Action.reschedule_meeting):
            return t.action
    return None

_S = State
_A = Action


def _t(
    from_state: State,
    action: Action,
    to_state: State,
    case_types: frozenset[CaseType],
    *,
    label: str | None = None,
    guard: Guard | None = None,
    starts: tuple[Clock, ...] = (),
    meets: tuple[Clock, ...] = (),
    stops: tuple[Clock, ...] = (),
    only_if: tuple[tuple[Clock, Condition], ...] = (),
    destructive: bool = False,
) -> Transition:
    """One row; the button text defaults to the action's usual label."""
    return Transition(
        from_state, action, to_state, case_types, label or ACTION_LABELS[action],
        guard, starts, meets, stops, only_if, destructive,
    )  # fmt: skip


_CERTIFICATE_OWED = ((Clock.certificate_after_mediation, _certificate_owed),)
_MEDIATION_STATES = (_S.mediation_requested, _S.la_notified, _S.preparing, _S.scheduled)

# fmt: off
_ROUTE: tuple[Transition, ...] = (
    # First contact. Information about mediation must not pressure the family (SEND CoP 2015 ch. 11).
    _t(_S.enquiry, _A.give_information, _S.information_given, BOTH, meets=(Clock.first_call_back,)),
    _t(_S.enquiry, _A.close, _S.closed, BOTH, label="Close: signposted elsewhere", stops=_TRACKED, destructive=True),
    _t(_S.information_given, _A.close, _S.closed, BOTH, label="Close: nothing more needed", stops=_TRACKED,
       destructive=True),

    # Certificate without mediation, due in 3 working days (reg 34). A family who asked for mediation
    # and then decide against it "do not wish to pursue mediation" too.
    # After late contact (reg 34(2)) the request is recorded but no certificate clock runs and none is issued.
    *(_t(state, _A.request_certificate, _S.certificate_requested, SEN, guard=_certificate_needed,
         starts=(Clock.certificate_no_mediation,), meets=(Clock.contact_adviser,), stops=_MEDIATION_CLOCKS,
         only_if=((Clock.certificate_no_mediation, _in_time_for_no_mediation_certificate),))
      for state in (_S.information_given, *_MEDIATION_STATES)),
    _t(_S.certificate_requested, _A.issue_certificate, _S.certificate_issued, SEN,
       label="Issue the certificate (no mediation)", guard=_no_mediation_certificate_allowed,
       meets=(Clock.certificate_no_mediation,)),
    _t(_S.certificate_requested, _A.request_mediation, _S.mediation_requested, SEN,
       label="Record that the family now want mediation", stops=(Clock.certificate_no_mediation,)),

    # Mediation wanted. SEN: the LA must be told (reg 32(e)); the 30 days run from then (reg 35(4), 36(2)),
    # or for health care only from when the LA tells the ICB. DRS: no LA step, no statutory clock.
    _t(_S.information_given, _A.request_mediation, _S.mediation_requested, SEN,
       meets=(Clock.contact_adviser,)),
    _t(_S.information_given, _A.request_mediation, _S.mediation_requested, DRS,
       label="Record that the family want disagreement resolution"),
    _t(_S.mediation_requested, _A.notify_la, _S.la_notified, SEN,
       starts=(Clock.mediation_held, Clock.health_issues_to_icb),
       only_if=((Clock.mediation_held, _not_health_only), (Clock.health_issues_to_icb, _has_health))),
    *(_t(state, _A.notify_icb, state, SEN, guard=_health_issues, starts=(Clock.mediation_held,),
         meets=(Clock.health_issues_to_icb,), only_if=((Clock.mediation_held, _health_only),))
      for state in (_S.la_notified, _S.preparing)),
    _t(_S.la_notified, _A.start_preparation, _S.preparing, SEN, guard=_mediator_assigned),
    _t(_S.mediation_requested, _A.start_preparation, _S.preparing, DRS, guard=_drs_ready),
    _t(_S.preparing, _A.schedule_meeting, _S.scheduled, BOTH, guard=_meeting_ready),
    _t(_S.scheduled, _A.reschedule_meeting, _S.scheduled, BOTH, guard=_meeting_ready),

    # The meeting. SEN: meets the 30 days; the certificate is due 3 working days after it (reg 39(1))
    # with or without agreement, unless no certificate is needed (CFA 2014 s.55).
    _t(_S.scheduled, _A.hold_meeting, _S.held, SEN, starts=(Clock.certificate_after_mediation,),
       meets=(Clock.mediation_held,), only_if=_CERTIFICATE_OWED, guard=meeting_day_reached),
    _t(_S.scheduled, _A.hold_meeting, _S.held, DRS, guard=meeting_day_reached),

    # Outcome. SEN agreements: 2 weeks for matters with no right of appeal (reg 42(3)); appealable
    # matters follow reg 44 item by item; an ICB tells an LA that was not a party within 1 week
    # (reg 42(4)).
    _t(_S.held, _A.record_agreement, _S.agreement_recorded, SEN, guard=_outcome_not_yet_recorded,
       starts=(Clock.agreement_other_actions, Clock.icb_tells_la),
       only_if=((Clock.icb_tells_la, _health_only),)),
    _t(_S.held, _A.record_agreement, _S.agreement_recorded, DRS, guard=_outcome_not_yet_recorded),
    # No agreement changes no status: the certificate (SEN) or closing (DRS) follows from "held".
    _t(_S.held, _A.record_no_agreement, _S.held, BOTH, guard=_outcome_not_yet_recorded),
    _t(_S.held, _A.issue_certificate, _S.certificate_issued, SEN,
       label="Issue the certificate after mediation", guard=_certificate_outcome,
       meets=(Clock.certificate_after_mediation,)),
    _t(_S.held, _A.close, _S.closed, SEN, guard=_held_can_close_sen, stops=_TRACKED, destructive=True),
    _t(_S.held, _A.close, _S.closed, DRS, guard=_outcome_recorded, stops=_TRACKED, destructive=True),
    _t(_S.agreement_recorded, _A.issue_certificate, _S.certificate_issued, SEN,
       label="Issue the certificate after mediation", guard=_certificate_needed,
       meets=(Clock.certificate_after_mediation,)),
    _t(_S.agreement_recorded, _A.start_follow_up, _S.follow_up, SEN, guard=_certificate_first),
    _t(_S.agreement_recorded, _A.start_follow_up, _S.follow_up, DRS),
    _t(_S.agreement_recorded, _A.close, _S.closed, SEN, guard=_sen_agreement_can_close, stops=_TRACKED),
    _t(_S.agreement_recorded, _A.close, _S.closed, DRS, guard=_no_open_items, stops=_TRACKED),

    # The LA tells the adviser it cannot arrange mediation within 30 days (reg 39(2)): the certificate is
    # due within 3 working days of being told (reg 39(3)); the step is dated the day the adviser was told.
    *(_t(state, _A.mark_not_arranged, _S.not_arranged, SEN, starts=(Clock.certificate_not_arranged,),
         stops=_MEDIATION_CLOCKS, only_if=((Clock.certificate_not_arranged, _certificate_owed),))
      for state in _MEDIATION_STATES),
    _t(_S.not_arranged, _A.issue_certificate, _S.certificate_issued, SEN,
       label="Issue the certificate (mediation not arranged in time)", guard=_certificate_needed,
       meets=(Clock.certificate_not_arranged,)),
    _t(_S.not_arranged, _A.close, _S.closed, SEN, guard=_no_certificate_owed, stops=_TRACKED, destructive=True),

    # Mediation after all: the family still want it after a "not arranged" certificate. The certificate
    # they hold stands "whether or not" they later take part (SEND Regs 2014 reg 39(3)), so no new one and
    # no statutory 30 days: those ran out.
    _t(_S.certificate_issued, _A.arrange_mediation_later, _S.la_notified, SEN, guard=_late_mediation_possible),

    # After the certificate: follow up an agreement, or close.
    _t(_S.certificate_issued, _A.start_follow_up, _S.follow_up, SEN, guard=_has_agreement),
    _t(_S.certificate_issued, _A.close, _S.closed, SEN, guard=_no_open_items, stops=_TRACKED),
    _t(_S.follow_up, _A.close, _S.closed, BOTH, guard=_no_open_items, stops=_TRACKED),
)
# fmt: on


def _states_used(rows: Iterable[Transition], case_type: CaseType) -> set[State]:
    return {s for t in rows if case_type in t.case_types for s in (t.from_state, t.to_state)}


def _withdrawals(rows: tuple[Transition, ...]) -> tuple[Transition, ...]:
    # Withdrawal is possible from every open state a case type can be in; mediation is voluntary.
    out = []
    for state in State:
        if state not in OPEN_STATES:
            continue
        types = frozenset(ct for ct in CaseType if state in _states_used(rows, ct))
        if types:
            out.append(_t(state, _A.withdraw, _S.withdrawn, types, stops=_TRACKED, destructive=True))
    return tuple(out)


TRANSITIONS: tuple[Transition, ...] = _ROUTE + _withdrawals(_ROUTE)

_BY_KEY: Mapping[tuple[State, Action, CaseType], Transition] = MappingProxyType(
    {(t.from_state, t.action, ct): t for t in TRANSITIONS for ct in t.case_types}
)


def _candidates(case_type: CaseType, state: State) -> list[Transition]:
    return [t for t in TRANSITIONS if t.from_state is state and case_type in t.case_types]


def allowed_transitions(
    *, case_type: CaseType | str, state: State | str, facts: CaseFacts | None = None
) -> list[Transition]:
    """The transitions open to this case now: right state, right case type, guard passes."""
    ct = CaseType(case_type)
    checked = facts if facts is not None else CaseFacts(case_type=ct)
    return [t for t in _candidates(ct, State(state)) if t.refusal(checked) is None]


def check_transition(
    *, case_type: CaseType | str, state: State | str, action: Action | str, facts: CaseFacts | None = None
) -> Transition:
    """The transition for `action`, or TransitionNotAllowed saying why not in plain English."""
    ct = CaseType(case_type)
    st = State(state)
    checked = facts if facts is not None else CaseFacts(case_type=ct)
    try:
        act = Action(action)
    except ValueError:
        raise TransitionNotAllowed(f"There is no action called {action!r}.") from None

    transition = _BY_KEY.get((st, act, ct))
    if transition is None:
        raise TransitionNotAllowed(_not_from_here(ct, st, act, checked))
    reason = transition.refusal(checked)
    if reason is not None:
        raise TransitionNotAllowed(reason)
    return transition


def _not_from_here(case_type: CaseType, state: State, action: Action, facts: CaseFacts) -> str:
    if not any(t.action is action and case_type in t.case_types for t in TRANSITIONS):
        why = (
            " Disagreement resolution is voluntary and has no mediation certificate or statutory "
            "timescales (SEND Code of Practice 2015 paras 11.6-11.12)."
            if case_type is CaseType.disagreement_resolution
            else ""
        )
        return f"{CASE_TYPE_LABELS[case_type]} cases cannot use '{ACTION_LABELS[action]}'.{why}"
    message = f"A case that is '{STATE_LABELS[state]}' cannot take the step '{ACTION_LABELS[action]}'."
    if state in TERMINAL_STATES:
        return message + " The case has ended; open a new case for a new request."
    options = [t.label for t in allowed_transitions(case_type=case_type, state=state, facts=facts)]
    if options:
        message += " From here you can: " + "; ".join(options) + "."
    return message


def certificate_clock_now(transitions: Iterable[Transition]) -> Clock | None:
    """The certificate clock that issuing now would meet, given the transitions allowed now; None when
    no certificate may be issued. Which certificate a case is owed follows from the step it is at."""
    for t in transitions:
        if t.action is Action.issue_certificate:
            return t.meets[0]
    return None


def reachable_states(case_type: CaseType | str, start: State = State.enquiry) -> frozenset[State]:
    """States a case of this type can reach from `start`, ignoring guards."""
    ct = CaseType(case_type)
    seen = {start}
    queue = deque([start])
    while queue:
        for t in _candidates(ct, queue.popleft()):
            if t.to_state not in seen:
                seen.add(t.to_state)
                queue.append(t.to_state)
    return frozenset(seen)
