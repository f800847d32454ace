"""What the body arranging a mediation pays a parent or young person for coming to it, and why.

The law, read in the SEND Regulations 2014 (SI 2014/1530) reg 41 (consolidated text, legislation.gov.uk,
last updated 3 April 2018; read in the public copy legalize-dev/legalize-uk `uk/uksi-2014-1530.md`):

  41(1) "Subject to paragraph (2), the body arranging the mediation shall pay the following expenses in
  connection with the child's parent or young person attending mediation":
  - Travel Costs: "Standard class public transport fares for the parent and their child or the young
    person. A mileage rate of 25p per mile for travel by car or motorcycle. Taxi fares."
  - Repayment for loss of earnings: "Loss of earnings up to £45."
  - Registered child or young person care expenses: "Engagement of a registered child or adult carer at
    £5.35 per hour, per child or young person."
  - Overnight expenses: "Expenses up to £81 per night for inner London or £71 per night for elsewhere or
    £21 per night if the stay is with family or friends."
  41(2) "The body arranging the mediation may require either or both of the following conditions before
  making payment": (a) "payment is made with the prior agreement of the body arranging the mediation";
  (b) "payment is made upon receipt of satisfactory supporting evidence of the expenses claimed."

Readings where the text leaves a choice (docs/law.md says the same):
- Loss of earnings: the regulation gives no period for the £45. A claim here is for coming to one
  mediation meeting, and the £45 is the most paid for lost earnings on one claim.
- Care: paid at the rate for each hour and each child or young person cared for, whatever the carer
  charged (the regulation sets a rate, not a limit). Hours are whole or half hours; a half penny is
  rounded up.
- Fares and taxis: paid as claimed (the regulation sets no limit); the body may ask for receipts
  (41(2)(b)) and refuses a claim it has no satisfactory evidence for.
- Overnight: the most per night for the place stayed, times the nights; never more than was paid.

Money is in pence, as integers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType

__all__ = [
    "CARE_PENCE_PER_HOUR", "CITATION", "CLAIMANT_ROLES", "CONDITIONS", "LOST_EARNINGS_CAP_PENCE",
    "LINE_LABELS", "MILEAGE_PENCE_PER_MILE", "OVERNIGHT_CAP_PENCE", "OVERNIGHT_PLACE_LABELS", "Assessment", "ClaimAnswers", "LineKind",
    "OvernightPlace", "PayableLine", "claim_assess", "claimant_allowed", "pounds",
]

CITATION = "SEND Regulations 2014 reg 41(1)"

# Each amount is quoted from reg 41(1) above.
MILEAGE_PENCE_PER_MILE = 25  # "A mileage rate of 25p per mile for travel by car or motorcycle."
LOST_EARNINGS_CAP_PENCE = 4500  # "Loss of earnings up to £45."
CARE_PENCE_PER_HOUR = 535  # "a registered child or adult carer at £5.35 per hour, per child or young person"


class OvernightPlace(StrEnum):
    inner_london = "inner_london"
    elsewhere = "elsewhere"
    family_or_friends = "family_or_friends"


# "up to £81 per night for inner London or £71 per night for elsewhere or £21 per night if the stay is
# with family or friends"
OVERNIGHT_CAP_PENCE: Mapping[OvernightPlace, int] = MappingProxyType({
    OvernightPlace.inner_london: 8100,
    OvernightPlace.elsewhere: 7100,
    OvernightPlace.family_or_friends: 2100,
})
OVERNIGHT_PLACE_LABELS: Mapping[OvernightPlace, str] = MappingProxyType({
    OvernightPlace.inner_london: "in a hotel or other paid place in inner London",
    OvernightPlace.elsewhere: "in a hotel or other paid place outside inner London",
    OvernightPlace.family_or_friends: "with family or friends",
})

# Reg 41(1): the expenses are "in connection with the child's parent or young person attending mediation".
CLAIMANT_ROLES = frozenset({"parent", "young_person"})

# Reg 41(2): what the arranging body may ask for before it pays (shown to the family before they send).
CONDITIONS = (
    ("SEND Regulations 2014 reg 41(2)(a)", "We may ask you to agree the costs with us before you spend the money."),
    ("SEND Regulations 2014 reg 41(2)(b)", "We pay when we have receipts or other proof of what you spent."),
)


class LineKind(StrEnum):
    public_transport = "public_transport"
    taxi = "taxi"
    mileage = "mileage"
    lost_earnings = "lost_earnings"
    care = "care"
    overnight = "overnight"


LINE_LABELS: Mapping[LineKind, str] = MappingProxyType({
    LineKind.public_transport: "Public transport fares",
    LineKind.taxi: "Taxi fares",
    LineKind.mileage: "Travel by car or motorcycle",
    LineKind.lost_earnings: "Lost earnings",
    LineKind.care: "A registered carer",
    LineKind.overnight: "Overnight stay",
})


def pounds(pence: int) -> str:
    """£1,234.50 from 123450."""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}.{part:02d}"


def claimant_allowed(role: str) -> bool:
    """Only the parent or the young person is paid expenses under reg 41(1)."""
    return role in CLAIMANT_ROLES


@dataclass(frozen=True)
class ClaimAnswers:
    """What the family told us. Amounts in pence; miles whole; care hours in whole or half hours."""

    public_transport_pence: int = 0
    taxi_pence: int = 0
    miles: int = 0
    lost_earnings_pence: int = 0
    care_hours: Decimal = Decimal(0)
    care_people: int = 0
    overnight_nights: int = 0
    overnight_place: OvernightPlace | None = None
    overnight_pence: int = 0

    def __post_init__(self) -> None:
        for name in ("public_transport_pence", "taxi_pence", "miles", "lost_earnings_pence", "care_people",
                     "overnight_nights", "overnight_pence"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} cannot be negative")
        if self.care_hours < 0 or (self.care_hours * 2) % 1:
            raise ValueError("care_hours must be whole or half hours")
        if self.overnight_nights and self.overnight_place is None:
            raise ValueError("Say where the overnight stay was")


@dataclass(frozen=True)
class PayableLine:
    kind: LineKind
    label: str
    claimed_pence: int
    payable_pence: int
    explanation: str
    citation: str = CITATION

    @property
    def capped(self) -> bool:
        return self.payable_pence < self.claimed_pence


@dataclass(frozen=True)
class Assessment:
    lines: tuple[PayableLine, ...]

    @property
    def claimed_pence(self) -> int:
        return sum(line.claimed_pence for line in self.lines)

    @property
    def payable_pence(self) -> int:
        return sum(line.payable_pence for line in self.lines)


def _line(kind: LineKind, claimed: int, payable: int, explanation: str) -> PayableLine:
    return PayableLine(kind, LINE_LABELS[kind], claimed, payable, explanation)


def _care_pence(hours: Decimal, people: int) -> int:
    exact = hours * people * CARE_PENCE_PER_HOUR
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def claim_assess(answers: ClaimAnswers) -> Assessment:
    """Each expense the family claimed, what is payable under reg 41(1), and why, in plain English.
    Expenses they did not claim are left out."""
    a = answers
    lines: list[PayableLine] = []
    if a.public_transport_pence:
        lines.append(_line(LineKind.public_transport, a.public_transport_pence, a.public_transport_pence,
                           "Standard class fares are paid as claimed."))
    if a.taxi_pence:
        lines.append(_line(LineKind.taxi, a.taxi_pence, a.taxi_pence, "Taxi fares are paid as claimed."))
    if a.miles:
        amount = a.miles * MILEAGE_PENCE_PER_MILE
        mile_word = "mile" if a.miles == 1 else "miles"
        lines.append(_line(LineKind.mileage, amount, amount,
                           f"{a.miles} {mile_word} at {pounds(MILEAGE_PENCE_PER_MILE)} a mile."))
    if a.lost_earnings_pence:
        paid = min(a.lost_earnings_pence, LOST_EARNINGS_CAP_PENCE)
        why = (f"The most we can pay for lost earnings is {pounds(LOST_EARNINGS_CAP_PENCE)}, so we pay "
               f"{pounds(paid)} of the {pounds(a.lost_earnings_pence)} you lost."
               if paid < a.lost_earnings_pence else
               f"Paid as claimed: it is within the {pounds(LOST_EARNINGS_CAP_PENCE)} most we can pay.")
        lines.append(_line(LineKind.lost_earnings, a.lost_earnings_pence, paid, why))
    if a.care_hours and a.care_people:
        amount = _care_pence(a.care_hours, a.care_people)
        hour_word = "hour" if a.care_hours == 1 else "hours"
        people = "1 child or young person" if a.care_people == 1 else f"{a.care_people} children or young people"
        lines.append(_line(LineKind.care, amount, amount,
                           f"{a.care_hours.normalize():f} {hour_word} for {people}, at "
                           f"{pounds(CARE_PENCE_PER_HOUR)} an hour for each."))
    if a.overnight_nights and a.overnight_place is not None:
        per_night = OVERNIGHT_CAP_PENCE[a.overnight_place]
        most = per_night * a.overnight_nights
        paid = min(a.overnight_pence, most)
        night_word = "night" if a.overnight_nights == 1 else "nights"
        where = OVERNIGHT_PLACE_LABELS[a.overnight_place]
        why = (f"For a stay {where} the most we can pay is {pounds(per_night)} a night: "
               f"{a.overnight_nights} {night_word}, {pounds(most)}.")
        why += f" We pay {pounds(paid)} of the {pounds(a.overnight_pence)} you paid." if paid < a.overnight_pence \
            else " Paid as claimed."
        lines.append(_line(LineKind.overnight, a.overnight_pence, paid, why))
    return Assessment(tuple(lines))
