"""The activity statement: the chargeable work done for one LA's residents in a period, priced from its
rate card. Counts come from the same stored facts as the report (three queries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from senmediation.cases.models import Case
from senmediation.core.clock import LONDON
from senmediation.directory.models import LocalAuthority
from senmediation.documents.models import Certificate
from senmediation.reporting.state_changes import state_changes
from senmediation.rules.workflow import CaseType, State

from .models import RateCard
from .periods import Period


@dataclass(frozen=True)
class Line:
    item: str
    how: str
    quantity: int
    unit_price: Decimal

    @property
    def amount(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class Statement:
    local_authority: LocalAuthority
    period: Period
    lines: list[Line]
    free: bool  # the LA covers its residents (the seed: free for Trafford residents): nothing is charged
    rate_card: RateCard | None

    @property
    def total(self) -> Decimal:
        return Decimal("0.00") if self.free else sum((line.amount for line in self.lines), Decimal("0.00"))


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
    ]
    return Statement(local_authority, period, lines, local_authority.free_for_residents, card)
