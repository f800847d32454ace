"""When the proposals show that mediation is unlikely to be held within the 30 days, staff are told plainly.

reg 39(2) of the SEND Regulations 2014: where the LA "is unable to arrange for mediation within the period
specified in regulation 35(4) or 36(2)", it "must notify the mediation adviser of this fact as soon as possible
after it realises". reg 39(3): the parent or young person is then deemed to have taken part in mediation and the
adviser issues a certificate "within 3 working days of being notified ... whether or not [they] later
participate in mediation". Whether the LA must tell the adviser at all (the route) is rules/not_arranged.py's
`la_must_tell_adviser`.

"Likely" is a service judgement, not the law's: no time left at all, or LIKELY_WHEN_DAYS_LEFT days or fewer
with a time that meets every rule (one more cancellation or refusal and the window is gone).
"""

from __future__ import annotations

from senmediation.rules.calendar import format_day

from .search import Outcome

__all__ = ["LIKELY_WHEN_DAYS_LEFT", "deemed_certificate_warning"]

LIKELY_WHEN_DAYS_LEFT = 2


def deemed_certificate_warning(outcome: Outcome, *, la_must_tell_adviser: bool) -> str | None:
    """The warning for staff, or None when the window has room or no deemed certificate can follow."""
    end = outcome.window_end
    if end is None or not la_must_tell_adviser:
        return None
    last = format_day(end)
    if not outcome.proposals:
        return (f"No meeting can now be held within the 30 days, which end on {last}. The local authority must "
                "tell the mediation adviser as soon as possible that it cannot arrange mediation in time "
                "(SEND Regulations 2014 reg 39(2)); the family are then treated as having taken part and get their "
                "certificate within 3 working days (reg 39(3)). They can still mediate on a later date.")
    days = outcome.days_possible
    if days <= LIKELY_WHEN_DAYS_LEFT:
        return (f"A deemed certificate is likely: only {days} day{'s are' if days != 1 else ' is'} left before the 30 "
                f"days end on {last} with a time that works for everyone. If this meeting is not booked now, or is "
                "cancelled, the local authority must tell the mediation adviser that it cannot arrange mediation in "
                "time (SEND Regulations 2014 reg 39(2)), and the family get a certificate (reg 39(3)).")
    return None
