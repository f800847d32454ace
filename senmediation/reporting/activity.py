"""The activity statement: the work done for one LA's residents in a period, priced month by month from the
rate card version in force in each month, and the parents' expenses paid for the LA under SEND Regulations
2014 reg 41. The counts are the report's own, from its monthly buckets (buckets.py), with approved expenses claims
and the rate card versions: four queries when the months are built, whatever the data size. statements.py issues
it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum

from senmediation.core.clock import LONDON
from senmediation.directory.models import LocalAuthority
from senmediation.expenses.models import ExpenseClaim
from senmediation.rules.eligibility import Route
from senmediation.rules.workflow import CaseType

from .buckets import figures_by_month
from .models import ActivityStatementLine, RateCardVersion
from .periods import Period

Kind = ActivityStatementLine.Kind
ZERO = Decimal("0.00")
EXPENSES_ITEM = "Parents' expenses (SEND Regulations 2014 reg 41)"
EXPENSES_HOW = "Claims approved in the period, paid at the rates of reg 41: travel, lost earnings, care, overnight."
# (item, how it is counted, the rate card's price field)
PRICED = (
    ("Enquiries and referrals", "Cases opened: information and advice given.", "enquiry"),
    ("Mediation certificates", "Certificates issued; a corrected one is a free line of its own.", "certificate"),
    ("SEN mediation meetings", "Meetings held, once per case in the period.", "mediation"),
    ("Disagreement resolution meetings", "Meetings held, once per case in the period.", "disagreement_resolution"),
)
CORRECTED_ITEM = "Corrected certificates"
CORRECTED_WHY = "A correction of a certificate already issued is not charged again."


@dataclass(frozen=True)
class Line:
    """A line as the issued statement stores it (the same names as ActivityStatementLine)."""

    kind: str
    item: str
    how: str
    quantity: int
    unit_price: Decimal | None  # None: a sum of amounts paid (expenses), not a price times a count
    amount: Decimal
    months: str = ""  # which months of the period, when prices changed inside it
    free_reason: str = ""
    rate_card_version: RateCardVersion | None = None


@dataclass(frozen=True)
class Statement:
    local_authority: LocalAuthority
    period: Period
    lines: list[Line]
    free_for_residents: bool  # the LA covers its residents (the seed: Trafford): nothing is charged for the service
    versions: list[RateCardVersion] = field(default_factory=list)  # the versions in force, in order
    missing_months: list[dt.date] = field(default_factory=list)  # months of a paying LA with no version in force

    @property
    def local_authority_name(self) -> str:
        return self.local_authority.name

    @property
    def period_label(self) -> str:
        return self.period.label

    @property
    def purchase_order(self) -> str:
        return self.versions[-1].purchase_order if self.versions else ""

    @property
    def vat_note(self) -> str:
        return self.versions[-1].vat_note if self.versions else ""

    @property
    def chargeable_total(self) -> Decimal:
        return sum((line.amount for line in self.lines if line.kind == Kind.CHARGEABLE), ZERO)

    @property
    def expenses_total(self) -> Decimal:
        return sum((line.amount for line in self.lines if line.kind == Kind.EXPENSES), ZERO)

    @property
    def total(self) -> Decimal:
        return self.chargeable_total + self.expenses_total


def version_in_force(versions: list[RateCardVersion], month: dt.date) -> RateCardVersion | None:
    """The latest version from this month or before (of two from the same month, the one added later)."""
    found = None
    for version in versions:  # ordered by effective_from, then id
        if version.effective_from <= month:
            found = version
    return found


def months_label(months: list[dt.date]) -> str:
    if len(months) == 1:
        return f"{months[0]:%B %Y}"
    first = f"{months[0]:%B}" if months[0].year == months[-1].year else f"{months[0]:%B %Y}"
    return f"{first} to {months[-1]:%B %Y}"


def _by_month(rows: list[Any], key: str) -> dict[dt.date, int]:
    return {_month(row["m"]): int(row[key] or 0) for row in rows}


def _month(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.astimezone(LONDON).date().replace(day=1)
    assert isinstance(value, dt.date)
    return value.replace(day=1)


def _counts(la_id: int, period: Period) -> dict[str, dict[dt.date, int]]:
    """Per month of the period, from the monthly buckets (two queries when built: buckets.py): cases opened,
    certificates and corrections issued, meetings held by the case's type (each case once a month)."""
    months = period.months()
    by_month = figures_by_month(local_authority_id=la_id, months=months)
    return {"enquiry": {m: by_month[m].enquiries for m in months},
            "certificate": {m: sum(by_month[m].certificates.values()) for m in months},
            "corrected": {m: by_month[m].certificates_corrected for m in months},
            "mediation": {m: by_month[m].held_by_case_type.get(CaseType.sen_mediation, 0) for m in months},
            "disagreement_resolution": {m: by_month[m].held_by_case_type.get(CaseType.disagreement_resolution, 0)
                                        for m in months}}


def _expenses(la_id: int, period: Period) -> tuple[int, Decimal]:
    start = dt.datetime.combine(period.start, dt.time(), LONDON)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(), LONDON)
    # Claims approved in the period on this LA's cases. A health-care-only mediation is arranged, and its
    # expenses paid, by the ICB (SEND Regulations 2014 reg 35(3), reg 41(1)), so it is not the LA's to pay.
    found = ExpenseClaim.objects.filter(
        status=ExpenseClaim.Status.APPROVED, decided_at__gte=start, decided_at__lt=end,
        case__local_authority_id=la_id).exclude(case__route=Route.health_only).aggregate(
        claims=Count("id"), pence=Sum("payable_pence"))
    return found["claims"], (Decimal(found["pence"] or 0) / 100).quantize(Decimal("0.01"))


def _runs(months: list[dt.date], version_of: Callable[[dt.date], RateCardVersion | None]
          ) -> list[tuple[RateCardVersion | None, list[dt.date]]]:
    """The months split where the version in force changes."""
    runs: list[tuple[RateCardVersion | None, list[dt.date]]] = []
    for month in months:
        version = version_of(month)
        if runs and runs[-1][0] == version:
            runs[-1][1].append(month)
        else:
            runs.append((version, [month]))
    return runs


def activity_statement(*, local_authority: LocalAuthority, period: Period) -> Statement:
    la_id = local_authority.pk
    counts = _counts(la_id, period)
    claims, paid = _expenses(la_id, period)
    versions = list(RateCardVersion.objects.filter(local_authority_id=la_id, effective_from__lte=period.end)
                    .order_by("effective_from", "id"))
    months = period.months()
    free = local_authority.free_for_residents
    runs = [(None, months)] if free else _runs(months, lambda month: version_in_force(versions, month))
    lines = []
    for item, how, price_field in PRICED:
        for version, run in runs:
            quantity = sum(counts[price_field].get(month, 0) for month in run)
            label = months_label(run) if len(runs) > 1 else ""
            if free:
                lines.append(Line(Kind.FREE, item, how, quantity, ZERO, ZERO, label,
                                  f"The service is free for {local_authority.name}'s residents."))
            else:
                price = getattr(version, price_field) if version else ZERO
                lines.append(Line(Kind.CHARGEABLE, item, how, quantity, price, price * quantity, label,
                                  rate_card_version=version))
        if price_field == "certificate":
            lines.append(Line(Kind.FREE, CORRECTED_ITEM, "Corrected certificates issued.",
                              sum(counts["corrected"].values()), ZERO, ZERO, free_reason=CORRECTED_WHY))
    lines.append(Line(Kind.EXPENSES, EXPENSES_ITEM, EXPENSES_HOW, claims, None, paid))
    used = [] if free else list({v.pk: v for v, _ in runs if v is not None}.values())
    missing = [] if free else [month for version, run in runs if version is None for month in run]
    return Statement(local_authority, period, lines, free, used, missing)
