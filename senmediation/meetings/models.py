from django.conf import settings
from django.db import models

from senmediation.agreements.attendance_rules import CANCELLED_BY_LABELS
from senmediation.core.models import TimeStampedModel

CANCELLED_BY_CHOICES = [(who.value, label) for who, label in CANCELLED_BY_LABELS.items()]


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
    # Who called it off and when (agreements.attendance_rules.CancelledBy): the LA's reports count them.
    cancelled_by = models.CharField(max_length=20, choices=CANCELLED_BY_CHOICES, blank=True)
    cancelled_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [
            models.Index(fields=["case", "status"], name="meeting_case_status"),
            # The staff diaries (diaries/selectors.py) and a mediator's calendar feed read a period's meetings.
            models.Index(fields=["starts_at"], name="meeting_starts_at"),
        ]

    def __str__(self) -> str:
        return f"Meeting for case {self.case_id} at {self.starts_at:%Y-%m-%d %H:%M}"


class Booking(TimeStampedModel):
    """A room or an interpreter (or BSL interpreter, or advocate) held for a time: for one of our meetings, or,
    with no meeting, taken by someone else (the venue let the room, the interpreter has another job). A
    booking is released, never deleted, when its meeting is cancelled or moved; only held bookings count as
    clashes. Exactly one of room and interpreter is set."""

    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="bookings")
    room = models.ForeignKey("directory.Room", null=True, blank=True, on_delete=models.PROTECT, related_name="bookings")
    interpreter = models.ForeignKey(
        "directory.Interpreter", null=True, blank=True, on_delete=models.PROTECT, related_name="bookings"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    note = models.CharField(max_length=200, blank=True, help_text="What it is for, when it is not our meeting.")
    released_at = models.DateTimeField(null=True, blank=True, help_text="When it was let go (the meeting ended early, "
                                       "was cancelled or moved). Empty while it is held.")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            # The held bookings of a room (an interpreter) from a day on: clash checks, proposals, diaries.
            models.Index(fields=["room", "starts_at"], name="booking_room_held",
                         condition=models.Q(released_at__isnull=True, room__isnull=False)),
            models.Index(fields=["interpreter", "starts_at"], name="booking_interpreter_held",
                         condition=models.Q(released_at__isnull=True, interpreter__isnull=False)),
            models.Index(fields=["meeting"], name="booking_meeting"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(room__isnull=False, interpreter__isnull=True)
                           | models.Q(room__isnull=True, interpreter__isnull=False)),
                name="booking_one_resource",
            ),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"),
        ]

    def __str__(self) -> str:
        what = self.room if self.room_id else self.interpreter
        return f"{what} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_held(self) -> bool:
        return self.released_at is None


# --- The record of the meeting itself (SEND Regulations 2014 reg 38; SEND Code of Practice ch. 11) ---


class Attendance(TimeStampedModel):
    """One person at the meeting and the capacity they came in (checked against reg 38)."""

    class Role(models.TextChoices):
        PARENT = "parent", "Parent or carer"
        YOUNG_PERSON = "young_person", "Young person"
        LA_DECISION_MAKER = "la_decision_maker", "Local authority decision-maker"
        ICB = "icb", "Integrated care board"
        SCHOOL = "school", "School or college"
        SUPPORTER = "supporter", "Supporter or advocate"
        INTERPRETER = "interpreter", "Interpreter"
        CHILD = "child", "The child"
        OTHER = "other", "Someone else"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    party = models.ForeignKey("cases.Party", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=30, choices=Role.choices)
    consent_recorded = models.BooleanField(
        default=False, help_text="Consent for someone who is not a party or the family's one supporter (reg 38)."
    )
    consent_note = models.CharField(max_length=300, blank=True)
    # SEND Regs 2014 reg 37(1): asked for each LA and ICB attendee; None where it is not asked.
    has_authority = models.BooleanField(
        null=True, blank=True, help_text="Had authority to agree to resolve the issues (reg 37(1))."
    )

    class Meta:
        ordering = ["meeting", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class GroundRules(TimeStampedModel):
    """The ground rules everyone confirmed at the start; all four are needed before an agreement is final."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="ground_rules")
    confidentiality = models.BooleanField(default=False)
    respect = models.BooleanField(default=False)
    listening = models.BooleanField(default=False)
    impartiality = models.BooleanField(default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    @property
    def all_confirmed(self) -> bool:
        return self.confidentiality and self.respect and self.listening and self.impartiality

    def __str__(self) -> str:
        return f"Ground rules for meeting {self.meeting_id}"


class MeetingSession(TimeStampedModel):
    """A sitting of the meeting; one that is adjourned is continued in a later session."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    adjourned = models.BooleanField(default=False)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["meeting", "started_at", "id"]

    def __str__(self) -> str:
        return f"Session of meeting {self.meeting_id} from {self.started_at:%Y-%m-%d %H:%M}"
