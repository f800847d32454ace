"""The rate card a manager keeps for each local authority whose residents are not covered free."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from senmediation.core.models import TimeStampedModel

PRICE = {"max_digits": 9, "decimal_places": 2, "default": Decimal("0.00")}


class RateCard(TimeStampedModel):
    """Prices per unit of work, in pounds. The activity statement multiplies these by what was done."""

    local_authority = models.OneToOneField("directory.LocalAuthority", on_delete=models.PROTECT,
                                           related_name="rate_card")
    enquiry = models.DecimalField("each enquiry or referral (information and advice)", **PRICE)  # type: ignore[arg-type]
    certificate = models.DecimalField("each mediation certificate issued", **PRICE)  # type: ignore[arg-type]
    mediation = models.DecimalField("each SEN mediation meeting held", **PRICE)  # type: ignore[arg-type]
    disagreement_resolution = models.DecimalField("each disagreement resolution meeting held",
                                                  **PRICE)  # type: ignore[arg-type]
    purchase_order = models.CharField("purchase order or contract reference", max_length=60, blank=True)
    vat_note = models.CharField("VAT note", max_length=200, blank=True,
                                help_text="For example: prices exclude VAT, or: no VAT is charged.")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    def __str__(self) -> str:
        return f"Rate card for {self.local_authority_id}"


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
