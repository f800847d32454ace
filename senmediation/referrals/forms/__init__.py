"""The referral journey's questions: one small form per page. Every message says how to put the
answer right. Each form gets the answers so far (`answers`) and today's date, because some
questions depend on earlier ones (a young person's age, which contact details are needed)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict

from senmediation.cases.models import Case, Party
from senmediation.core import clock
from senmediation.core.forms import GovukDateField
from senmediation.directory.models import LocalAuthority
from senmediation.rules.calendar import add_months, format_day
from senmediation.rules.eligibility import (
    APPEALABLE,
    DECISION_LABELS,
    Decision,
    compulsory_school_age_ends,
    is_young_person,
    too_old_for_send,
)

from .. import answers as read
from ..answers import HEALTH, NOT_LISTED, OTHER_TOPIC, SOCIAL_CARE, Answers

# --- Answer choices (the stored values; labels are what people read) ------------------------------

WHO_CHOICES = [
    (Case.Source.PARENT.value, "I am their parent or carer"),
    (Case.Source.YOUNG_PERSON.value, "I am the young person (I have finished year 11 at school and I am under 26) and I am asking for myself"),
    (Case.Source.LA_OFFICER.value, "I work for the local authority"),
    (Case.Source.IASS.value, "I work for an information, advice and support service (IASS or SENDIASS)"),
    (Case.Source.SCHOOL.value, "I work for their school or college"),
    (Case.Source.OTHER.value, "I am someone else helping the family"),
]

PERMISSION_CHOICES = [
    ("parent", "Yes, the parent or carer has agreed"),
    ("young_person", "Yes, the young person (who has finished year 11 and is under 26) has agreed"),
    ("no", "No, not yet"),
]

CONSENT_METHOD_CHOICES = [
    ("in_person", "Face to face"),
    ("phone", "On the phone"),
    ("email", "By email"),
    ("letter", "In a letter or on a signed form"),
    ("text", "By text message"),
    ("other", "Another way"),
]

# What the disagreement is about: the appealable decisions (CFA 2014 s.51(2)), the health and social
# care parts of a plan (s.53(3)-(4), s.54), and anything else, such as SEN support (disagreement
# resolution, CoP 11.6). Statements and School Action ended in 2014: not offered as answers.
TOPIC_CHOICES = [
    *[(d.value, DECISION_LABELS[d]) for d in Decision if d in APPEALABLE],
    (HEALTH, "The health care in the plan (section C: health needs, and section G: health provision)"),
    (SOCIAL_CARE, "The social care in the plan (section D: social care needs, and section H: social care provision)"),
    (OTHER_TOPIC, "Something else about special educational needs, for example SEN support at school without a plan"),
]

WANTS_LABELS = {
    Case.Wants.MEDIATION.value: "Mediation: a meeting, led by an independent mediator, to try to reach an agreement",
    Case.Wants.CERTIFICATE.value: "A mediation certificate without mediation, so that an appeal can be made",
    Case.Wants.TALK.value: "To talk the options through with an adviser before deciding",
}

CHANNEL_CHOICES = [
    (Case.Channel.PHONE.value, "Phone call"),
    (Case.Channel.EMAIL.value, "Email"),
    (Case.Channel.LETTER.value, "Letter"),
]

CONTACT_CHOICES = [
    (Party.Contact.PHONE.value, "Phone call"),
    (Party.Contact.EMAIL.value, "Email"),
    (Party.Contact.LETTER.value, "Letter"),
    (Party.Contact.TEXT.value, "Text message"),
]

ADJUSTMENT_CHOICES = [
    ("interpreter", "An interpreter for a spoken language"),
    ("bsl", "A British Sign Language (BSL) interpreter"),
    ("large_print", "Letters and documents in large print"),
    ("easy_read", "Easy read letters and documents"),
    ("accessible_venue", "A meeting place with step-free access"),
    ("breaks", "Regular breaks during meetings"),
    ("phone_not_email", "Phone calls rather than emails"),
]
ADJUSTMENT_LABELS = dict(ADJUSTMENT_CHOICES)

# --- Fields ----------------------------------------------------------------------------------------

# Invisible characters no answer needs (tab, new line and carriage return are kept). The web journey drops
# them quietly; the API refuses them (api/referrals.py), as a client sending them has a bug to know about.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class TextField(forms.CharField):
    """A text answer with GOV.UK-style messages. Invisible control characters are dropped quietly."""

    def __init__(self, *, what: str, max_length: int, required: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"spellcheck": "false"}))
        super().__init__(
            max_length=max_length, required=required,
            error_messages={
                "required": f"Enter {what}",
                "max_length": f"{_cap(what)} must be {max_length} characters or fewer",
            },
            **kwargs,
        )

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return CONTROL_CHARACTERS.sub("", text).strip()


def radios(choices: list[tuple[str, str]], *, select: str, **kwargs: Any) -> forms.ChoiceField:
    message = f"Select {select}"
    return forms.ChoiceField(
        choices=choices, widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message}, **kwargs,
    )


def checkboxes(choices: list[tuple[str, str]], *, select: str, required: bool = True, **kwargs: Any) -> forms.Field:
    message = f"Select {select}"
    return forms.MultipleChoiceField(
        choices=choices, widget=forms.CheckboxSelectMultiple, required=required,
        error_messages={"required": message, "invalid_choice": message, "invalid_list": message}, **kwargs,
    )


def textarea(*, what: str, max_length: int, label: str, **kwargs: Any) -> TextField:
    return TextField(what=what, max_length=max_length, required=False, label=label,
                     widget=forms.Textarea(attrs={"rows": 5}), **kwargs)


# --- Phone numbers and e-mail addresses ------------------------------------------------------------

PHONE_EXAMPLE = "for example 07700 900123 or 0161 123 4567"
_PHONE_CHARACTERS = re.compile(r"\+?[0-9 ()\-.]+", flags=re.ASCII)


def uk_phone_digits(value: str) -> str:
    """The number as UK national digits ('07700900123'), or ValidationError with how to fix it.

    Accepts spaces, brackets, dashes and dots, a leading +44 or 0044, and '+44 (0)...'. UK numbers
    have 10 or 11 digits starting with 0.
    """
    text = value.strip()
    if not _PHONE_CHARACTERS.fullmatch(text):
        raise ValidationError(
            f"Enter a phone number using only numbers, spaces and +, {PHONE_EXAMPLE}", code="phone_characters"
        )
    digits = re.sub(r"\D", "", text)
    if text.startswith("+") or digits.startswith("00"):
        international = digits[2:] if digits.startswith("00") else digits
        if not international.startswith("44"):
            raise ValidationError(f"Enter a UK phone number, starting with 0 or +44, {PHONE_EXAMPLE}",
                                  code="phone_not_uk")
        national = international[2:]
        digits = national if national.startswith("0") else f"0{national}"
    # Mobile (07), London and other 02 numbers, and 03 numbers always have 11 digits.
    wanted = "11" if digits[:2] in ("07", "02", "03") else "10 or 11"
    shortest = 11 if wanted == "11" else 10
    if len(digits) < shortest:
        raise ValidationError(f"The phone number is too short: it should have {wanted} digits, {PHONE_EXAMPLE}",
                              code="phone_short")
    if len(digits) > 11:
        raise ValidationError(f"The phone number is too long: it should have {wanted} digits, {PHONE_EXAMPLE}",
                              code="phone_long")
    if not digits.startswith("0") or digits.startswith("00"):
        raise ValidationError(f"Enter a UK phone number starting with 0 or +44, {PHONE_EXAMPLE}", code="phone_not_uk")
    return digits


def is_mobile(digits: str) -> bool:
    return digits.startswith("07")


class PhoneField(TextField):
    def __init__(self, *, what: str = "a phone number", **kwargs: Any) -> None:
        widget = forms.TextInput(attrs={"autocomplete": "tel", "data-govuk-class": "govuk-input--width-20"})
        widget.input_type = "tel"
        super().__init__(what=what, max_length=40, widget=widget, **kwargs)

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if text:
            uk_phone_digits(text)
        return re.sub(r"\s+", " ", text)


class EmailField(forms.EmailField):
    def __init__(self, *, what: str = "an email address", **kwargs: Any) -> None:
        super().__init__(
            max_length=254,
            error_messages={
                "required": f"Enter {what}",
                "invalid": "Enter an email address with an @ and the rest of the address after it, "
                           "for example name@example.com",
                "max_length": "The email address must be 254 characters or fewer",
            },
            widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            **kwargs,
        )

    def to_python(self, value: Any) -> str:
        return CONTROL_CHARACTERS.sub("", super().to_python(value) or "")


# --- The base form and how answers are kept in the session ----------------------------------------


class StepForm(forms.Form):
    """One page's question(s). `heading_field`: the field whose label is the page heading (h1)."""

    heading_field: ClassVar[str | None] = None

    def __init__(self, *args: Any, answers: Answers | None = None, today: dt.date | None = None,
                 title: str = "", **kwargs: Any) -> None:
        self.answers: Answers = answers or {}
        self.today = today or clock.today()
        super().__init__(*args, **kwargs)
        if self.heading_field and title and self.heading_field in self.fields:
            self.fields[self.heading_field].label = title

    def answer(self, slug: str, name: str, default: Any = None) -> Any:
        return read.value(self.answers, slug, name, default)

    @property
    def acting_young_person(self) -> bool:
        return read.acting_young_person(self.answers)

    @property
    def third_party(self) -> bool:
        return read.is_third_party(self.answers)

    def to_session(self) -> dict[str, Any]:
        """The cleaned answers as JSON-safe values: dates become ISO strings."""
        stored: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, dt.date):
                stored[name] = value.isoformat()
            elif isinstance(value, list | tuple):
                stored[name] = [str(item) for item in value]
            else:
                stored[name] = value
        return stored

    @classmethod
    def data_from_session(cls, stored: Mapping[str, Any]) -> MultiValueDict[str, Any]:
        """Form data that reproduces stored answers, so they can be checked again and shown again."""
        data: MultiValueDict[str, Any] = MultiValueDict()
        for name, field in cls.base_fields.items():
            value = stored.get(name)
            if value is None:
                continue
            if isinstance(field, GovukDateField):
                try:
                    day = dt.date.fromisoformat(str(value))
                except ValueError:
                    continue
                data[f"{name}_0"], data[f"{name}_1"], data[f"{name}_2"] = str(day.day), str(day.month), str(day.year)
            elif isinstance(field, forms.MultipleChoiceField):
                data.setlist(name, [str(item) for item in value] if isinstance(value, list) else [])
            elif isinstance(field, forms.BooleanField):
                if value:
                    data[name] = "on"
            else:
                data[name] = str(value)
        return data


# --- The questions, in journey order --------------------------------------------------------------


class ChannelForm(StepForm):
    heading_field = "channel"
    channel = radios(CHANNEL_CHOICES, select="how the referral reached us")


class WhoForm(StepForm):
    heading_field = "who"
    who = radios(WHO_CHOICES, select="who you are")


class ReferrerForm(StepForm):
    name = TextField(what="your full name", max_length=200, label="Your full name",
                     widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}))
    organisation = TextField(what="the name of your organisation", max_length=200, label="Your organisation",
                             widget=forms.TextInput(attrs={"autocomplete": "organization"}))
    email = EmailField(what="your email address", label="Your email address", required=False)
    phone = PhoneField(what="your phone number", label="Your phone number", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.answer("who", "who") == Case.Source.OTHER:
            self.fields["organisation"].required = False
            self.fields["organisation"].label = "Your organisation (optional)"
        self.fields["email"].help_text = "We will only use your details to talk to you about this referral"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        no_errors = "email" not in self.errors and "phone" not in self.errors
        if no_errors and not data.get("email") and not data.get("phone"):
            self.add_error("email", "Enter your email address or your phone number, so that we can contact you")
        return data


class PermissionForm(StepForm):
    heading_field = "permission"
    permission = radios(
        PERMISSION_CHOICES, select="whether the parent or young person has agreed to you referring them",
        help_text="You need the agreement of the parent or carer, or of the young person if they have finished "
                  "year 11 at school and are under 26, before you give us their details.",
    )


class ConsentForm(StepForm):
    given_by = TextField(what="the name of the person who gave permission", max_length=200,
                         label="Name of the person who gave permission")
    given_on = GovukDateField(label="When did they give permission?", label_lower="the date they gave permission",
                         help_text="For example, 27 3 2026")
    method = radios(CONSENT_METHOD_CHOICES, select="how they gave permission", label="How did they give permission?")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["given_on"]
        assert isinstance(field, GovukDateField)
        field.max_date = self.today
        field.max_message = "The date they gave permission must be today or in the past"
        field.min_date = add_months(self.today, -24)
        field.min_message = ("The date they gave permission must be within the last 2 years. "
                             "If it is older, please ask them again")


class LocalAuthorityForm(StepForm):
    heading_field = "local_authority"
    local_authority = forms.ChoiceField(
        choices=(), help_text="This is the council that sent the decision letter.",
        error_messages={"required": "Select the local authority that made the decision",
                        "invalid_choice": "Select the local authority that made the decision"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Select a local authority")]
        for la in LocalAuthority.objects.order_by("name").only("pk", "name"):
            choices.append((str(la.pk), la.name))
        choices.append((NOT_LISTED, "It is not in this list"))
        field = self.fields["local_authority"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class DisagreementForm(StepForm):
    heading_field = "topics"
    topics = checkboxes(TOPIC_CHOICES, select="what the disagreement is about", help_text=(
        "Select all that apply. EHC plans replaced Statements of special educational needs in 2014, and "
        "SEN support replaced School Action and School Action Plus."))


class SummaryForm(StepForm):
    heading_field = "summary"
    summary = textarea(
        what="the description of the disagreement", max_length=3000, label="",
        help_text="For example, what the council decided and what you would like to happen instead. "
                  "You can leave this empty and tell the adviser when we speak.",
    )


class WantsForm(StepForm):
    heading_field = "wants"
    wants = radios(
        [], select="what you would like to do now",
        help_text="Mediation is your choice. Whichever you pick, you keep your right to appeal to the "
                  "Tribunal, and you can change your mind later.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        values = [Case.Wants.MEDIATION.value, Case.Wants.CERTIFICATE.value, Case.Wants.TALK.value]
        if not read.certificate_is_needed(self.answers):
            values.remove(Case.Wants.CERTIFICATE.value)
        field = self.fields["wants"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(value, WANTS_LABELS[value]) for value in values]


UNDER_25_WHY = ("the law on EHC plans covers young people until their 25th birthday (Children and Families "
                "Act 2014 s.83(2)). Check the year")


class ChildForm(StepForm):
    first_name = TextField(what="the first name", max_length=100, label="First name",
                           widget=forms.TextInput(attrs={"spellcheck": "false"}))
    last_name = TextField(what="the last name", max_length=100, label="Last name",
                          widget=forms.TextInput(attrs={"spellcheck": "false"}))
    date_of_birth = GovukDateField(label="Date of birth", label_lower="the date of birth",
                              help_text="For example, 31 3 2015")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["date_of_birth"]
        assert isinstance(field, GovukDateField)
        field.max_date = self.today
        field.max_message = "The date of birth must be in the past"
        if self.answer("who", "who") == Case.Source.YOUNG_PERSON:
            self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
            self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
            field.widget.attrs["autocomplete_day"] = "bday-day"
            self.fields["first_name"].error_messages["required"] = "Enter your first name"
            self.fields["last_name"].error_messages["required"] = "Enter your last name"
            field.error_messages["required"] = "Enter your date of birth"

    def clean_date_of_birth(self) -> dt.date | None:
        born = self.cleaned_data.get("date_of_birth")
        if not isinstance(born, dt.date):
            return born
        # A young person is "under 25" (Children and Families Act 2014 s.83(2)): the 25th birthday is too late.
        if too_old_for_send(born=born, day=self.today):
            if self.answer("who", "who") == Case.Source.YOUNG_PERSON:
                raise ValidationError(f"You must be under 25 to ask for yourself: {UNDER_25_WHY}")
            raise ValidationError(f"The child or young person must be under 25: {UNDER_25_WHY}")
        # A young person is over compulsory school age (Education Act 1996 s.8), which ends on the last Friday
        # in June of the school year in which they turn 16, not on the 16th birthday.
        if self.acting_young_person and not is_young_person(born=born, day=self.today):
            leaves = compulsory_school_age_ends(born)
            if self.answer("who", "who") == Case.Source.YOUNG_PERSON:
                raise ValidationError(
                    f"You can ask for yourself from {format_day(leaves + dt.timedelta(days=1))}, after the end of "
                    "the school year in which you turn 16. Until then, your parent or carer can ask for you"
                )
            raise ValidationError(
                f"A young person can agree for themselves from {format_day(leaves + dt.timedelta(days=1))}, after "
                "the end of the school year in which they turn 16. Until then, their parent or carer needs to "
                "agree to the referral"
            )
        return born


class ContactMethodsForm(StepForm):
    methods = checkboxes(CONTACT_CHOICES, select="at least one way we can contact", label="",
                         help_text="Select all that suit.")
    call_times = TextField(what="the best times to call", max_length=200, required=False,
                           label="Best times to call or text (optional)",
                           help_text="For example, weekday mornings, or not before 10am")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        who = "you" if not self.third_party else "them"
        self.fields["methods"].label = f"Ways to contact {who}"
        self.fields["methods"].error_messages["required"] = f"Select at least one way we can contact {who}"


class ContactForm(StepForm):
    name = TextField(what="the full name", max_length=200, label="Full name",
                     widget=forms.TextInput(attrs={"spellcheck": "false"}))
    email = EmailField(label="Email address", required=False)
    phone = PhoneField(label="Phone number", required=False)
    address = textarea(what="the postal address", max_length=500, label="Postal address (optional)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.methods: list[str] = list(self.answer("contact-methods", "methods", []) or [])
        own = not self.third_party
        if self.acting_young_person:
            # The young person's name is asked with their date of birth.
            del self.fields["name"]
        else:
            self.fields["name"].label = "Your full name" if own else "Full name of the parent or carer"
            self.fields["name"].error_messages["required"] = (
                "Enter your full name" if own else "Enter the full name of the parent or carer"
            )
            if own:
                self.fields["name"].widget.attrs["autocomplete"] = "name"
        whose = "your" if own else "their"
        if own:
            self.fields["address"].widget.attrs["autocomplete"] = "street-address"
        else:
            # Autofill would offer the referrer's own details, not the family's.
            self.fields["email"].widget.attrs["autocomplete"] = "off"
            self.fields["phone"].widget.attrs["autocomplete"] = "off"
        if Party.Contact.EMAIL in self.methods:
            self.fields["email"].required = True
            self.fields["email"].error_messages["required"] = (
                f"Enter {whose} email address, because email was chosen as a way to contact {'you' if own else 'them'}"
            )
        else:
            self.fields["email"].label = "Email address (optional)"
        if Party.Contact.PHONE in self.methods or Party.Contact.TEXT in self.methods:
            self.fields["phone"].required = True
            self.fields["phone"].error_messages["required"] = f"Enter {whose} phone number"
        else:
            self.fields["phone"].label = "Phone number (optional)"
        if Party.Contact.TEXT in self.methods:
            self.fields["phone"].help_text = "A mobile number, as you chose text messages"
        if Party.Contact.LETTER in self.methods:
            self.fields["address"].required = True
            self.fields["address"].label = "Postal address"
            self.fields["address"].error_messages["required"] = (
                f"Enter {whose} postal address, because letters were chosen as a way to contact "
                f"{'you' if own else 'them'}"
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        phone = data.get("phone") or ""
        wants_texts = Party.Contact.TEXT in self.methods
        if phone and wants_texts and "phone" not in self.errors and not is_mobile(uk_phone_digits(phone)):
            self.add_error("phone", "Enter a mobile number starting 07 or +44 7, so that we can send text "
                                    "messages, or go back and choose another way to contact")
        if "email" not in self.errors and "phone" not in self.errors and not data.get("email") and not phone:
            self.add_error("phone", "Enter a phone number or an email address, so that we can get in touch")
        return data


class LanguageForm(StepForm):
    heading_field = "language"
    language = TextField(what="the language you would like us to use", max_length=60, label="",
                         help_text="If you need an interpreter, you can tell us on the next page.",
                         widget=forms.TextInput(attrs={"data-govuk-class": "govuk-input--width-20"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("language", "English")
        if self.third_party:
            self.fields["language"].error_messages["required"] = "Enter the language the family would like us to use"


class AdjustmentsForm(StepForm):
    adjustments = checkboxes(ADJUSTMENT_CHOICES, select="the support needed", required=False,
                             label="Support that would help", help_text="Select all that apply, or none.")
    notes = textarea(what="the other support needed", max_length=2000,
                     label="Anything else that would help (optional)",
                     help_text="For example, a quiet room, a support worker with you, or the best time of day "
                               "for a meeting")


class ChildViewsForm(StepForm):
    views = textarea(what="their views", max_length=5000, label="Their views, in their own words (optional)",
                     help_text="The mediator will try to find out what the child or young person thinks. You "
                               "can write it here in their words, for example what they like at school and "
                               "what they find hard.")
    help_wanted = forms.BooleanField(required=False, label="We would like help to gather their views")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.answer("who", "who") == Case.Source.YOUNG_PERSON:
            self.fields["views"].label = "Your views, in your own words (optional)"
            self.fields["views"].help_text = ("The mediator will want to hear what you think. You can tell us "
                                              "here or when we speak.")
            self.fields["help_wanted"].label = "I would like help to put my views into words"
