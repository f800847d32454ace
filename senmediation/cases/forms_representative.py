"""Staff: name the person acting for a parent or young person who lacks capacity (SEND Regs 2014 regs 63-64)."""

from __future__ import annotations

from typing import Any

from django import forms

from senmediation.rules.capacity import BASIS_LABELS, bases_for

from .models import Party


class RepresentativeForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=200,
                           error_messages={"required": "Enter the name of the person acting for them"})
    basis = forms.ChoiceField(label="Why they may act for them", widget=forms.RadioSelect,
                              error_messages={"required": "Choose why they may act for them",
                                              "invalid_choice": "Choose why they may act for them"})
    email = forms.EmailField(label="Email address (optional)", required=False,
                             error_messages={"invalid": "Enter an email address like name@example.com"})
    phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False)
    address = forms.CharField(label="Postal address (optional)", required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    preferred_contact = forms.MultipleChoiceField(label="How they prefer to be contacted", required=False,
                                                  choices=Party.Contact.choices, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, party: Party, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        young_person = party.role == Party.Role.YOUNG_PERSON
        self.fields["basis"].choices = [  # type: ignore[attr-defined]
            (b.value, BASIS_LABELS[b]) for b in bases_for(young_person=young_person)
        ]
        self.fields["basis"].help_text = (
            "The law's list: SEND Regulations 2014 reg 64(2) and Children and Families Act 2014 s.80(6)."
            if young_person else
            "Only a deputy or an attorney may act for a parent (SEND Regulations 2014 reg 63 and Children and "
            "Families Act 2014 s.80(6))."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        prefers = set(data.get("preferred_contact") or [])
        if "email" in prefers and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "Enter an email address, as they prefer email")
        if prefers & {"phone", "text"} and not data.get("phone"):
            self.add_error("phone", "Enter a phone number, as they prefer phone calls or texts")
        if "letter" in prefers and not data.get("address"):
            self.add_error("address", "Enter a postal address, as they prefer letters")
        if not (data.get("email") or data.get("phone") or data.get("address")) and not self.errors.get("email"):
            self.add_error("email", "Enter at least one way to contact them: an email address, phone number or "
                                    "postal address")
        return data
