"""Cases, the people in them, what they want to discuss, their timeline and their statutory clocks."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from senmediation.core.models import TimeStampedModel
from senmediation.rules.capacity import BASIS_LABELS
from senmediation.rules.deadlines import CLOCK_RULES, PROVIDER_CLOCKS, Clock, ClockStatus
from senmediation.rules.eligibility import DECISION_LABELS, ROUTE_LABELS, ROUTE_RULES, Decision, Element, Route
from senmediation.rules.late_reasons import LATE_NOTE_MAX, LATE_REASON_CHOICES
from senmediation.rules.workflow import CASE_TYPE_LABELS, STATE_LABELS, TERMINAL_STATES, CaseType, State, is_open

from .choices import Adjustment, labels_of


def _choices(enum: Any, labels: Any) -> list[tuple[str, str]]:
    return [(member.value, labels[member]) for member in enum]


CASE_TYPE_CHOICES = _choices(CaseType, CASE_TYPE_LABELS)
STATE_CHOICES = _choices(State, STATE_LABELS)
CLOCK_CHOICES = [(clock.value, CLOCK_RULES[clock].label) for clock in Clock]
CLOCK_STATUS_CHOICES = [(status.value, status.value.replace("_", " ").capitalize()) for status in ClockStatus]
DECISION_CHOICES = _choices(Decision, DECISION_LABELS)
ROUTE_CHOICES = _choices(Route, ROUTE_LABELS)
REPRESENTATIVE_BASIS_CHOICES = [(basis.value, label) for basis, label in BASIS_LABELS.items()]
ELEMENT_CHOICES = [(e.value, e.value.replace("_", " ").capitalize()) for e in Element]
# Clocks staff chase (the tribunal date is only shown): the dashboard's lists and their index use this list.
CHASED_CLOCKS = [c.value for c in Clock if not CLOCK_RULES[c].informational]
# Clocks our own staff must meet (rules/deadlines.py Actor): the work queue's time limits, less the first
# call back, which is its own list (enquiries to call back). Each list has a partial index in its order.
OUR_CLOCKS = [c.value for c in PROVIDER_CLOCKS]
QUEUE_CLOCKS = [c for c in OUR_CLOCKS if c != Clock.first_call_back]
FINISHED_STATES = sorted(s.value for s in TERMINAL_STATES)  # closed and withdrawn


class ReferenceCounter(models.Model):
    """The last reference number used per prefix and year. Rows are locked while a case is opened,
    which keeps references unique and gap-free under concurrent creation."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="one_counter_per_prefix_year")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_number}"


class MeetingOutcome(models.TextChoices):
    AGREEMENT = "agreement", "Agreement reached"
    PARTIAL = "partial", "Agreement on some issues"
    NO_AGREEMENT = "no_agreement", "No agreement"


class Case(TimeStampedModel):
    class Source(models.TextChoices):
        PARENT = "parent", "Parent or carer"
        YOUNG_PERSON = "young_person", "Young person"
        LA_OFFICER = "la_officer", "Local authority officer"
        IASS = "iass", "IASS or SENDIASS officer"
        SCHOOL = "school", "School or college"
        OTHER = "other", "Someone else"

    class Channel(models.TextChoices):
        ONLINE = "online", "Online form"
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"
        LETTER = "letter", "Letter"

    class Wants(models.TextChoices):
        MEDIATION = "mediation", "Mediation"
        CERTIFICATE = "certificate", "A certificate without mediation"
        TALK = "talk", "To talk it through first"

    reference = models.CharField(max_length=20, unique=True)
    reference_year = models.PositiveSmallIntegerField()
    reference_number = models.PositiveIntegerField()
    case_type = models.CharField(max_length=30, choices=CASE_TYPE_CHOICES, default=CaseType.sen_mediation.value)
    state = models.CharField(max_length=30, choices=STATE_CHOICES, default=State.enquiry.value)
    local_authority = models.ForeignKey(
        "directory.LocalAuthority", on_delete=models.PROTECT, related_name="cases",
        help_text="The LA that made the decision; its contract pays for the case.",
    )
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="mediated_cases"
    )
    # The coordinator who looks after the case (services/details.py: case_coordinator_set).
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="coordinated_cases"
    )
    # The child or young person the disagreement is about.
    child_first_name = models.CharField(max_length=100)
    child_last_name = models.CharField(max_length=100)
    child_date_of_birth = models.DateField(null=True, blank=True)
    young_person_acts = models.BooleanField(
        default=False, help_text="A young person (over compulsory school age and under 26) acting for themselves."
    )
    # What the disagreement is about (CFA 2014 s.51(2)) and which parts of the plan.
    decisions = models.JSONField(default=list, blank=True)
    elements = models.JSONField(default=list, blank=True)
    decision_notice_date = models.DateField(null=True, blank=True)
    route = models.CharField(
        max_length=30, choices=ROUTE_CHOICES, default=Route.statutory_mediation.value,
        help_text="Decides the certificate and who arranges the mediation (rules/eligibility.py).",
    )
    summary = models.TextField(blank=True, help_text="What the disagreement is about, in the family's words.")
    wants = models.CharField(max_length=20, choices=Wants.choices, blank=True)
    # How it reached us, and consent for a third-party referral.
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.PARENT)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_email = models.EmailField(blank=True)
    referrer_phone = models.CharField(max_length=40, blank=True)
    consent_given_by = models.CharField(max_length=200, blank=True)
    consent_given_on = models.DateField(null=True, blank=True)
    consent_method = models.CharField(max_length=200, blank=True)
    child_views = models.TextField(blank=True, help_text="The child's or young person's views, in their words.")
    child_views_help_wanted = models.BooleanField(default=False)
    all_parties_agreed = models.BooleanField(
        default=False, help_text="Disagreement resolution only: every party agreed to take part (CoP 11.6)."
    )
    meeting_outcome = models.CharField(max_length=20, choices=MeetingOutcome.choices, blank=True)
    la_notified_on = models.DateField(null=True, blank=True)
    certificate_issued_on = models.DateField(null=True, blank=True)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.TextField(blank=True)
    # Kept in step by the deadline engine so that lists can sort and filter by urgency with an index.
    next_due_date = models.DateField(null=True, blank=True)
    clock_status = models.CharField(max_length=20, choices=CLOCK_STATUS_CHOICES, blank=True)
    # The start of the open case's scheduled meeting, null when none or once the case has finished (kept by
    # meetings.services.case_next_meeting_refresh): diaries sort by its day and next_due_date (selectors.case_next_date).
    next_meeting_at = models.DateTimeField(null=True, blank=True)
    search_name = models.CharField(max_length=210, blank=True, help_text="Lower-case names, for search.")
    search_text = models.TextField(
        blank=True, default="",
        help_text="Lower-case reference, child's name and every party's name, e-mail and phone (cases/search.py), "
                  "kept by the services that change them; trigram-indexed on PostgreSQL (migration 0008).",
    )
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-reference_year", "-reference_number"]
        constraints = [
            models.UniqueConstraint(fields=["reference_year", "case_type", "reference_number"], name="case_ref_unique")
        ]
        # Lists are newest first with the id to break ties ("-opened_on", "-id"): with the id in the index,
        # a page is read in order and the scan stops at its size, instead of sorting every match first.
        indexes = [
            models.Index(fields=["state", "-opened_on", "-id"], name="case_state_opened"),
            models.Index(fields=["local_authority", "-opened_on", "-id"], name="case_la_opened"),
            models.Index(fields=["mediator", "state"], name="case_mediator_state"),
            models.Index(fields=["next_due_date"], name="case_next_due"),
            models.Index(fields=["clock_status", "next_due_date"], name="case_clock_status_due"),
            models.Index(fields=["search_name"], name="case_search_name"),
            models.Index(fields=["-opened_on", "-id"], name="case_opened"),
            # The API's changes feed (api/changes.py): keyset pages on (updated_at, id), an LA's or everyone's.
            models.Index(fields=["local_authority", "updated_at", "id"], name="case_la_updated"),
            models.Index(fields=["updated_at", "id"], name="case_updated"),
            # A mediator's or a coordinator's diary (meetings/diary.py): their finished cases newest first, each
            # read from its own small index in order however many cases they have had. Their open cases, soonest
            # meeting or deadline first, have PostgreSQL's expression indexes case_mediator_open and
            # case_coordinator_open (migrations 0011 and 0012), on selectors.case_next_date().
            models.Index(fields=["mediator", "-closed_on", "-id"], name="case_mediator_finished",
                         condition=models.Q(state__in=FINISHED_STATES)),
            models.Index(fields=["coordinator", "-closed_on", "-id"], name="case_coordinator_finished",
                         condition=models.Q(state__in=FINISHED_STATES)),
        ]
        permissions = [("view_all_cases", "Can see every case")]

    def __str__(self) -> str:
        return self.reference

    @property
    def child_name(self) -> str:
        return f"{self.child_first_name} {self.child_last_name}".strip()

    @property
    def state_label(self) -> str:
        return STATE_LABELS[State(self.state)]

    @property
    def case_type_label(self) -> str:
        return CASE_TYPE_LABELS[CaseType(self.case_type)]

    @property
    def is_open(self) -> bool:
        """Still being worked (the workflow's terminal states are closed and withdrawn)."""
        return is_open(self.state)

    @property
    def placement_only(self) -> bool:
        """Only the school or college named: appeal without a certificate (CFA 2014 s.55)."""
        return self.route == Route.placement_only

    @property
    def health_only(self) -> bool:
        return self.route == Route.health_only

    @property
    def route_label(self) -> str:
        return ROUTE_LABELS[Route(self.route)]

    @property
    def certificate_route(self) -> bool:
        """Whether this case's route leads to a mediation certificate at all (CFA 2014 s.55)."""
        return self.case_type == CaseType.sen_mediation and ROUTE_RULES[Route(self.route)].certificate_owed

    @property
    def element_labels(self) -> list[str]:
        return labels_of(self.elements, ELEMENT_CHOICES)

    @property
    def decision_labels(self) -> list[str]:
        return [DECISION_LABELS[Decision(d)] for d in self.decisions if d in Decision.__members__]


class Party(TimeStampedModel):
    class Role(models.TextChoices):
        PARENT = "parent", "Parent or carer"
        YOUNG_PERSON = "young_person", "Young person"
        LA_OFFICER = "la_officer", "Local authority officer"
        ICB = "icb", "Integrated care board"
        SCHOOL = "school", "School or college"
        SUPPORTER = "supporter", "Supporter or advocate"
        INTERPRETER = "interpreter", "Interpreter"
        REPRESENTATIVE = "representative", "Acts for someone who lacks capacity"

    class Contact(models.TextChoices):
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"
        LETTER = "letter", "Letter"
        TEXT = "text", "Text message"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(max_length=20, choices=Role.choices)
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    preferred_contact = models.JSONField(default=list, blank=True)
    call_times = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=60, blank=True, default="English")
    interpreter_needed = models.BooleanField(default=False)
    adjustments = models.JSONField(default=list, blank=True)
    adjustments_notes = models.TextField(blank=True)
    is_main_contact = models.BooleanField(default=False)
    # A parent or young person who lacks capacity: who acts for them and on what basis (rules/capacity.py).
    acts_for = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="represented_by")
    representative_basis = models.CharField(max_length=30, choices=REPRESENTATIVE_BASIS_CHOICES, blank=True)

    class Meta:
        ordering = ["case", "-is_main_contact", "role", "name"]
        verbose_name_plural = "parties"

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def preferred_contact_labels(self) -> list[str]:
        return labels_of(self.preferred_contact, self.Contact.choices)

    @property
    def adjustment_labels(self) -> list[str]:
        return labels_of(self.adjustments, Adjustment.choices)


class Issue(TimeStampedModel):
    """Something a party wants to discuss at mediation."""

    class Outcome(models.TextChoices):
        AGREED = "agreed", "Agreed"
        PARTLY = "partly", "Partly agreed"
        NOT_AGREED = "not_agreed", "Not agreed"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="issues")
    raised_by = models.ForeignKey(Party, null=True, blank=True, on_delete=models.SET_NULL, related_name="issues")
    text = models.TextField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["case", "created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class AppendOnlyError(Exception):
    pass


class CaseEvent(models.Model):
    """The case timeline: everything that happened, by whom, and what changed. Never edited."""

    class Kind(models.TextChoices):
        OPENED = "opened", "Case opened"
        TRANSITION = "transition", "Status changed"
        UPDATED = "updated", "Details changed"
        NOTE = "note", "Note"
        CLOCK = "clock", "Clock"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    action = models.CharField(max_length=40, blank=True)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    summary = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["case", "-at", "-id"]
        indexes = [models.Index(fields=["case", "-at"], name="event_case_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.summary}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Case events are never changed once written.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("Case events are never deleted.")


def _open_by_due(name: str, **only: Any) -> models.Index:
    return models.Index(fields=["due_date", "id"], name=name,
                        condition=models.Q(met_on__isnull=True, stopped_on__isnull=True, **only))


class Deadline(models.Model):
    """One statutory or service clock on one case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    clock = models.CharField(max_length=40, choices=CLOCK_CHOICES)
    start_date = models.DateField()
    due_date = models.DateField()
    met_on = models.DateField(null=True, blank=True)
    stopped_on = models.DateField(null=True, blank=True, help_text="No longer relevant (e.g. case withdrawn).")
    # Empty once the clock is stopped (no longer relevant); otherwise kept current by the engine.
    status = models.CharField(max_length=20, choices=CLOCK_STATUS_CHOICES, blank=True)
    # Why one of our clocks was met after its due date (rules/late_reasons.py); empty when on time or not yet said.
    late_reason = models.CharField(max_length=20, choices=LATE_REASON_CHOICES, blank=True)
    late_note = models.CharField(max_length=LATE_NOTE_MAX, blank=True)

    class Meta:
        ordering = ["due_date"]
        constraints = [models.UniqueConstraint(fields=["case", "clock"], name="one_deadline_per_clock")]
        indexes = [
            # Open clocks by due date. With the id as well, a list in (due date, id) order reads it already
            # sorted and stops at its page size (otherwise PostgreSQL may sort every due-soon row first).
            _open_by_due("deadline_open_due"),
            models.Index(fields=["status", "due_date"], name="deadline_status_due"),
            # Only the clocks the dashboard lists: the tribunal date stays open on every SEN case for ever,
            # so without this the "overdue" list would read past all of those first.
            _open_by_due("deadline_chased_open_due", clock__in=CHASED_CLOCKS),
            # The work queue (workqueue/selectors.py): our time limits, and the enquiries to call back.
            _open_by_due("deadline_queue_open_due", clock__in=QUEUE_CLOCKS),
            _open_by_due("deadline_call_back_open_due", clock=Clock.first_call_back.value),
            # The work queue's "late steps without a reason", the latest first: only our clocks met late.
            models.Index(fields=["-met_on", "-id"], name="deadline_late_no_reason", condition=models.Q(
                late_reason="", clock__in=QUEUE_CLOCKS, met_on__gt=models.F("due_date"))),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.clock} due {self.due_date}"

    @property
    def rule(self) -> Any:
        return CLOCK_RULES[Clock(self.clock)]

    @property
    def is_open(self) -> bool:
        return self.met_on is None and self.stopped_on is None


# The records of case work (contacts, advice, signposting, the child's views, mediator notes) live in
# models_casework.py; imported here so that Django finds them with the app's models.
from .models_casework import AdviceRecord, ChildViews, ContactLog, MediatorNote, Signposting  # noqa: E402

__all__ = [
    "AdviceRecord", "AppendOnlyError", "Case", "CaseEvent", "ChildViews", "ContactLog", "Deadline", "Issue",
    "MediatorNote", "MeetingOutcome", "Party", "ReferenceCounter", "Signposting",
]
