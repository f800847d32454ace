"""Which case-work sections apply to a case at its stage, for the case page's side navigation.

A section is offered while its work can be done (advice before the family decide; the child's views,
summaries and the choice of mediator while the meeting is prepared (SEND Regulations 2014 regs 37-38);
the meeting record and the agreement once it is held; follow-up once an agreement is made), and
stays afterwards where it holds records, so finished work can still be read. Contacts, documents and
the parties' secure links apply at every stage; role-only sections are decided by permissions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType

from senmediation.rules.workflow import State

__all__ = ["SECTION_STATES", "Section", "sections_now"]


class Section(StrEnum):
    advice = "advice"
    child_views = "child_views"
    summaries = "summaries"
    choose_mediator = "choose_mediator"
    meeting = "meeting"
    agreement = "agreement"
    finalise = "finalise"
    follow_up = "follow_up"
    expenses = "expenses"


_S = State
_PREPARING = frozenset({_S.mediation_requested, _S.la_notified, _S.preparing, _S.scheduled})
_AFTER_AGREEMENT = frozenset({_S.agreement_recorded, _S.certificate_issued, _S.follow_up})

SECTION_STATES: Mapping[Section, frozenset[State]] = MappingProxyType({
    Section.advice: frozenset({_S.enquiry, _S.information_given, _S.certificate_requested}),
    Section.child_views: _PREPARING,
    Section.summaries: _PREPARING,
    Section.choose_mediator: _PREPARING | {_S.not_arranged},
    Section.meeting: frozenset({_S.scheduled, _S.held}),
    Section.agreement: frozenset({_S.held, _S.agreement_recorded}),
    Section.finalise: frozenset({_S.agreement_recorded}),
    Section.follow_up: frozenset({_S.agreement_recorded, _S.follow_up}),
    # Parents' expenses of attending (SEND Regs 2014 reg 41): from the booked meeting on, closed cases
    # included, as claims can come after the case ends.
    Section.expenses: frozenset({_S.scheduled, _S.held, _S.agreement_recorded, _S.certificate_issued,
                                 _S.follow_up, _S.closed}),
})  # fmt: skip

# A section whose records make it worth keeping once its stage has passed, and the records that count.
KEPT_BY_RECORDS: Mapping[Section, Section] = MappingProxyType({
    Section.advice: Section.advice, Section.child_views: Section.child_views, Section.summaries: Section.summaries,
    Section.meeting: Section.meeting, Section.agreement: Section.agreement, Section.finalise: Section.agreement,
    Section.follow_up: Section.agreement,
})


def sections_now(*, state: State | str, with_records: Iterable[Section] = ()) -> frozenset[Section]:
    """The sections that apply to a case in `state`, plus finished ones holding records."""
    current = State(state)
    held = frozenset(with_records)
    return frozenset(
        s for s, states in SECTION_STATES.items()
        if current in states or (s in KEPT_BY_RECORDS and KEPT_BY_RECORDS[s] in held)
    )
