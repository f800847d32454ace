"""Who we write to for a party: the one place that decides (notifications, links and certificates ask here).

A parent or young person who lacks capacity (Mental Capacity Act 2005) is acted for by a representative:
for a parent, a representative of the parent (SEND Regulations 2014 reg 63); for a young person, "the
alternative person" (reg 64(2)). The mediation regulations (regs 32-39) are read as the representative or
alternative person "instead of" the parent or young person (reg 63; reg 64(1)(d) with Schedule 3 Part 4),
so letters, links and the certificate go to them. The young person's own views link still goes to the
young person (reg 38(3)). See rules/capacity.py for the text read.
"""

from __future__ import annotations

from senmediation.rules.capacity import representative_receives

from .models import Party


def party_representative(party: Party) -> Party | None:
    """The person acting for `party` because `party` lacks capacity, or None."""
    if party.role not in (Party.Role.PARENT, Party.Role.YOUNG_PERSON) or party.pk is None:
        return None
    return Party.objects.filter(acts_for=party, role=Party.Role.REPRESENTATIVE).order_by("-id").first()


def party_correspondent(party: Party, *, link_purpose: str = "") -> Party:
    """Who a message meant for `party` goes to: the person acting for them, or `party` themselves.

    `link_purpose`: the purpose of a secure link in the message, since the young person's views link is
    still theirs (reg 38(3))."""
    representative = party_representative(party)
    if representative is None:
        return party
    if representative_receives(link_purpose=link_purpose,
                               acting_for_young_person=party.role == Party.Role.YOUNG_PERSON):
        return representative
    return party
