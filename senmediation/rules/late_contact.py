"""A family who contact the mediation adviser too late for a certificate without mediation.

SEND Regulations 2014 (SI 2014/1530), read in the consolidated text (docs/law.md):
- reg 33: where a certificate is needed, the parent or young person "must contact the mediation adviser
  within 2 months after written notice of the local authority's decision was sent".
- reg 34(1): a family who tell the adviser they do not wish to pursue mediation get a certificate
  under CFA 2014 s.55(4) within 3 working days.
- reg 34(2): "The mediation adviser may not issue such a certificate if the parent or young person did
  not contact the mediation adviser within 2 months of the date of the notice issued by the local
  authority." Only the reg 34(1) certificate (no mediation wanted) is barred.
- reg 34(3): a family who failed to comply with reg 33, and whose time has elapsed, "may seek leave to
  appeal to the First-tier Tribunal" without a certificate.

Counting: the 2 months end on the corresponding date, or the last day of a shorter month (31 December
ends on 28 February, or 29 February in a leap year), with no move for weekends or holidays: reg 33 has
no rule like the Tribunal's r.12. Contact on that last day is in time; the day after is late. Reg 33
counts from when the notice "was sent", reg 34(2) from "the date of the notice": the service counts
from the date on the letter, which is never later than the day it was sent, so a family are never
told a later day than either reading gives. The Tribunal decides any appeal, and whether to give leave.
"""

from __future__ import annotations

from datetime import date

from senmediation.rules.appeal import adviser_contact_deadline
from senmediation.rules.calendar import format_day

__all__ = [
    "LATE_CONTACT_CITATION",
    "LEAVE_ROUTE",
    "contact_is_late",
    "late_contact_family_warning",
    "late_contact_refusal",
]

LATE_CONTACT_CITATION = "SEND Regulations 2014 reg 34(2)"

# reg 34(3): the route left to a family who contacted the adviser too late.
LEAVE_ROUTE = (
    "The family can ask the SEND Tribunal for permission (leave) to appeal without a mediation "
    "certificate (SEND Regulations 2014 reg 34(3)). The Tribunal decides whether to give it"
)


def contact_is_late(*, decision_notice_sent: date, first_contact: date) -> bool:
    """True when the first contact with the adviser came after the last day of the 2 months (reg 33),
    so no certificate may be issued to a family who do not want mediation (reg 34(2))."""
    return first_contact > adviser_contact_deadline(decision_notice_sent)


def late_contact_refusal(*, decision_notice_sent: date, first_contact: date) -> str:
    """Why the certificate without mediation is refused, for staff: the dates, the law and the leave route."""
    last_day = adviser_contact_deadline(decision_notice_sent)
    return (
        f"A certificate cannot be issued to a family who do not want mediation: they first contacted us on "
        f"{format_day(first_contact)}, more than 2 months after the decision letter dated "
        f"{format_day(decision_notice_sent)} (the last day was {format_day(last_day)}), and the mediation "
        f"adviser may not issue it ({LATE_CONTACT_CITATION}). {LEAVE_ROUTE}."
    )


def late_contact_family_warning(*, decision_notice_sent: date) -> str:
    """What a family are told before they send a referral when the 2 months have already passed."""
    last_day = adviser_contact_deadline(decision_notice_sent)
    return (
        f"The 2 months to contact a mediation adviser ended on {format_day(last_day)}. Because of this, we "
        "cannot give you a mediation certificate if you decide you do not want mediation (the law says so in "
        "regulation 34(2) of the SEND Regulations 2014). You can ask the SEND Tribunal for permission to appeal "
        "without a certificate (regulation 34(3)); the Tribunal decides. Please still get in touch: you can "
        "still ask us about mediation"
    )
