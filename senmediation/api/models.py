"""Who may call the API (organisations and their keys), what they asked before (idempotency), how
often (rate windows), and where their events go (webhook endpoints and every delivery attempt)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from .outbound import url_problem

SCOPES = ("referrals:write", "cases:read", "certificates:read", "reports:read", "appeals:write")
SCOPE_CHOICES = [(scope, scope) for scope in SCOPES]
EVENTS = ("case.state_changed", "certificate.issued", "agreement.made")
EVENT_CHOICES = [
    ("case.state_changed", "case.state_changed: every step of a case's workflow"),
    ("certificate.issued", "certificate.issued: a mediation certificate was issued"),
    ("agreement.made", "agreement.made: an agreement was recorded after mediation"),
]


def events_all() -> list[str]:
    return list(EVENTS)


class Organisation(models.Model):
    """A local authority's or partner's system that calls the API."""

    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        IASS = "iass", "Information, advice and support service"
        OTHER = "other", "Other partner"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    local_authority = models.ForeignKey(
        "directory.LocalAuthority", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="For a local authority: its cases are the only ones its keys can read.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ApiKey(models.Model):
    """A key is `sm_<prefix>_<secret>`; only a SHA-256 of the whole key is kept (the secret is
    random, so a slow hash adds nothing), and the key is shown once when issued."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="keys")
    name = models.CharField(max_length=100, help_text="What the key is for, e.g. 'case system (live)'.")
    prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.organisation}: {self.name} ({self.prefix})"


class IdempotentReferral(models.Model):
    """The case a key's organisation opened with an Idempotency-Key; also lets a partner read the
    cases it referred."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="referrals")
    key_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of organisation and header.")
    case_reference = models.CharField(max_length=20, db_index=True)
    # The body the key was first used with, so a reuse with other answers is refused rather than answered with
    # the first case: a keyed hash of its canonical JSON, and one per field to name those that differ (keyed
    # with SECRET_KEY, so a family's details cannot be guessed back from them). Blank on older rows.
    body_hash = models.CharField(max_length=64, blank=True)
    field_hashes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.organisation}: {self.case_reference}"


class WebhookEndpoint(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(max_length=500)
    # Kept readable: it signs every delivery. Shared with the organisation once, when created.
    secret = models.CharField(max_length=100)
    active = models.BooleanField(default=True)
    events = models.JSONField(default=events_all, help_text="The events this endpoint is sent.")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.organisation}: {self.url}"

    def clean(self) -> None:
        """Public https receivers only (api/outbound.py); checked again, by address, at every delivery."""
        problem = url_problem(self.url)
        if problem is not None:
            raise ValidationError({"url": problem})


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Gave up"

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.UUIDField(default=uuid.uuid4, editable=False)
    event = models.CharField(max_length=40)
    body = models.TextField(help_text="The exact JSON sent, so a replay signs the same bytes.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # No longer written (it helped map what listens where): `last_error` holds the answer's class only.
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due")]

    def __str__(self) -> str:
        return f"{self.event} to {self.endpoint.url} ({self.status})"
