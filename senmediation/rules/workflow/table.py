"""The workflow's table: one row (a Transition) per from state, action and case type, naming the
guard that must pass and the clocks the step starts, meets and stops. TRANSITIONS is the whole table;
workflow/steps.py answers questions about it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from senmediation.rules.deadlines import Clock
from senmediation.rules.meeting_day import meeting_day_reached
from senmediation.rules.workflow.clocks import (
    _MEDIATION_CLOCKS,
    _TRACKED,
    _certificate_owed,
    _health_only,
    _in_time_for_no_mediation_certificate,
    _not_health_only,
)
from senmediation.rules.workflow.facts import (
    CaseFacts,
    Condition,
    Guard,
    _certificate_first,
    _certificate_needed,
    _certificate_outcome,
    _drs_ready,
    _has_agreement,
    _has_health,
    _health_issues,
    _held_can_close_sen,
    _late_mediation_possible,
    _mediator_assigned,
    _meeting_ready,
    _no_certificate_owed,
    _no_mediation_certificate_allowed,
    _no_open_items,
    _outcome_not_yet_recorded,
    _outcome_recorded,
    _sen_agreement_can_close,
)
from senmediation.rules.workflow.states import ACTION_LABELS, OPEN_STATES, Action, CaseType, State

__all__ = ["BOTH", "DRS", "SEN", "TRANSITIONS", "Transition"]


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


# --- The table -----------------------------------------------------------------------------------

SEN = frozenset({CaseType.sen_mediation})
DRS = frozenset({CaseType.disagreement_resolution})
BOTH = SEN | DRS

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
