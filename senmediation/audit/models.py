"""The audit log (append-only, hash-chained) and the provider's retention periods."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    pass


class AuditEntry(models.Model):
    """One request to a guarded part of the service: who, when, what, from where.

    Each entry carries the hash of the one before it, so changing or removing any row breaks the
    chain (`manage.py audit_verify`). Paths are stored without query strings: no personal data."""

    class Action(models.TextChoices):
        READ = "read", "Read"
        CHANGE = "change", "Change"
        DENIED = "denied", "Denied"
        SIGN_IN = "sign_in", "Signed in"
        SIGN_OUT = "sign_out", "Signed out"
        EXPORT = "export", "Export"

    at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+",
        db_constraint=False,  # rows outlive users; the username copy keeps them readable
    )
    username = models.CharField(max_length=150, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    view_name = models.CharField(max_length=200, blank=True)
    case_reference = models.CharField(max_length=20, blank=True, db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    status_code = models.PositiveSmallIntegerField()
    # What changed, when a request's path is not enough (role grants): no personal data.
    detail = models.CharField(max_length=200, blank=True)
    # 1: unkeyed SHA-256 (entries written before issue 14); 2: HMAC-SHA256 with AUDIT_HMAC_KEY.
    hash_version = models.PositiveSmallIntegerField(default=1)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["case_reference", "-at"], name="audit_case_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username or 'anonymous'} {self.action} {self.path}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit entries are never changed once written.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("Audit entries are never deleted.")


class RetentionPolicy(models.Model):
    """How long the provider keeps a kind of record after it ends (UK GDPR art. 5(1)(e): storage limitation)."""

    class RecordType(models.TextChoices):
        CASE = "case", "Case (from the date it closed)"

    record_type = models.CharField(max_length=30, choices=RecordType.choices, unique=True)
    years = models.PositiveSmallIntegerField(
        default=6, help_text="Whole years after closure before personal details are removed."
    )
    notes = models.TextField(blank=True, help_text="Why this period: the provider's records policy.")

    class Meta:
        verbose_name_plural = "retention policies"

    def __str__(self) -> str:
        return f"{self.get_record_type_display()}: {self.years} years"
