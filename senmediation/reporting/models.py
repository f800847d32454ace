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
