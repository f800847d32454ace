"""Who reads what a party sends through their link, and when: said on every page where they write something.

The words must match what the service does with each answer: a summary goes to the mediator, then to every
side at the exchange (services/exchange.py); the note for the mediator only never leaves the mediator and
our managers (selectors.py); the child's views are recorded for the mediator, who shares them at the meeting
(services/submissions.py makes a case record with `show_at_meeting` on); availability, attendance and
expenses stay with our staff; survey answers are read by our managers, and reach anyone else only as totals
or, with consent, as an unnamed quote (feedback/selectors.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from senmediation.cases.models import Case, Party

from .models import PartyLink, Purpose, SummaryExchange

# The sides of the disagreement: the ones who write a summary and receive everyone's (services/exchange.py).
SIDES = (Party.Role.PARENT, Party.Role.YOUNG_PERSON, Party.Role.LA_OFFICER, Party.Role.ICB, Party.Role.SCHOOL)


@dataclass(frozen=True)
class WhoReads:
    """For the include portal/includes/who_reads.html: a heading and plain sentences."""

    sentences: tuple[str, ...]
    heading: str = "Who will read this"


def side_label(*, role: str, name: str, organisation: str, la_name: str) -> str:
    """A side as the family knows it: the council or body by its name, a person by name and role."""
    if role == Party.Role.LA_OFFICER:
        return organisation or la_name
    if role == Party.Role.ICB:
        return organisation or "the integrated care board"
    if role == Party.Role.SCHOOL:
        return organisation or "the school or college"
    return f"{name} ({'parent or carer' if role == Party.Role.PARENT else Party.Role(role).label.lower()})"


def side_name(party: Party, *, case: Case) -> str:
    return side_label(role=party.role, name=party.name, organisation=party.organisation,
                      la_name=case.local_authority.name)


def names_joined(names: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C', each name once, in the order given."""
    unique = list(dict.fromkeys(names))
    if len(unique) <= 1:
        return "".join(unique)
    return f"{', '.join(unique[:-1])} and {unique[-1]}"


def other_sides(party: Party) -> list[str]:
    """The names of every side of the case but this party (one query)."""
    case = party.case
    others = case.parties.filter(role__in=SIDES).exclude(pk=party.pk).order_by("role", "id")
    return list(dict.fromkeys(side_name(other, case=case) for other in others))


def summary_readers(*, sides: list[str], exchange: SummaryExchange | None) -> WhoReads:
    """The summary page's promise: the mediator first, then every side at once on the exchange."""
    if exchange is not None and exchange.released_at is not None:
        return WhoReads((
            f"Your summary and issues were sent to {names_joined(sides) or 'the other sides'} on "
            f"{exchange.released_at:%-d %B %Y}.",
            "Your note for the mediator only was not sent to anyone. Only your mediator and our service "
            "managers can read it.",
        ))
    when = (f"on {exchange.release_on:%-d %B %Y}, or sooner if every side has sent theirs"
            if exchange is not None and exchange.release_on else "when every side has sent theirs")
    return WhoReads((
        "Your mediator reads your summary and issues to prepare for the meeting.",
        f"Then we send them to {names_joined(sides) or 'the other sides'}, and you get theirs. This happens {when}. "
        "Every side gets the summaries at the same time.",
        "Anything you write in the box for the mediator only is never shared. Only your mediator and our service "
        "managers can read it.",
    ))


def who_reads_for(link: PartyLink) -> WhoReads:
    """What the page for this link says about who reads the answers (at most three queries)."""
    party = link.party
    purpose = link.purpose
    if purpose == Purpose.SUMMARY_AND_ISSUES:
        exchange = SummaryExchange.objects.filter(case_id=party.case_id).first()
        return summary_readers(sides=other_sides(party), exchange=exchange)
    if purpose == Purpose.CHILD_VIEWS:
        sides = other_sides(party)
        at_meeting = f": {names_joined(sides)}" if sides else ""
        return WhoReads((
            "The mediator will read what you send.",
            f"The mediator will tell the grown-ups at the meeting what you think{at_meeting}.",
        ), heading="Who will see this")
    if purpose == Purpose.AVAILABILITY:
        return WhoReads(("Our staff who arrange the meeting read this, to find a time that suits everyone. "
                         "We do not send it to the other sides.",))
    if purpose == Purpose.ATTENDANCE:
        return WhoReads(("Our staff and your mediator read this, to plan the meeting and what you need. "
                         "We do not send it to the other sides.",))
    if purpose == Purpose.FEEDBACK:
        return WhoReads((
            "Our service managers read your answers. They do not change anything about your case.",
            "Your mediator and the local authority only see totals from everyone's answers. Your mediator sees "
            "your comments only if you let us quote them, and never with your name.",
        ))
    if purpose == Purpose.EXPENSES:
        return WhoReads(("Our staff read your claim and receipts to work out what can be paid back to you. "
                         "We do not send it to the other sides.",))
    return WhoReads(())
