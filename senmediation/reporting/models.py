"""The prices a manager keeps for each local authority (dated versions), the activity statements issued to it,
and the monthly report buckets."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

PRICE = {"max_digits": 9, "decimal_places": 2, "default": Decimal("0.00")}


class RateCardVersion(models.Model):
    """One version of an LA's prices, in force from the first day of a month until a later version starts.
    Versions are only ever added: the past keeps the version it had, and an issued statement keeps the prices it
    was issued with (ActivityStatementLine). Two versions from the same month: the one added later wins."""

    local_authority = models.ForeignKey("directory.LocalAuthority", on_delete=models.PROTECT,
                                        related_name="rate_card_versions")
    effective_from = models.DateField("in force from", help_text="The first day of a month.")
    enquiry = models.DecimalField("each enquiry or referral (information and advice)", **PRICE)  # type: ignore[arg-type]
    certificate = models.DecimalField("each mediation certificate issued", **PRICE)  # type: ignore[arg-type]
    mediation = models.DecimalField("each SEN mediation meeting held", **PRICE)  # type: ignore[arg-type]
    disagreement_resolution = models.DecimalField("each disagreement resolution meeting held",
                                                  **PRICE)  # type: ignore[arg-type]
    purchase_order = models.CharField("purchase order or contract reference", max_length=60, blank=True)
    vat_note = models.CharField("VAT note", max_length=200, blank=True,
                                help_text="For example: prices exclude VAT, or: no VAT is charged.")
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        indexes = [models.Index(fields=["local_authority", "effective_from", "id"], name="rate_version_la_from")]
        constraints = [models.CheckConstraint(condition=models.Q(effective_from__day=1),
                                              name="rate_version_from_first_of_month")]

    def __str__(self) -> str:
        return f"Rate card for {self.local_authority_id} from {self.effective_from:%B %Y}"


class ReportBucket(models.Model):
    """The report's figures for one calendar month, counted from the stored facts: one LA's, or every LA's
    together (no local authority). A report adds up the buckets of its months (buckets.py); a month with a
    StaleReportMonth mark is counted live instead until the worker rebuilds it."""

    month = models.DateField(help_text="The first day of the month.")
    local_authority = models.ForeignKey("directory.LocalAuthority", null=True, blank=True, on_delete=models.CASCADE,
                                        related_name="+")
    figures = models.JSONField()
    built_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "local_authority"], name="report_bucket_one_per_la_month",
                                    condition=models.Q(local_authority__isnull=False)),
            models.UniqueConstraint(fields=["month"], name="report_bucket_one_all_la_month",
                                    condition=models.Q(local_authority__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"Report figures for {self.month:%B %Y} ({self.local_authority_id or 'all'})"


class StaleReportMonth(models.Model):
    """A month whose buckets may no longer equal a recount: written in the same transaction as the change to a
    counted fact (invalidation.py). Only the rebuild that counted after seeing a mark deletes it, so a change
    committed while a month is being rebuilt leaves its own mark behind."""

    month = models.DateField(db_index=True)
    marked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.month:%B %Y} to be recounted"


class ActivityStatement(models.Model):
    """An activity statement as issued: numbered ACT-<year>-<5 digits> (gap-free per year of issue), its lines a
    snapshot that no later rate card or recount changes. A correction is a new statement that names the one it
    replaces; the replaced one is never edited (it is replaced when a statement points at it)."""

    number = models.CharField(max_length=20, unique=True)
    number_year = models.PositiveSmallIntegerField()
    number_sequence = models.PositiveIntegerField()
    local_authority = models.ForeignKey("directory.LocalAuthority", on_delete=models.PROTECT,
                                        related_name="activity_statements")
    local_authority_name = models.CharField(max_length=200)
    period_kind = models.CharField(max_length=10)
    period_start = models.DateField()
    period_end = models.DateField()
    period_label = models.CharField(max_length=100)
    free_for_residents = models.BooleanField()
    purchase_order = models.CharField("purchase order or contract reference", max_length=60, blank=True)
    vat_note = models.CharField(max_length=200, blank=True)
    chargeable_total = models.DecimalField(max_digits=12, decimal_places=2)
    expenses_total = models.DecimalField(max_digits=12, decimal_places=2)
    total = models.DecimalField(max_digits=12, decimal_places=2)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="replaced_by")
    reason = models.CharField("why it was corrected", max_length=300, blank=True)
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["local_authority", "-period_start", "-id"], name="statement_la_period")]
        constraints = [
            models.UniqueConstraint(fields=["number_year", "number_sequence"], name="statement_number_unique"),
            # One original per LA and period: anything else for that period is a correction of it.
            models.UniqueConstraint(fields=["local_authority", "period_start", "period_end"],
                                    condition=models.Q(replaces__isnull=True), name="statement_one_original"),
        ]

    def __str__(self) -> str:
        return self.number


class ActivityStatementLine(models.Model):
    """One line of an issued statement, as it was priced: chargeable, free (with why), or the reg 41 expenses."""

    class Kind(models.TextChoices):
        CHARGEABLE = "chargeable", "Chargeable"
        FREE = "free", "Free"
        EXPENSES = "expenses", "Parents' expenses"

    statement = models.ForeignKey(ActivityStatement, on_delete=models.PROTECT, related_name="lines")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    item = models.CharField(max_length=120)
    months = models.CharField(max_length=100, blank=True)
    how = models.CharField(max_length=300)
    quantity = models.PositiveIntegerField()
    unit_price = models.DecimalField(max_digits=9, decimal_places=2, null=True)  # None: a sum paid (expenses)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    free_reason = models.CharField(max_length=300, blank=True)
    rate_card_version = models.ForeignKey(RateCardVersion, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["statement", "position"], name="statement_line_position")]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.item}"
