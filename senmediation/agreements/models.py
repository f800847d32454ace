"""The SMART agreement written at the end of the meeting, its copies, and the follow-up of each action."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senmediation.core.models import TimeStampedModel
from senmediation.rules.agreement_actions import LA_ACTION_RULES, LaAction

LA_ACTION_CHOICES = [(a.value, LA_ACTION_RULES[a].label) for a in LaAction]


class Agreement(TimeStampedModel):
    """One agreement per case, written jointly in the participants' own words (SEND CoP 2015 ch. 11)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        FINAL = "final", "Final"

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="agreement")
    meeting = models.ForeignKey("meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    agreed_on = models.DateField(help_text="Legal timescales for agreed actions count from this date (reg 42).")
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    pdf = models.FileField(upload_to="agreements/%Y/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"Agreement for case {self.case_id} ({self.status})"

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class AgreementItem(TimeStampedModel):
    """Who will do what, by when, and how everyone will know it is done."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        LATE = "late", "Late"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    owner = models.ForeignKey("cases.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    action = models.TextField(help_text="What exactly will happen, in the participants' own words.")
    due = models.DateField(null=True, blank=True)
    measure = models.TextField(blank=True, help_text="How everyone will know it has been done.")
    issue = models.ForeignKey("cases.Issue", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    agreed = models.BooleanField(default=True)
    la_action = models.CharField(max_length=50, choices=LA_ACTION_CHOICES, blank=True)
    other_timescale_agreed_in_writing = models.BooleanField(
        default=False, help_text="A timescale other than the legal one, agreed in writing (reg 42(5))."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField(null=True, blank=True)
    family_asked_on = models.DateField(null=True, blank=True)
    family_confirmed = models.BooleanField(null=True, blank=True)
    family_answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["agreement", "order", "id"]
        indexes = [models.Index(fields=["status", "due"], name="agreement_item_status_due")]

    def __str__(self) -> str:
        return self.action[:60]


class AgreementDelivery(models.Model):
    """A copy of the final agreement sent to one party (the seed: a copy to each party)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="deliveries")
    party = models.ForeignKey("cases.Party", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()
    message_id = models.CharField(max_length=100, null=True, blank=True)

    class Meta:
        ordering = ["agreement", "sent_at"]
        constraints = [models.UniqueConstraint(fields=["agreement", "party"], name="one_copy_per_party")]

    def __str__(self) -> str:
        return f"Copy of agreement {self.agreement_id} to party {self.party_id}"


class ItemReminder(models.Model):
    """A reminder sent about one agreed action: before it is due (to its owner) or when late (to staff)."""

    class Kind(models.TextChoices):
        BEFORE_DUE = "before_due", "Before the date"
        LATE = "late", "Late"

    item = models.ForeignKey(AgreementItem, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["item", "sent_at"]
        constraints = [models.UniqueConstraint(fields=["item", "kind"], name="one_reminder_per_item_kind")]

    def __str__(self) -> str:
        return f"{self.kind} reminder for item {self.item_id}"
