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

Where each part lives:
- workflow/states.py: the case types, states and actions with their labels;
- workflow/facts.py: CaseFacts, what the guards know about a case, and the guards;
- workflow/clocks.py: the clocks started on opening and the conditions a row starts a clock under;
- workflow/table.py: the table itself (TRANSITIONS);
- workflow/steps.py: asking the table (allowed_transitions, check_transition and the rest).
Callers import from `senmediation.rules.workflow`; the names below are its public face.
"""

from __future__ import annotations

from senmediation.rules.workflow.clocks import clocks_on_open
from senmediation.rules.workflow.facts import CaseFacts
from senmediation.rules.workflow.states import (
    ACTION_LABELS,
    CASE_TYPE_LABELS,
    MEETING_STATES,
    OPEN_STATES,
    STATE_LABELS,
    TERMINAL_STATES,
    Action,
    CaseType,
    State,
    is_open,
)
from senmediation.rules.workflow.steps import (
    TransitionNotAllowed,
    allowed_transitions,
    certificate_clock_now,
    check_transition,
    meeting_refusal,
    meeting_step,
    reachable_states,
)
from senmediation.rules.workflow.table import TRANSITIONS, Transition

__all__ = [
    "ACTION_LABELS", "CASE_TYPE_LABELS", "MEETING_STATES", "OPEN_STATES", "STATE_LABELS", "TERMINAL_STATES",
    "TRANSITIONS", "Action", "CaseFacts", "CaseType", "State", "Transition", "TransitionNotAllowed",
    "allowed_transitions", "certificate_clock_now", "check_transition", "clocks_on_open", "is_open",
    "meeting_refusal", "meeting_step", "reachable_states",
]
