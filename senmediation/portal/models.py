"""Secure links for parties who have no account, and what they send us through them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Purpose(models.TextChoices):
    AVAILABILITY = "availability", "tell us when you can come"
    SUMMARY_AND_ISSUES = "summary_and_issues", "send your summary and the issues you want to discuss"
    CHILD_VIEWS = "child_views", "share the child's or young person's views"
    ATTENDANCE = "attendance", "confirm if you are coming to the meeting"
    AGREEMENT = "agreement", "see the agreement"
    FEEDBACK = "feedback", "tell us what you thought of the service"
    EXPENSES = "expenses", "claim your expenses for coming to mediation"
    # A family's own case page with no task on it (the lost-link page sends these).
    CASE = "case", "see your case"
    # A closed case's documents, for the family, while the retention rules keep them.
    DOCUMENTS = "documents", "download your documents"


class PartyLink(models.Model):
    """One party, one purpose. Only a hash of the token (and of a letter's code) is kept: the link itself
    exists only in what was sent, made as it left (services/tokens.py)."""

    party = models.ForeignKey("cases.Party", on_delete=models.CASCADE, related_name="links")
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    # A letter carries a short code instead of the link; only its keyed hash is kept (services/tokens.py).
    code_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    last_used_at = models.DateTimeField(null=True, blank=True)
    use_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} for {self.party}"


class Submission(models.Model):
    party = models.ForeignKey("cases.Party", on_delete=models.CASCADE, related_name="+")
    link = models.ForeignKey(PartyLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField()

    class Meta:
        abstract = True
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.__class__.__name__} from party {self.party_id} at {self.submitted_at:%Y-%m-%d %H:%M}"


class Availability(Submission):  # noqa: DJ008 - __str__ inherited
    can_do = models.TextField(blank=True)
    cannot_do = models.TextField(blank=True)
    dates = models.JSONField(default=list, blank=True, help_text="Dates they could come, ISO format.")


class PartySummary(Submission):  # noqa: DJ008 - __str__ inherited
    """One sending of a side's summary; the newest is the one that counts. `text` and `issues` go to every side
    at the exchange; `mediator_only` never leaves the mediator (and managers): not in the exchange, not in any
    e-mail, not on any other party's page (portal/selectors.py decides who reads it)."""

    text = models.TextField()
    issues = models.JSONField(default=list, blank=True, help_text="The issues they want to discuss, one a line.")
    mediator_only = models.TextField(blank=True)


def _drawing_name(instance: ChildViews, filename: str) -> str:
    return f"child-views/{uuid.uuid4().hex}"


class ChildViews(Submission):  # noqa: DJ008 - __str__ inherited
    gathered = models.CharField(max_length=20, default="form")
    text = models.TextField(blank=True)
    file = models.FileField(upload_to=_drawing_name, blank=True)
    file_type = models.CharField(max_length=40, blank=True)

    class Meta(Submission.Meta):
        verbose_name_plural = "child views"


class AttendanceResponse(Submission):  # noqa: DJ008 - __str__ inherited
    attending = models.BooleanField()
    who_is_coming = models.TextField(blank=True)
    needs = models.TextField(blank=True)


class Feedback(Submission):  # noqa: DJ008 - __str__ inherited
    satisfaction = models.PositiveSmallIntegerField()
    comments = models.TextField(blank=True)


class MeetingReply(Submission):  # noqa: DJ008 - __str__ inherited
    """A family's answer, from their case page, to the meeting time we booked: it suits them, or they ask us to
    change it and say why. An ask to change waits in the office's work queue until someone deals with it."""

    meeting_starts_at = models.DateTimeField(help_text="The time they answered about.")
    suits = models.BooleanField()
    reason = models.TextField(blank=True)
    dealt_with_at = models.DateTimeField(null=True, blank=True)
    dealt_with_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")

    class Meta(Submission.Meta):
        verbose_name_plural = "meeting replies"
        indexes = [
            # The work queue's list of families waiting for a new time, oldest first.
            models.Index(fields=["submitted_at", "id"], name="meeting_reply_change_waiting",
                         condition=models.Q(suits=False, dealt_with_at__isnull=True)),
        ]


class SummaryExchange(models.Model):
    """The exchange of the parties' summaries before the meeting: released to every party together, when
    all are in or on the set date, so nobody sees another side's summary before sending their own."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="summary_exchange")
    release_on = models.DateField(null=True, blank=True, help_text="Release on this date even if some are missing.")
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Summary exchange for case {self.case_id}"


class SummaryDelivery(models.Model):
    """One party's copy of the exchanged summaries; 'received' follows the message's delivery status."""

    exchange = models.ForeignKey(SummaryExchange, on_delete=models.CASCADE, related_name="deliveries")
    party = models.ForeignKey("cases.Party", on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey("notifications.Message", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["exchange", "party"], name="one_summary_copy_per_party")]

    def __str__(self) -> str:
        return f"Summaries to party {self.party_id}"
