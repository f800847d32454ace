"""Mediation certificates (immutable, numbered, versioned) and the other files kept on a case."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class ImmutableError(Exception):
    """A certificate is a legal record: once issued it is never changed or deleted, only re-issued."""


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableError("Certificates are never changed once issued. Re-issue a corrected version.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableError("Certificates are never deleted.")


class Certificate(models.Model):
    """A mediation certificate: the family need one before most appeals to the First-tier Tribunal
    (SEND) (Children and Families Act 2014 s.55). Everything printed on it is copied onto the row at
    issue, so a later edit to the case or the provider never changes what was issued."""

    class Kind(models.TextChoices):
        # CFA 2014 s.55; SEND Regulations 2014 reg 34: within 3 working days.
        NO_MEDIATION = "no_mediation", "Mediation not wanted"
        # SEND Regulations 2014 reg 39(2)-(3): the LA cannot arrange it within 30 days.
        NOT_ARRANGED = "not_arranged", "Mediation could not be arranged in time"
        # CFA 2014 s.55(5); SEND Regulations 2014 reg 39(1): within 3 working days.
        AFTER_MEDIATION = "after_mediation", "Mediation has taken place"

    number = models.CharField(max_length=20, help_text="For example CERT-2026-00001; kept on re-issue.")
    number_year = models.PositiveSmallIntegerField()
    number_sequence = models.PositiveIntegerField()
    version = models.PositiveSmallIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by",
        help_text="The version this one corrects.",
    )
    reissue_reason = models.TextField(blank=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="certificates")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    person_name = models.CharField(max_length=200, help_text="The parent or young person it is issued to.")
    person_role = models.CharField(max_length=20, help_text="parent or young_person")
    # Issued to a representative instead of a parent or young person who lacks capacity (SEND Regs 2014
    # regs 39, 63 and 64(1)(d)): whom they act for, and on what basis (rules/capacity.py).
    acting_for_name = models.CharField(max_length=200, blank=True)
    acting_as = models.CharField(max_length=200, blank=True)
    child_name = models.CharField(max_length=210)
    local_authority = models.ForeignKey("directory.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    local_authority_name = models.CharField(max_length=120)
    decision_notice_date = models.DateField(null=True, blank=True)
    issued_on = models.DateField(help_text="The legal date of issue; a corrected version keeps it.")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    provider_name = models.CharField(max_length=200)
    provider_cmc_registration = models.CharField(max_length=120, blank=True)
    resolved_summary = models.TextField(blank=True, help_text="After mediation: what was and was not resolved.")
    appeal_deadline = models.DateField(null=True, blank=True)
    appeal_explanation = models.TextField(blank=True)
    large_print = models.BooleanField(default=False)
    easy_read = models.BooleanField(default=False)
    file = models.FileField(upload_to="certificates/", max_length=200)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["case", "-number_year", "-number_sequence", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["number", "version"], name="certificate_number_version_unique"),
        ]
        indexes = [models.Index(fields=["case", "-created_at"], name="certificate_case_created")]

    def __str__(self) -> str:
        return self.display_number

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError("Certificates are never changed once issued. Re-issue a corrected version.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableError("Certificates are never deleted.")

    @property
    def display_number(self) -> str:
        return self.number if self.version == 1 else f"{self.number} (version {self.version})"

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "superseded_by")


class Document(models.Model):
    """A letter we generated or a file someone uploaded. Served only through a permission check."""

    class Kind(models.TextChoices):
        LA_NOTIFICATION = "la_notification", "Letter telling the local authority"
        ICB_NOTIFICATION = "icb_notification", "Letter telling the integrated care board"
        UPLOAD = "upload", "Uploaded document"
        SUMMARY = "summary", "Case summary"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="documents/", max_length=200)
    original_name = models.CharField(max_length=255, blank=True, help_text="The uploader's file name (shown only).")
    sha256 = models.CharField(max_length=64)
    mimetype = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    body_text = models.TextField(blank=True, help_text="A letter's plain-text e-mail version.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "-created_at", "-id"]
        indexes = [models.Index(fields=["case", "-created_at"], name="document_case_created")]

    def __str__(self) -> str:
        return self.title
