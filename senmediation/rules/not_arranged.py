"""The LA that cannot arrange mediation in time (SEND Regulations 2014 (SI 2014/1530) reg 39(2)-(3)).

reg 39(2): where mediation is pursued before an appeal and the LA is unable to arrange it within the period of
reg 35(4) or 36(2), the LA "must notify the mediation adviser of this fact as soon as possible after it realises
that it is unable to arrange for mediation within that period". reg 39(3): the parent or young person is then
"deemed" to have participated in mediation, and the adviser issues a certificate "within 3 working days of
being notified of this by the local authority, whether or not the child's parent or the young person later
participates in mediation".
"""

from __future__ import annotations

from datetime import date, timedelta

from senmediation.rules.deadlines import Clock, due_date
from senmediation.rules.eligibility import ROUTE_RULES, Route

__all__ = ["LA_ASKED_ON_DAY", "certificate_not_arranged_due", "la_asked_on", "la_must_tell_adviser"]


# Day 20 of the 30 (regs 35(4), 36(2)) with no meeting fixed: the service asks the LA in writing whether it
# can still arrange mediation in time. Day 20 leaves 10 days: enough, in an ordinary fortnight, for the LA
# to fix a date and still give the family the 5 working days' notice of reg 37(2) before day 30; and if it
# cannot, reg 39(2) wants the adviser told "as soon as possible" after the LA realises, not on day 30.
# A service choice, not a statutory date: the law sets no day for asking.
LA_ASKED_ON_DAY = 20


def la_must_tell_adviser(route: Route) -> bool:
    """Whether reg 39(2)-(3) can apply: the LA arranges the mediation (reg 35(4) or 36(2), not the ICB
    alone under reg 35(3)) and the family need a certificate before appealing (CFA 2014 s.55)."""
    rule = ROUTE_RULES[route]
    return rule.mediation and rule.certificate_owed and not rule.icb_arranges


def la_asked_on(la_told_on: date) -> date:
    """The day the LA is asked whether it can arrange mediation in time: calendar day 20 after it was told
    the family want mediation (the 30 days of regs 35(4) and 36(2) are calendar days too)."""
    return la_told_on + timedelta(days=LA_ASKED_ON_DAY)


def certificate_not_arranged_due(adviser_told_on: date) -> date:
    """The deemed certificate: 3 working days after the LA tells the adviser it cannot arrange mediation in
    time (reg 39(3)), "whether or not" the family later take part in mediation."""
    return due_date(Clock.certificate_not_arranged, adviser_told_on)
