"""Reference data for arranging meetings: the rooms of a venue, the interpreters, BSL interpreters and
advocates the provider books, and the days a mediator is on leave. What each is booked for lives with the
meetings (meetings.models.Booking); the rules that choose among them are in rules/proposals/."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senmediation.core.models import TimeStampedModel

WORKING_WEEK = [0, 1, 2, 3, 4]  # Monday to Friday (Mon=0), as datetime.date.weekday() counts


def _working_week() -> list[int]:
    return list(WORKING_WEEK)


class Room(TimeStampedModel):
    """A room at a venue that a meeting can be held in, with the access it offers. A meeting held by video
    needs no room."""

    venue = models.ForeignKey("directory.Venue", on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=120, help_text="As signed at the venue, e.g. 'Meeting room 2'.")
    capacity = models.PositiveSmallIntegerField(default=6, help_text="The most people it seats.")
    step_free_access = models.BooleanField(default=False, help_text="Reached without steps (a lift or level).")
    hearing_loop = models.BooleanField(default=False)
    quiet_room = models.BooleanField(
        "quiet room nearby", default=False, help_text="A separate quiet room for breaks or a side's private time.",
    )
    accessible_toilet = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["venue__name", "name"]
        constraints = [models.UniqueConstraint(fields=["venue", "name"], name="room_name_unique_in_venue")]

    def __str__(self) -> str:
        return f"{self.name}, {self.venue.name}" if self.venue_id else self.name

    @property
    def access_features(self) -> list[str]:
        features = [
            (self.step_free_access, "Step-free access"),
            (self.hearing_loop, "Hearing loop"),
            (self.quiet_room, "Quiet room nearby"),
            (self.accessible_toilet, "Accessible toilet"),
        ]
        return [label for present, label in features if present]


class Interpreter(TimeStampedModel):
    """Someone the provider books to help a party take part: an interpreter for a spoken language, a British
    Sign Language interpreter, or an advocate (Equality Act 2010 s.20, reasonable adjustments)."""

    class Kind(models.TextChoices):
        SPOKEN = "spoken", "Interpreter (spoken language)"
        BSL = "bsl", "British Sign Language interpreter"
        ADVOCATE = "advocate", "Advocate"

    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SPOKEN)
    languages = models.JSONField(
        default=list, blank=True, help_text='Spoken languages interpreted, e.g. ["Urdu", "Punjabi"]; '
        "empty for BSL interpreters and advocates.",
    )
    organisation = models.CharField(max_length=160, blank=True, help_text="The agency they come through, if any.")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    local_authorities = models.ManyToManyField(
        "directory.LocalAuthority", blank=True, related_name="interpreters",
        help_text="Areas they travel to for meetings in person.",
    )
    works_online = models.BooleanField(default=True, help_text="Will join a meeting held by video.")
    weekdays = models.JSONField(
        default=_working_week, blank=True, help_text="Days of the week they work, Monday=0 to Sunday=6.",
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "name"]
        indexes = [models.Index(fields=["kind", "is_active"], name="interpreter_kind_active")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def languages_label(self) -> str:
        return ", ".join(str(language) for language in self.languages)


class MediatorLeave(TimeStampedModel):
    """Days a mediator cannot take any meeting (holiday, training, illness), recorded by the mediator. The
    reason is for the mediator and managers; the diaries show only that they are away."""

    mediator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leave")
    starts_on = models.DateField()
    ends_on = models.DateField(help_text="The last day of leave (the same as the first for one day).")
    reason = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        ordering = ["mediator", "starts_on"]
        verbose_name_plural = "mediator leave"
        indexes = [models.Index(fields=["mediator", "ends_on"], name="leave_mediator_ends")]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="leave_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.mediator} away {self.starts_on:%Y-%m-%d} to {self.ends_on:%Y-%m-%d}"
