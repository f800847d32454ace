"""The referral's questions about someone acting for a parent or young person who lacks capacity
(SEND Regulations 2014 regs 63-64; Children and Families Act 2014 s.80). One question per page."""

from __future__ import annotations

from typing import Any

from senmediation.cases.models import Party
from senmediation.rules.capacity import BASIS_LABELS, bases_for

from .forms.base import StepForm
from .forms.choices import CONTACT_CHOICES
from .forms.fields import EmailField, PhoneField, TextField, checkboxes, is_mobile, radios, textarea, uk_phone_digits

YES_NO = [("yes", "Yes"), ("no", "No")]


class CapacityForm(StepForm):
    heading_field = "acts_for"
    acts_for = radios(YES_NO, select="yes if someone acts for them because they lack capacity",
                      help_text="Someone may not be able to make decisions about this themselves because of a "
                                "condition that affects their mind (they lack capacity, as the Mental Capacity Act "
                                "2005 says). Then someone acts for them: a deputy appointed by the Court of "
                                "Protection or an attorney, or for a young person, their parent. If so, we send "
                                "our letters, links and the certificate to that person. A young person is still "
                                "asked for their views.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["acts_for"].error_messages["required"] = self.fields["acts_for"].error_messages[
            "invalid_choice"] = f"Select yes if someone acts for {self.whom} because they lack capacity"

    @property
    def whom(self) -> str:
        if not self.third_party:
            return "you"
        return "the young person" if self.acting_young_person else "the parent or carer"


class RepresentativeNameForm(StepForm):
    heading_field = "name"
    name = TextField(what="the full name of the person who acts for them", max_length=200, label="",
                     help_text="For example, the name on the Court of Protection order or the power of attorney.")


class RepresentativeRoleForm(StepForm):
    heading_field = "basis"
    basis = radios([(b.value, BASIS_LABELS[b]) for b in bases_for(young_person=True)],
                   select="why they can act for them", label="")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = bases_for(young_person=self.acting_young_person)
        self.fields["basis"].choices = [(b.value, BASIS_LABELS[b]) for b in allowed]  # type: ignore[attr-defined]
        if not self.acting_young_person:
            self.fields["basis"].help_text = ("For a parent or carer, only a deputy or an attorney can act for "
                                              "them in this.")


class RepresentativeContactMethodsForm(StepForm):
    heading_field = "methods"
    methods = checkboxes(CONTACT_CHOICES, select="at least one way we can contact the person who acts for them",
                         label="", help_text="Select all that suit.")


class RepresentativeContactForm(StepForm):
    email = EmailField(label="Email address", required=False)
    phone = PhoneField(label="Phone number", required=False)
    address = textarea(what="their postal address", max_length=500, label="Postal address (optional)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.methods: list[str] = list(self.answer("representative-contact-methods", "methods", []) or [])
        for name in ("email", "phone", "address"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        if Party.Contact.EMAIL in self.methods:
            self.fields["email"].required = True
            self.fields["email"].error_messages["required"] = (
                "Enter their email address, because email was chosen as a way to contact them")
        else:
            self.fields["email"].label = "Email address (optional)"
        if Party.Contact.PHONE in self.methods or Party.Contact.TEXT in self.methods:
            self.fields["phone"].required = True
            self.fields["phone"].error_messages["required"] = "Enter their phone number"
        else:
            self.fields["phone"].label = "Phone number (optional)"
        if Party.Contact.LETTER in self.methods:
            self.fields["address"].required = True
            self.fields["address"].label = "Postal address"
            self.fields["address"].error_messages["required"] = (
                "Enter their postal address, because letters were chosen as a way to contact them")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        phone = data.get("phone") or ""
        if (phone and Party.Contact.TEXT in self.methods and "phone" not in self.errors
                and not is_mobile(uk_phone_digits(phone))):
            self.add_error("phone", "Enter a mobile number starting 07 or +44 7, so that we can send text messages, "
                                    "or go back and choose another way to contact them")
        if not self.errors and not (data.get("email") or phone or data.get("address")):
            self.add_error("email", "Enter an email address, phone number or postal address, so that we can get "
                                    "in touch")
        return data
