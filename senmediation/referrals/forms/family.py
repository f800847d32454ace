"""The referral journey's questions about the child or young person and how to reach the family: the
child's name and date of birth (checked against the age limits of the law), the ways to contact them and
their contact details, their language, the support that would help them, and the child's own views."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from senmediation.cases.models import Case, Party
from senmediation.core.forms import GovukDateField
from senmediation.rules.calendar import format_day
from senmediation.rules.eligibility import compulsory_school_age_ends, is_young_person, too_old_for_send

from .base import StepForm
from .choices import ADJUSTMENT_CHOICES, CONTACT_CHOICES
from .fields import EmailField, PhoneField, TextField, checkboxes, is_mobile, textarea, uk_phone_digits

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
