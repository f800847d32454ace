"""Reference data the provider keeps: itself, the LAs and health bodies it deals with, venues, agencies."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from senmediation.core.models import TimeStampedModel


class Provider(TimeStampedModel):
    """The mediation provider running this service. Its details appear on every public page and
    document, so they are data editable in the admin, never template constants."""

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60, help_text="Used in page titles, e.g. 'KIDS SEN Mediation'.")
    phone = models.CharField(max_length=40)
    email = models.EmailField(blank=True)
    address = models.TextField(help_text="Postal address, one line per line.")
    opening_hours = models.CharField(max_length=200, default="Monday to Friday, 9am to 6pm")
    opens_at = models.TimeField(default="09:00")
    closes_at = models.TimeField(default="18:00")
    contact_person = models.CharField(max_length=120, blank=True)
    cmc_registration = models.CharField(
        "Civil Mediation Council registration", max_length=120, blank=True,
        help_text="Shown on certificates and the public pages.",
    )
    years_of_experience = models.PositiveSmallIntegerField(default=13)
    about = models.TextField(blank=True, help_text="A short paragraph about the provider for the home page.")
    complaints_policy_url = models.URLField(blank=True)
    # The complaint clocks of the provider's own policy (service standards, not law).
    complaint_acknowledge_working_days = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Working days to acknowledge a complaint, from the day it arrives or goes to stage 2.",
    )
    complaint_response_working_days = models.PositiveSmallIntegerField(
        default=20, validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Working days to send the full response, counted the same way.",
    )
    accessibility_contact = models.CharField(max_length=200, blank=True)
    data_protection_officer = models.CharField(max_length=200, blank=True)
    ico_registration = models.CharField("ICO registration number", max_length=40, blank=True)
    is_current = models.BooleanField(
        default=True, help_text="The provider this installation runs for. Only one may be current."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_provider"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]


class LocalAuthority(TimeStampedModel):
    name = models.CharField(max_length=120, unique=True)
    gss_code = models.CharField(
        "GSS code", max_length=9, unique=True, help_text="ONS Government Statistical Service code, e.g. E08000009."
    )
    commissions_us = models.BooleanField(default=False, help_text="Whether this LA commissions our service.")
    free_for_residents = models.BooleanField(default=False)
    commissions_drs = models.BooleanField(
        "commissions our disagreement resolution", default=False,
        help_text="Families of this LA with a disagreement outside the EHC scheme (a Statement, SEN support, a school) "
        "get a disagreement resolution case from us, not a signpost to another provider (SEND Code of Practice 2015 para 11.6).",
    )
    contact_name = models.CharField("named SEN contact", max_length=120, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_address = models.TextField(blank=True)
    drs_provider = models.ForeignKey(
        "SignpostingAgency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="disagreement resolution provider",
        help_text="Where families with a legacy Statement or School Action / Action Plus are sent.",
    )
    local_offer_url = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return self.name


class IntegratedCareBoard(TimeStampedModel):
    name = models.CharField(max_length=160, unique=True)
    ods_code = models.CharField("ODS code", max_length=10, blank=True)
    contact_name = models.CharField(max_length=120, blank=True)
    contact_email = models.EmailField(blank=True)
    local_authorities = models.ManyToManyField(LocalAuthority, blank=True, related_name="icbs")

    class Meta:
        ordering = ["name"]
        verbose_name = "integrated care board"

    def __str__(self) -> str:
        return self.name


class School(TimeStampedModel):
    class Kind(models.TextChoices):
        MAINSTREAM = "mainstream", "Mainstream school"
        SPECIAL = "special", "Special school"
        COLLEGE = "college", "Further education college"
        INDEPENDENT = "independent", "Independent or non-maintained special school"
        EARLY_YEARS = "early_years", "Early years setting"
        OTHER = "other", "Other setting"

    name = models.CharField(max_length=200)
    urn = models.CharField("URN", max_length=10, blank=True, help_text="DfE unique reference number.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MAINSTREAM)
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="schools")
    contact_email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "school or setting"
        verbose_name_plural = "schools and settings"

    def __str__(self) -> str:
        return self.name


class Venue(TimeStampedModel):
    name = models.CharField(max_length=160)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    local_authority = models.ForeignKey(
        LocalAuthority, null=True, blank=True, on_delete=models.SET_NULL, related_name="venues"
    )
    is_online = models.BooleanField(default=False, help_text="An online meeting room rather than a building.")
    step_free_access = models.BooleanField(default=False)
    accessible_toilet = models.BooleanField(default=False)
    hearing_loop = models.BooleanField(default=False)
    parking = models.BooleanField(default=False)
    quiet_breakout_room = models.BooleanField(default=False)
    accessibility_notes = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def accessibility_features(self) -> list[str]:
        features = [
            (self.step_free_access, "Step-free access"),
            (self.accessible_toilet, "Accessible toilet"),
            (self.hearing_loop, "Hearing loop"),
            (self.parking, "Parking"),
            (self.quiet_breakout_room, "Quiet room for breaks"),
        ]
        return [label for present, label in features if present]


class SignpostingAgency(TimeStampedModel):
    class Kind(models.TextChoices):
        SENDIASS = "sendiass", "SEND Information, Advice and Support Service (SENDIASS)"
        IPSEA = "ipsea", "Independent Provider of Special Education Advice (IPSEA)"
        TRIBUNAL = "tribunal", "First-tier Tribunal (SEND)"
        DRS = "drs", "Disagreement resolution provider"
        OTHER = "other", "Other support"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    local_authority = models.ForeignKey(
        LocalAuthority, null=True, blank=True, on_delete=models.CASCADE, related_name="agencies",
        help_text="Leave empty for national agencies.",
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name_plural = "signposting agencies"

    def __str__(self) -> str:
        return self.name


class ClosureDay(models.Model):
    """A day the provider is closed. Affects service clocks (call-backs) only, never statutory dates."""

    day = models.DateField(unique=True)
    reason = models.CharField(max_length=120)

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d %B %Y}: {self.reason}"


class MediatorProfile(TimeStampedModel):
    """What the service needs to know to offer a mediator for a case. Mediators are independent of
    the LA and accredited to the SEND mediation standards."""

    class AccreditationBody(models.TextChoices):
        CMC = "cmc", "Civil Mediation Council"
        COLLEGE = "college", "College of Mediators"
        OTHER = "other", "Other body"

    user = models.OneToOneField("accounts.User", on_delete=models.CASCADE, related_name="mediator_profile")
    accreditation_body = models.CharField(max_length=20, choices=AccreditationBody.choices)
    accreditation_expires = models.DateField(null=True, blank=True)
    send_standards = models.BooleanField(
        "meets the SEND mediation standards", default=False,
        help_text="Trained and accredited to the SEND mediation standards.",
    )
    languages = models.JSONField(default=list, blank=True, help_text='Languages spoken, e.g. ["English", "Urdu"].')
    local_authorities = models.ManyToManyField(LocalAuthority, blank=True, related_name="mediators")
    areas = models.TextField(blank=True, help_text="Towns or areas the mediator will travel to.")
    capacity = models.PositiveSmallIntegerField(default=5, help_text="The most open cases at once.")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return f"Mediator profile: {self.user}"


class MediatorAvailability(models.Model):
    """A day a mediator can (or cannot) take a meeting; from/to narrow an available day."""

    mediator = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="mediator_availability")
    day = models.DateField()
    available = models.BooleanField(default=True)
    from_time = models.TimeField(null=True, blank=True)
    to_time = models.TimeField(null=True, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name_plural = "mediator availability"
        constraints = [models.UniqueConstraint(fields=["mediator", "day"], name="one_availability_per_day")]

    def __str__(self) -> str:
        return f"{self.mediator} {self.day:%Y-%m-%d} {'available' if self.available else 'not available'}"


class ConflictOfInterest(models.Model):
    """A declared reason a mediator must not take certain cases: impartiality comes first."""

    mediator = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="conflicts_declared")
    local_authority = models.ForeignKey(
        LocalAuthority, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    family_name = models.CharField(max_length=100, blank=True, help_text="A family surname the mediator knows.")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField()
    declared_on = models.DateField()

    class Meta:
        ordering = ["-declared_on"]
        verbose_name_plural = "conflicts of interest"

    def __str__(self) -> str:
        return f"{self.mediator}: {self.reason[:60]}"


# Rooms, interpreters and mediators' leave (arranging meetings) are in models_scheduling.py; imported here so
# that Django finds them with the app's models.
from .models_scheduling import Interpreter as Interpreter, MediatorLeave as MediatorLeave, Room as Room  # noqa: E402, I001
