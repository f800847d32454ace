"""Which links open the family's own case page (yourcase/), and which task pages lead back to it."""

from __future__ import annotations

from senmediation.rules.links import opens_family_page

from .models import PartyLink, Purpose


def opens_case_page(link: PartyLink) -> bool:
    """Whether `link` opens the family's case page rather than its task page: the family's roles only, and
    never the child's own views link (a child's page for a parent never shows the views form)."""
    return opens_family_page(link.party.role) and link.purpose != Purpose.CHILD_VIEWS


def back_to_case(link: PartyLink) -> bool:
    """A family's link opens their case page while the case is open, so its task and thank-you pages lead back
    there (a documents link has no task to lead back from)."""
    return opens_case_page(link) and link.purpose != Purpose.DOCUMENTS and link.party.case.is_open
