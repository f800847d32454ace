"""Complaints (with the provider's own clocks) and the parties' answers to the end-of-case survey."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Complaint(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", "Online form"
        PHONE = "phone", "Phone call"
        LETTER = "letter", "Letter"
        EMAIL = "email", "Email"

    class Contact(models.TextChoices):
        EMAIL = "email", "Email"
        LETTER = "letter", "Letter"
        PHONE = "phone", "Phone"

    class Stage(models.IntegerChoices):
        ONE = 1, "Stage 1: the service manager"
        TWO = 2, "Stage 2: review by a director"

    class Outcome(models.TextChoices):
        UPHELD = "upheld", "Upheld"
        PARTLY = "partly", "Partly upheld"
        NOT_UPHELD = "not_upheld", "Not upheld"

    class Theme(models.TextChoices):
        """What the complaint was mainly about, chosen when its outcome is recorded (for the reports)."""

        COMMUNICATION = "communication", "How we kept in touch"
        DELAY = "delay", "Delays"
        MEDIATOR = "mediator", "The mediator"
        PROCESS = "process", "How mediation works"
        OUTCOME = "outcome", "The outcome"
        OTHER = "other", "Something else"

    reference = models.CharField(max_length=20, unique=True)
    received_on = models.DateField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    preferred_contact = models.CharField(max_length=10, choices=Contact.choices, default=Contact.EMAIL)
    case_reference_given = models.CharField(max_length=40, blank=True, help_text="As the complainant wrote it.")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="complaints")
    # Whom the complaint is about: that person never sees it nor handles it.
    about = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="complaints_about")
    about_text = models.CharField(max_length=200, blank=True, help_text="Who or what it is about, as told to us.")
    details = models.TextField()
    wanted = models.TextField(blank=True, help_text="What the complainant would like to happen.")
    stage = models.PositiveSmallIntegerField(choices=Stage.choices, default=Stage.ONE)
    stage_started_on = models.DateField()
    acknowledge_by = models.DateField()
    acknowledged_on = models.DateField(null=True, blank=True)
    respond_by = models.DateField()
    responded_on = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="complaints_owned")
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    theme = models.CharField(max_length=16, choices=Theme.choices, blank=True)  # empty: not recorded
    response = models.TextField(blank=True)
    response_letter = models.FileField(upload_to="complaint-letters/", blank=True)
    lessons_learned = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["responded_on", "respond_by"], name="complaint_open_due")]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.responded_on is None


class ComplaintNote(models.Model):
    """A note on a complaint; `by` empty for what the service recorded itself (stage changes, letters)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="notes")
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    text = models.TextField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"Note on {self.complaint_id} at {self.at:%Y-%m-%d %H:%M}"


class PublicSubmission(models.Model):
    """A form sent from the public site: stops repeats and counts sends per address for the hourly
    limit. Holds a keyed hash of the address, never the address or the answers."""

    idempotency_key = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=12)  # complaint | feedback
    address_hash = models.CharField(max_length=64)
    at = models.DateTimeField()
    reference = models.CharField(max_length=20, blank=True)
    trapped = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["address_hash", "at"], name="feedback_sub_address_at")]

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class Recommend(models.TextChoices):
    YES = "yes", "Yes"
    NOT_SURE = "not_sure", "Not sure"
    NO = "no", "No"


class SurveyInvitation(models.Model):
    """One party invited once per case, reminded at most once."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    party = models.ForeignKey("cases.Party", on_delete=models.CASCADE, related_name="+")
    link = models.ForeignKey("portal.PartyLink", null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "party"], name="one_survey_per_party_per_case")]

    def __str__(self) -> str:
        return f"Survey for party {self.party_id}"


class SurveyResponse(models.Model):
    """Answers to the survey. The mediator and LA are copied at the time, for the figures."""

    class Source(models.TextChoices):
        LINK = "link", "Secure link"
        PUBLIC = "public", "Public website"

    source = models.CharField(max_length=10, choices=Source.choices)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    party = models.ForeignKey("cases.Party", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    mediator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    local_authority = models.ForeignKey("directory.LocalAuthority", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField()
    satisfaction = models.PositiveSmallIntegerField()  # 1 very dissatisfied .. 5 very satisfied
    felt_heard = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    treated_fairly = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    mediator_impartial = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    process_explained = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    would_recommend = models.CharField(max_length=8, choices=Recommend.choices, blank=True)
    comments = models.TextField(blank=True)
    consent_to_quote = models.BooleanField(default=False)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"Survey answer {self.pk}"
