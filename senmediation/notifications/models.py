"""Every message the service sends, the editable wording behind it, and the work it creates for staff."""

from __future__ import annotations

import uuid

from django.db import models

from senmediation.core.models import TimeStampedModel


class MessageTemplate(TimeStampedModel):
    """Wording for one kind of message, the same for e-mail, text and letter. Managers edit it."""

    key = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    subject = models.CharField(max_length=200)
    body = models.TextField(help_text="Django template syntax; only the listed placeholders may be used.")
    placeholders = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Message(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "Text message"
        LETTER = "letter", "Letter"
        CALL_TASK = "call_task", "Phone call"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"
        PRINTED = "printed", "Printed"
        POSTED = "posted", "Posted"
        # The chosen channel lacks what it needs (an address, e-mail or phone): waits, never queued, with
        # the reason in last_error, until the party's details are completed (sending.messages_release_for_party).
        CANNOT_SEND = "cannot_send", "Cannot send"

    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="messages")
    party = models.ForeignKey(
        "cases.Party", null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    # A message to a complainant belongs to the complaint, never to its case: whoever the complaint is about
    # may see the case, and must not see the complaint (feedback.selectors.complaint_queryset_for decides).
    complaint = models.ForeignKey(
        "feedback.Complaint", null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    template_key = models.CharField(max_length=60)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    to = models.CharField(max_length=500, help_text="E-mail address, phone number or postal address.")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    note = models.CharField(max_length=300, blank=True, help_text="For staff: interpreter or other needs.")
    large_print = models.BooleanField(default=False)
    idempotency_key = models.CharField(max_length=200, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    handed_to_backend_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    printed_at = models.DateTimeField(null=True, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    letter_file = models.FileField(upload_to="letters/", blank=True)
    # A party's secure link goes in only as the message leaves: the body holds a placeholder.
    party_link = models.ForeignKey("portal.PartyLink", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="messages")
    link_site = models.CharField(max_length=200, blank=True, help_text="The site address the link is built on.")
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="message_status_due"),
            models.Index(fields=["case", "-created_at"], name="message_case_created"),
            models.Index(fields=["channel", "status"], name="message_channel_status"),
            # The work queue's lists (workqueue/selectors.py), oldest first, each a small part of all messages.
            models.Index(fields=["created_at", "id"], name="message_failed_oldest", condition=models.Q(status="failed")),
            models.Index(fields=["created_at", "id"], name="message_held_oldest",
                         condition=models.Q(status="cannot_send")),
            models.Index(fields=["created_at", "id"], name="message_letters_to_post",
                         condition=models.Q(channel="letter", status__in=["sent", "printed"])),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} to {self.to}: {self.subject}"

    @property
    def status_label(self) -> str:
        if self.channel == self.Channel.LETTER and self.status == self.Status.SENT:
            return "Ready to print"
        if self.channel == self.Channel.CALL_TASK and self.status == self.Status.SENT:
            return "Call to make"
        return self.get_status_display()

    @property
    def missing_detail(self) -> str:
        """What the chosen channel needs of the person: "postal address", "e-mail address", "phone number"."""
        if self.channel == self.Channel.LETTER:
            return "postal address"
        if self.channel == self.Channel.EMAIL:
            return "e-mail address"
        return "phone number"

    @property
    def reach_phrase(self) -> str:
        """What became of the message, in a few words for a list of copies: "sent", "letter to print and post",
        "call to make", "waiting for a postal address" (or e-mail address, phone number), "not sent"."""
        if self.status == self.Status.CANNOT_SEND:
            detail = self.missing_detail
            return f"waiting for {'an' if detail.startswith('e') else 'a'} {detail}"
        if self.status == self.Status.FAILED:
            return "not sent"
        if self.channel == self.Channel.LETTER:
            return "posted" if self.status == self.Status.POSTED else "letter to print and post"
        if self.channel == self.Channel.CALL_TASK:
            return "call to make"
        return "sent"


def _attachment_name(instance: MessageAttachment, filename: str) -> str:
    # A random name: nothing about the person or case is visible in storage.
    return f"message-attachments/{uuid.uuid4().hex}"


class MessageAttachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    mimetype = models.CharField(max_length=100)
    file = models.FileField(upload_to=_attachment_name)

    def __str__(self) -> str:
        return self.filename


class CallTask(models.Model):
    """A phone call a coordinator should make because the person asked to be phoned."""

    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="call_tasks")
    party = models.ForeignKey("cases.Party", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    message = models.OneToOneField(Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="call_task")
    reason = models.CharField(max_length=300)
    due = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["done_at", "due", "id"]
        indexes = [models.Index(fields=["due", "id"], name="calltask_open_due", condition=models.Q(done_at__isnull=True))]

    def __str__(self) -> str:
        return self.reason
