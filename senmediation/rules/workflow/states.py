"""The workflow's words: the case types, the states a case can be in and the actions that move it,
each with the label staff see, and the groups of states other code asks about (open, ended, able to
have a meeting arranged). Everything else in the workflow is built on these.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

__all__ = [
    "ACTION_LABELS", "CASE_TYPE_LABELS", "MEETING_STATES", "OPEN_STATES", "STATE_LABELS", "TERMINAL_STATES",
    "Action", "CaseType", "State", "is_open",
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

# States in which a meeting may be arranged (or moved): once the family have asked for mediation
# and until it is held. Before preparation starts the meeting is only pencilled in.
MEETING_STATES: frozenset[State] = frozenset(
    {State.mediation_requested, State.la_notified, State.preparing, State.scheduled}
)
