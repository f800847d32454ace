"""A parent's or young person's claim for the expenses of coming to mediation (SEND Regulations 2014 reg 41),
its lines as assessed, and its receipts. Money in pence."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from senmediation.rules.expenses import LINE_LABELS, OVERNIGHT_PLACE_LABELS, ClaimAnswers, OvernightPlace


class ExpenseClaim(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Not sent yet"
        SUBMITTED = "submitted", "Waiting for a decision"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="expense_claims")
    party = models.ForeignKey("cases.Party", on_delete=models.CASCADE, related_name="+")
    link = models.ForeignKey("portal.PartyLink", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # The family's answers.
    public_transport_pence = models.PositiveIntegerField(default=0)
    taxi_pence = models.PositiveIntegerField(default=0)
    miles = models.PositiveIntegerField(default=0)
    lost_earnings_pence = models.PositiveIntegerField(default=0)
    care_hours = models.DecimalField(max_digits=5, decimal_places=1, default=0)
    care_people = models.PositiveSmallIntegerField(default=0)
    overnight_nights = models.PositiveSmallIntegerField(default=0)
    overnight_place = models.CharField(max_length=20, blank=True,
                                       choices=[(p.value, OVERNIGHT_PLACE_LABELS[p]) for p in OvernightPlace])
    overnight_pence = models.PositiveIntegerField(default=0)
    # Set when sent (the lines' totals) and when decided.
    claimed_pence = models.PositiveIntegerField(default=0)
    payable_pence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["status", "decided_at"], name="expenses_status_decided")]

    def __str__(self) -> str:
        return f"Expenses claim {self.pk} on case {self.case_id} ({self.status})"

    def answers(self) -> ClaimAnswers:
        return ClaimAnswers(
            public_transport_pence=self.public_transport_pence, taxi_pence=self.taxi_pence, miles=self.miles,
            lost_earnings_pence=self.lost_earnings_pence, care_hours=self.care_hours, care_people=self.care_people,
            overnight_nights=self.overnight_nights,
            overnight_place=OvernightPlace(self.overnight_place) if self.overnight_place else None,
            overnight_pence=self.overnight_pence,
        )


class ExpenseLine(models.Model):
    """One expense as assessed when the claim was sent: what was claimed, what is payable and why (kept, so a
    later change of rate never rewrites a claim already made)."""

    claim = models.ForeignKey(ExpenseClaim, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=20, choices=[(k.value, label) for k, label in LINE_LABELS.items()])
    claimed_pence = models.PositiveIntegerField()
    payable_pence = models.PositiveIntegerField()
    explanation = models.TextField()
    citation = models.CharField(max_length=80)

    class Meta:
        ordering = ["claim", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on claim {self.claim_id}"


def _receipt_name(instance: ExpenseReceipt, filename: str) -> str:
    return f"expense-receipts/{uuid.uuid4().hex}"


class ExpenseReceipt(models.Model):
    """Proof of an expense (reg 41(2)(b)), checked by what the file is before it is kept under a random name."""

    claim = models.ForeignKey(ExpenseClaim, on_delete=models.CASCADE, related_name="receipts")
    file = models.FileField(upload_to=_receipt_name)
    mimetype = models.CharField(max_length=40)
    original_name = models.CharField(max_length=255, blank=True)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["claim", "id"]

    def __str__(self) -> str:
        return f"Receipt {self.pk} for claim {self.claim_id}"
