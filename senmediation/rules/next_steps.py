"""How the case page offers the steps the workflow allows now (rules/workflow/ decides which).

The step a case usually takes next from its state is the primary button; the other allowed steps are
secondary; steps the table marks `destructive` (withdrawing, or closing before the work is done) are
kept apart as warning buttons and confirmed first (GOV.UK Design System: buttons, warning buttons).
Which step is "next" follows the route through the SEND Regulations 2014 regs 32-42: the LA told,
the meeting held, the certificate issued within 3 working days, agreed actions followed up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from senmediation.rules.workflow import Action, State, Transition

__all__ = ["NEXT_STEPS", "StepsArranged", "steps_arranged"]

_A = Action
# For each state, the usual next steps in order of preference; the first one allowed now is primary.
NEXT_STEPS: Mapping[State, tuple[Action, ...]] = MappingProxyType({
    State.enquiry: (_A.give_information,),
    State.information_given: (_A.request_mediation,),
    State.certificate_requested: (_A.issue_certificate,),
    State.mediation_requested: (_A.notify_la, _A.start_preparation),
    State.la_notified: (_A.notify_icb, _A.start_preparation),
    State.preparing: (_A.schedule_meeting,),
    State.scheduled: (_A.hold_meeting,),
    State.held: (_A.record_agreement, _A.issue_certificate),
    State.agreement_recorded: (_A.issue_certificate, _A.start_follow_up),
    State.certificate_issued: (_A.start_follow_up, _A.close),
    State.follow_up: (_A.close,),
    State.not_arranged: (_A.issue_certificate,),
})  # fmt: skip


@dataclass(frozen=True)
class StepsArranged:
    primary: Transition | None
    others: tuple[Transition, ...]
    destructive: tuple[Transition, ...]


def steps_arranged(*, state: State | str, transitions: Iterable[Transition]) -> StepsArranged:
    """The allowed `transitions` as the case page shows them: the next step, the others, the destructive."""
    rows = list(transitions)
    safe = [t for t in rows if not t.destructive]
    preferred = NEXT_STEPS.get(State(state), ())
    primary = next((t for action in preferred for t in safe if t.action is action), None)
    return StepsArranged(
        primary=primary,
        others=tuple(t for t in safe if t is not primary),
        destructive=tuple(t for t in rows if t.destructive),
    )
