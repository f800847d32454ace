"""How long a party's secure link works for when staff do not choose: the shortest time each purpose needs.

A link is a key to part of a case, so it should stop working as soon as it has done its job. Each default
is tied to the clock that job serves. Staff can still choose any time from 1 to MAX_DAYS_VALID days when
they make a link, for example a longer one for a party who is away.

| purpose | days | why |
| --- | --- | --- |
| availability | 7 | Dates are needed quickly: the meeting must be held within 30 days of the local authority being told the family want mediation (SEND Regulations 2014 (SI 2014/1530) reg 35(3)-(4) and 36(2)), so the dates have to come back in the first week to leave time to book. |
| attendance | 7 | Sent once the meeting is booked, which is within the same 30 days; a week is enough to answer and still plan interpreters and rooms. |
| summary_and_issues | 14 | Summaries are exchanged before the meeting; half of the 30-day window is the most the exchange can take. |
| child_views | 14 | The child's views are gathered before the meeting, on the same timetable as the summaries. |
| agreement | 30 | The agreement is read after the meeting. A party who may appeal needs it within 1 month of the mediation certificate (Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r.20(1)(c)), so the link lasts that month and no longer. |
| feedback | 28 | The survey stays open for 28 days after the invitation: one reminder after 10 days and time to answer it. It shows nothing of the case. |
| expenses | 28 | Sent after the meeting, for the parent or young person to claim the travel, lost earnings, care and overnight costs the body arranging the mediation pays (SEND Regulations 2014 reg 41(1)). Reg 41 sets no time limit for a claim: 4 weeks is time to gather receipts (reg 41(2)(b)) while the costs are fresh, and staff can send a new link to anyone who needs longer. Like feedback, it still works after the case closes. |
| case | 14 | The family's own case page, sent when they ask for a new link because they lost theirs. Two weeks covers the stretch of the 30-day window a family waits through; a new one can be asked for at any time. |
| documents | 7 | A closed case's documents (certificates, agreement, letters), sent on request. Long enough to download them; short because the case needs nothing more. |

The family's own case page: every link a parent, a young person, or someone who acts for a young person
who lacks capacity (the "alternative person", SEND Regulations 2014 regs 63-64) receives opens their case page,
with the task the link was sent for on it. Other parties (the local authority, the ICB, a school, a
supporter) see only their task.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

MAX_DAYS_VALID = 60

LINK_DAYS_BY_PURPOSE: Mapping[str, int] = MappingProxyType({
    "availability": 7,
    "attendance": 7,
    "summary_and_issues": 14,
    "child_views": 14,
    "agreement": 30,
    "feedback": 28,
    "expenses": 28,
    "case": 14,
    "documents": 7,
})

FAMILY_PAGE_ROLES: frozenset[str] = frozenset({"parent", "young_person", "representative"})


def opens_family_page(role: str) -> bool:
    """Whether a link for a party in `role` opens the family's own case page (see above)."""
    return role in FAMILY_PAGE_ROLES


def link_days_default(purpose: str) -> int:
    """The default number of days a link for `purpose` works for (see the table above)."""
    try:
        return LINK_DAYS_BY_PURPOSE[purpose]
    except KeyError:
        raise ValueError(f"No default link time for {purpose!r}") from None
