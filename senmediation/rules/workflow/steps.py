"""Asking the table what a case may do: the steps open to it now, checking one step (with a reason
staff can act on when it is refused), the certificate clock issuing now would meet, whether and how a
meeting can be arranged, and which states a case type can reach.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from senmediation.rules.deadlines import Clock
from senmediation.rules.workflow.facts import CaseFacts
from senmediation.rules.workflow.states import (
    ACTION_LABELS,
    CASE_TYPE_LABELS,
    MEETING_STATES,
    STATE_LABELS,
    TERMINAL_STATES,
    Action,
    CaseType,
    State,
)
from senmediation.rules.workflow.table import _BY_KEY, TRANSITIONS, Transition, _candidates

__all__ = [
    "TransitionNotAllowed", "allowed_transitions", "certificate_clock_now", "check_transition", "meeting_refusal",
    "meeting_step", "reachable_states",
]


class TransitionNotAllowed(Exception):
    """Raised with a plain-English message a member of staff can act on."""


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
