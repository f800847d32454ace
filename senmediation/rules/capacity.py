"""A parent or young person who lacks capacity: who acts for them, and who hears from us.

Read in the Children and Families Act 2014 (`uk/ukpga-2014-6.md`, s.80) and the SEND Regulations 2014
(SI 2014/1530, `uk/uksi-2014-1530.md`, Part 6 regs 63-65, Schedule 3, and reg 38), in the consolidated
copy in the public repository legalize-dev/legalize-uk (see docs/law.md).

- Lacking capacity means "within the meaning of the Mental Capacity Act 2005" (CFA s.80(5)).
- A "representative" is (CFA s.80(6)): (a) "a deputy appointed by the Court of Protection under section
  16(2)(b) of the Mental Capacity Act 2005 to make decisions on the parent's or young person's behalf in
  relation to matters within this Part"; (b) "the donee of a lasting power of attorney (within the meaning
  of section 9 of that Act) appointed by the parent or young person" for those matters; (c) "an attorney in
  whom an enduring power of attorney ... is vested", registered or with registration applied for.
- A parent who lacks capacity: references to the child's parent "are to be read as references to a
  representative of the parent" (reg 63). Only a representative can act for a parent.
- A young person who lacks capacity: "the alternative person" is (reg 64(2)) "(a) a representative of the
  young person; (b) the young person's parent, where the young person does not have a representative;
  (c) a representative of the young person's parent, where the young person's parent also lacks capacity
  at the relevant time and the young person does not have a representative". The mediation regulations
  (regs 32-37, 38(1)(b), 39) are in Part 4 of Schedule 3, so there they are read "as references to the
  alternative person instead of the young person" (reg 64(1)(d)).

Who hears from us: because regs 32-39 (a certificate under reg 34 or reg 39, the meeting's date and
place under reg 37(2)) are read as the representative or alternative person *instead of* the parent or
young person, the letters, links and certificate go to the person who acts for them. One exception: the
young person keeps a voice. Where the alternative person is the party, "the young person (with the
agreement of the alternative person and the mediator)" may attend (reg 38(1)(d)) and "the mediator must
take reasonable steps to ascertain the views of the young person about the mediation issues" (reg 38(3)).
So the link asking for the young person's views still goes to the young person.
"""

from __future__ import annotations

from enum import StrEnum


class Basis(StrEnum):
    """Why someone may act for a parent or young person who lacks capacity (the law's list)."""

    deputy = "deputy"
    lasting_power = "lasting_power"
    enduring_power = "enduring_power"
    parent = "parent"
    parent_representative = "parent_representative"


BASIS_LABELS: dict[Basis, str] = {
    Basis.deputy: "A deputy appointed by the Court of Protection",
    Basis.lasting_power: "An attorney under a lasting power of attorney",
    Basis.enduring_power: "An attorney under a registered enduring power of attorney",
    Basis.parent: "The young person's parent (the young person has no deputy or attorney)",
    Basis.parent_representative: "A deputy or attorney for the young person's parent (the parent also lacks "
                                 "capacity and the young person has no deputy or attorney)",
}

BASIS_CITATIONS: dict[Basis, str] = {
    Basis.deputy: "Children and Families Act 2014 s.80(6)(a)",
    Basis.lasting_power: "Children and Families Act 2014 s.80(6)(b)",
    Basis.enduring_power: "Children and Families Act 2014 s.80(6)(c)",
    Basis.parent: "SEND Regulations 2014 reg 64(2)(b)",
    Basis.parent_representative: "SEND Regulations 2014 reg 64(2)(c)",
}

# A representative of the parent or young person (CFA s.80(6)): the only people who may act for a parent
# (reg 63), and the first choice of alternative person for a young person (reg 64(2)(a)).
REPRESENTATIVES = (Basis.deputy, Basis.lasting_power, Basis.enduring_power)

VIEWS_STILL_ASKED = (
    "Their views are still asked. The mediator must take reasonable steps to find out what the young person "
    "thinks about the issues, and the young person may come to the mediation if the person acting for them and "
    "the mediator agree (SEND Regulations 2014 reg 38(1)(d) and 38(3)). The link asking for their views goes to "
    "the young person, not to the person acting for them."
)
CHILD_VIEWS_STILL_ASKED = (
    "The child's views are still asked: the mediator must take reasonable steps to find them out (SEND "
    "Regulations 2014 reg 38(2), read with reg 63)."
)


def bases_for(*, young_person: bool) -> tuple[Basis, ...]:
    """Who may act: for a parent, only a representative (reg 63 with CFA s.80(6)); for a young person,
    the alternative person of reg 64(2)."""
    if young_person:
        return (*REPRESENTATIVES, Basis.parent, Basis.parent_representative)
    return REPRESENTATIVES


def basis_allowed(basis: str, *, young_person: bool) -> bool:
    return basis in {b.value for b in bases_for(young_person=young_person)}


def representative_receives(*, link_purpose: str = "", acting_for_young_person: bool) -> bool:
    """Whether a message for the person who lacks capacity goes to the one acting for them instead.

    Always, except the young person's own views link (reg 38(3)): that one still goes to the young person.
    For a child's parent, the child's views are gathered through the parent's side, so the parent's
    representative gets that link (reg 38(2) read with reg 63)."""
    return not (acting_for_young_person and link_purpose == "child_views")
