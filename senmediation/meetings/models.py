from django.db import models

from senmediation.core.models import TimeStampedModel


class Meeting(TimeStampedModel):
    """A mediation meeting: when, where, and whether the family had enough notice."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"
        MOVED = "moved", "Moved to another date"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    venue = models.ForeignKey("directory.Venue", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_online = models.BooleanField(default=False)
    online_link = models.URLField(blank=True)
    notice_sent_on = models.DateField(null=True, blank=True)
    short_notice_agreed = models.BooleanField(
        default=False, help_text="The family agreed to less than 5 working days' notice (recorded)."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    change_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["case", "status"], name="meeting_case_status")]

    def __str__(self) -> str:
        return f"Meeting for case {self.case_id} at {self.starts_at:%Y-%m-%d %H:%M}"
