"""Whether a party's task page leads back to the family's own case page (yourcase/)."""

from __future__ import annotations

from senmediation.rules.links import opens_family_page

from .models import PartyLink, Purpose


def back_to_case(link: PartyLink) -> bool:
    """A family's link opens their case page while the case is open, so its task and thank-you pages lead back
    there. Not the child's own views link: the child's page is theirs alone (rules/links.py)."""
    return (opens_family_page(link.party.role) and link.purpose not in (Purpose.CHILD_VIEWS, Purpose.DOCUMENTS)
            and link.party.case.is_open)
