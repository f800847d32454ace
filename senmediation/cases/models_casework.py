"""The records of case work on a case: each contact, the advice given and the family's decision, where they
were signposted, the child's or young person's views, and the mediator's private notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ContactLog(models.Model):
    """One contact with someone about the case: a call, an e-mail, a letter or a meeting."""

    class Channel(models.TextChoices):
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"
        LETTER = "letter", "Letter"
        MEETING = "meeting", "Meeting in person or by video"
        TEXT = "text", "Text message"

    class Direction(models.TextChoices):
        IN = "in", "They contacted us"
        OUT = "out", "We contacted them"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="contacts")
    party = models.ForeignKey("cases.Party", null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts")
    with_whom = models.CharField(max_length=200, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    direction = models.CharField(max_length=3, choices=Direction.choices)
    at = models.DateTimeField()
    summary = models.TextField()
    outcome = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    by_mediator = models.BooleanField(default=False, help_text="Made by the mediator while preparing the parties.")

    class Meta:
        ordering = ["case", "-at"]
        indexes = [models.Index(fields=["case", "-at"], name="contact_case_at")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.at:%Y-%m-%d}"


class AdviceRecord(models.Model):
    """The mediation adviser's record that information was given and understood, and the decision."""

    class Decision(models.TextChoices):
        MEDIATION = "mediation", "Wants mediation"
        CERTIFICATE = "certificate", "Wants a certificate without mediation"
        THINKING = "thinking", "Wants time to think"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="advice")
    information_given = models.BooleanField(default=True)
    understood = models.BooleanField()
    decision = models.CharField(max_length=20, choices=Decision.choices)
    notes = models.TextField(blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case", "-at"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.at:%Y-%m-%d})"


class Signposting(models.Model):
    """A referral of the family to another agency (the seed: 'signpost to other agencies')."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="signposting")
    agency = models.ForeignKey("directory.SignpostingAgency", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case", "-at"]

    def __str__(self) -> str:
        return f"Signposted to {self.agency_id}"


class ChildViews(models.Model):
    """The voice of the child: what the child or young person thinks, how it was gathered, with consent
    (the mediator takes reasonable steps to find out the child's views: SEND Regs 2014 reg 38(2)-(3))."""

    class How(models.TextChoices):
        CONVERSATION = "conversation", "Conversation"
        FORM = "form", "Form"
        DRAWING = "drawing", "Drawing"
        ADVOCATE = "advocate", "Through an advocate"
        OTHER = "other", "Another way"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="child_views_records")
    how = models.CharField(max_length=20, choices=How.choices)
    gathered_by = models.CharField(max_length=200)
    consent_given = models.BooleanField(help_text="The child (and parent, for a child) agreed to share these views.")
    views = models.TextField()
    show_at_meeting = models.BooleanField(default=True)
    attachment = models.FileField(upload_to="child-views/staff/", blank=True,
                                  help_text="A drawing or file the child shared, checked by content when uploaded.")
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["case", "-recorded_at"]
        verbose_name_plural = "child's views"

    def __str__(self) -> str:
        return f"Child's views ({self.get_how_display()})"


class MediatorNote(models.Model):
    """Private notes: only the case's mediator and managers ever see these (mediation is confidential)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="mediator_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["case", "-created_at"]

    def __str__(self) -> str:
        return f"Note by {self.author_id} on {self.created_at:%Y-%m-%d}"
