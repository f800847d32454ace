"""Why one of our steps was done late: a short list staff choose from, so the reports can say why.

A service rule, not a statutory one. The certificate clocks (SEND Regulations 2014 regs 34(1), 39(1) and
39(3): 3 working days) and the 30 days to hold the mediation (regs 35(3)-(4) and 36(2)) set the due dates;
when a step is done after its due date, staff say which of these reasons it was. "Other" needs a few words.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

__all__ = ["LATE_NOTE_MAX", "LATE_REASON_CHOICES", "LATE_REASON_LABELS", "NOT_GIVEN_LABEL", "LateReason", "is_late",
           "late_reason_label", "late_reason_refusal"]

LATE_NOTE_MAX = 200


class LateReason(StrEnum):
    la_late = "la_late"
    family_request = "family_request"
    our_capacity = "our_capacity"
    other = "other"


LATE_REASON_LABELS: dict[LateReason, str] = {
    LateReason.la_late: "The local authority was late",
    LateReason.family_request: "The family asked for a later date",
    LateReason.our_capacity: "We did not have the capacity",
    LateReason.other: "Another reason",
}

LATE_REASON_CHOICES = [(reason.value, label) for reason, label in LATE_REASON_LABELS.items()]
# What a report calls a late step whose reason was never given.
NOT_GIVEN_LABEL = "No reason recorded"


def is_late(*, due: date, done_on: date) -> bool:
    """A step done after its due date is late; on the due date itself it is on time."""
    return done_on > due


def late_reason_refusal(*, late: bool, reason: str, note: str) -> tuple[str, str] | None:
    """Why a late reason cannot be saved, as (field, message), or None. Only a late step has a reason:
    then one from the list is required, and "another reason" needs a short note saying what it was."""
    if not late:
        return None
    if reason not in {r.value for r in LateReason}:
        return "late_reason", "Select why this step was done late"
    if reason == LateReason.other and not note.strip():
        return "late_note", "Enter why this step was done late"
    if len(note.strip()) > LATE_NOTE_MAX:
        return "late_note", f"The reason must be {LATE_NOTE_MAX} characters or fewer"
    return None


def late_reason_label(reason: str) -> str:
    """The reason's plain label; NOT_GIVEN_LABEL for an empty or unknown one."""
    try:
        return LATE_REASON_LABELS[LateReason(reason)]
    except ValueError:
        return NOT_GIVEN_LABEL
