"""The referral journey's opening questions, about who is asking: how the referral reached us (the
staff journey only), who the person asking is, the details of a referrer who is not the family, and
the family's permission for that referral and how it was given."""

from __future__ import annotations

from typing import Any

from django import forms

from senmediation.cases.models import Case
from senmediation.core.forms import GovukDateField
from senmediation.rules.calendar import add_months

from .base import StepForm
from .choices import CHANNEL_CHOICES, CONSENT_METHOD_CHOICES, PERMISSION_CHOICES, WHO_CHOICES
from .fields import EmailField, PhoneField, TextField, radios

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
