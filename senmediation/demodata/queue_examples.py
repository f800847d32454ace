"""A little of the office's daily work for `make run`, made through the real services, so that a coordinator
who opens the work queue of a small demo sees each kind of item that messages make: a call to make with a
code to read out, a letter held for want of an address, and a letter ready to print.

Only for a small demo (the bulk generator writes no messages): three of the newest open cases' parents are
sent a link to tell us when they can come, after their details are changed as a family might ask.
"""

from __future__ import annotations

from typing import Any

from senmediation.cases.models import FINISHED_STATES, Case, Party
from senmediation.cases.services.casework import party_update
from senmediation.portal.services.links import party_link_issue

DEMO_SITE = "http://127.0.0.1:8000"
# How each of the three parents asked to hear from us, and the address we hold for them.
ASKED: tuple[dict[str, Any], ...] = (
    {"preferred_contact": ["phone"]},
    {"preferred_contact": ["letter"], "address": ""},
    {"preferred_contact": ["letter"], "address": "14 Demo Street\nSale\nM33 7XX"},
)


def queue_examples_make(*, by: Any) -> int:
    """Sends the three links; returns how many were sent (fewer when the demo has fewer open cases)."""
    cases = (Case.objects.exclude(state__in=FINISHED_STATES).filter(parties__role=Party.Role.PARENT)
             .order_by("-opened_on", "-id").distinct()[: len(ASKED)])
    sent = 0
    for case, asked in zip(cases, ASKED, strict=False):
        parent = case.parties.filter(role=Party.Role.PARENT).order_by("id").first()
        assert parent is not None
        if asked["preferred_contact"] == ["phone"] and not parent.phone:
            asked = {**asked, "phone": "07700 900777"}
        party_update(party=parent, by=by, **asked)
        party_link_issue(party=parent, purpose="availability", by=by, base_url=DEMO_SITE)
        sent += 1
    return sent
