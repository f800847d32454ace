"""A record of each submitted referral: stops double submission sending e-mails twice, and limits
how many referrals one internet address can send in an hour. Holds no answers and no raw address."""

from __future__ import annotations

from django.db import models


class Submission(models.Model):
    idempotency_key = models.CharField(max_length=64, unique=True)
    address_hash = models.CharField(
        max_length=64, blank=True,
        help_text="A keyed hash of the sender's internet address (never the address itself); empty for staff.",
    )
    at = models.DateTimeField(db_index=True)
    case_reference = models.CharField(max_length=20, blank=True)
    trapped = models.BooleanField(default=False, help_text="The hidden spam-trap field was filled in: no case made.")

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["address_hash", "at"], name="referral_sub_address_at")]

    def __str__(self) -> str:
        return f"{self.case_reference or 'no case'} at {self.at:%Y-%m-%d %H:%M}"
