"""The activity statement: the chargeable work done for one LA's residents in a period, priced from its
rate card, and the parents' expenses paid for the LA under SEND Regulations 2014 reg 41. Counts come from the
same stored facts as the report (five queries whatever the data size: cases, certificates, meetings held,
approved expenses claims, the rate card)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from senmediation.cases.models import Case
from senmediation.core.clock import LONDON
from senmediation.directory.models import LocalAuthority
from senmediation.documents.models import Certificate
from senmediation.expenses.models import ExpenseClaim
from senmediation.reporting.state_changes import state_changes
from senmediation.rules.eligibility import Route
from senmediation.rules.workflow import CaseType, State

from .models import RateCard
from .periods import Period


@dataclass(frozen=True)
class Line:
    item: str
    how: str
    quantity: int
    unit_price: Decimal | None  # None: a sum of amounts paid (expenses), not a price times a count
    paid: Decimal = Decimal("0.00")

    @property
    def amount(self) -> Decimal:
        return self.paid if self.unit_price is None else self.unit_price * self.quantity

    @property
    def recharged(self) -> bool:
        """Money paid out for the LA (reg 41 expenses): owed even where the service itself is free."""
        return self.unit_price is None


@dataclass(frozen=True)
class Statement:
    local_authority: LocalAuthority
    period: Period
    lines: list[Line]
    free: bool  # the LA covers its residents (the seed: free for Trafford residents): nothing is charged
    rate_card: RateCard | None

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines if line.recharged or not self.free), Decimal("0.00"))


def activity_statement(*, local_authority: LocalAuthority, period: Period) -> Statement:
    la_id = local_authority.pk
    enquiries = Case.objects.filter(local_authority_id=la_id, opened_on__range=(period.start, period.end)).count()
    certificates = Certificate.objects.filter(local_authority_id=la_id, supersedes__isnull=True,
                                              issued_on__range=(period.start, period.end)).count()
    start = dt.datetime.combine(period.start, dt.time(), LONDON)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(), LONDON)
    held = state_changes().filter(to_state=State.held, at__gte=start, at__lt=end,
                                    case__local_authority_id=la_id).aggregate(
        sen=Count("case_id", distinct=True, filter=Q(case__case_type=CaseType.sen_mediation)),
        drs=Count("case_id", distinct=True, filter=Q(case__case_type=CaseType.disagreement_resolution)),
    )
    # Claims approved in the period on this LA's cases. A health-care-only mediation is arranged, and its
    # expenses paid, by the ICB (SEND Regulations 2014 reg 35(3), reg 41(1)), so it is not the LA's to pay.
    expenses = ExpenseClaim.objects.filter(
        status=ExpenseClaim.Status.APPROVED, decided_at__gte=start, decided_at__lt=end,
        case__local_authority_id=la_id).exclude(case__route=Route.health_only).aggregate(
        claims=Count("id"), pence=Sum("payable_pence"))
    card = RateCard.objects.filter(local_authority_id=la_id).first()
    zero = Decimal("0.00")
    lines = [
        Line("Enquiries and referrals", "Cases opened in the period: information and advice given.", enquiries,
             card.enquiry if card else zero),
        Line("Mediation certificates", "Certificates issued in the period; a corrected one is not charged again.",
             certificates, card.certificate if card else zero),
        Line("SEN mediation meetings", "Meetings held in the period, once per case.", held["sen"],
             card.mediation if card else zero),
        Line("Disagreement resolution meetings", "Meetings held in the period, once per case.", held["drs"],
             card.disagreement_resolution if card else zero),
        Line("Parents' expenses (SEND Regulations 2014 reg 41)",
             "Claims approved in the period, paid at the rates of reg 41: travel, lost earnings, care, overnight.",
             expenses["claims"], None, (Decimal(expenses["pence"] or 0) / 100).quantize(Decimal("0.01"))),
    ]
    return Statement(local_authority, period, lines, local_authority.free_for_residents, card)
