from __future__ import annotations

from typing import Any

from django import forms

from senmediation.directory.models import SignpostingAgency

from .choices import Adjustment
from .models import AdviceRecord, Case, ChildViews, ContactLog, Party


class ContactForm(forms.Form):
    party: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        queryset=None, required=False, label="Who with", empty_label="Someone else"
    )
    with_whom = forms.CharField(label="If someone else, who", required=False, max_length=200)
    channel = forms.ChoiceField(label="How", choices=ContactLog.Channel.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Choose how the contact happened"})
    direction = forms.ChoiceField(label="Who got in touch", choices=ContactLog.Direction.choices,
                                  widget=forms.RadioSelect,
                                  error_messages={"required": "Choose who got in touch"})
    summary = forms.CharField(label="Summary", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
                              error_messages={"required": "Enter a summary of the contact"})
    outcome = forms.CharField(label="Outcome or next step (optional)", required=False, max_length=300)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = case.parties.all()  # type: ignore[attr-defined]


class AdviceForm(forms.Form):
    understood = forms.ChoiceField(
        label="Did they understand what mediation is and what it is not?",
        choices=[("yes", "Yes"), ("no", "Not yet: more explanation needed")], widget=forms.RadioSelect,
        error_messages={"required": "Choose whether they understood"},
    )
    decision = forms.ChoiceField(
        label="What did they decide?", choices=AdviceRecord.Decision.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose what they decided"},
    )
    signposted_to = forms.ModelMultipleChoiceField(
        queryset=SignpostingAgency.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Signposted to (optional)",
    )
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            max_length=5000)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.db.models import Q

        self.fields["signposted_to"].queryset = SignpostingAgency.objects.filter(  # type: ignore[attr-defined]
            Q(local_authority__isnull=True) | Q(local_authority=case.local_authority)
        )


class ChildViewsForm(forms.Form):
    how = forms.ChoiceField(label="How were the views gathered?", choices=ChildViews.How.choices,
                            widget=forms.RadioSelect, error_messages={"required": "Choose how the views were gathered"})
    gathered_by = forms.CharField(label="Who gathered them", max_length=200,
                                  error_messages={"required": "Enter who gathered the views"})
    consent_given = forms.BooleanField(
        label="The child agreed to share these views (and their parent, for a child)", required=False
    )
    views = forms.CharField(label="The child's views, in their own words where possible",
                            widget=forms.Textarea(attrs={"rows": 6}), max_length=10000,
                            error_messages={"required": "Enter the child's views"})
    show_at_meeting = forms.BooleanField(label="Share these views at the meeting", required=False, initial=True)

    def clean_consent_given(self) -> bool:
        if not self.cleaned_data.get("consent_given"):
            raise forms.ValidationError("Only record the child's views with their agreement")
        return True


class MediatorNoteForm(forms.Form):
    text = forms.CharField(label="Add a private note", widget=forms.Textarea(attrs={"rows": 5}), max_length=10000,
                           error_messages={"required": "Enter the note"})


ADJUSTMENT_CHOICES = Adjustment.choices


class PartyForm(forms.Form):
    # Someone acting for a person who lacks capacity is named on that person's own page (views_representative).
    role = forms.ChoiceField(label="Role", choices=[c for c in Party.Role.choices if c[0] != Party.Role.REPRESENTATIVE],
                             error_messages={"required": "Choose a role"})
    name = forms.CharField(label="Full name", max_length=200, error_messages={"required": "Enter the person's name"})
    organisation = forms.CharField(label="Organisation (optional)", max_length=200, required=False)
    email = forms.EmailField(label="Email address (optional)", required=False,
                             error_messages={"invalid": "Enter an email address like name@example.com"})
    phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False)
    address = forms.CharField(label="Postal address (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=1000)
    preferred_contact = forms.MultipleChoiceField(label="How they prefer to be contacted", required=False,
                                                  choices=Party.Contact.choices, widget=forms.CheckboxSelectMultiple)
    call_times = forms.CharField(label="Best times to call (optional)", max_length=200, required=False)
    language = forms.CharField(label="Language", max_length=60, initial="English", required=False)
    interpreter_needed = forms.BooleanField(label="Needs an interpreter", required=False)
    adjustments = forms.MultipleChoiceField(label="Reasonable adjustments", required=False, choices=ADJUSTMENT_CHOICES,
                                            widget=forms.CheckboxSelectMultiple)
    adjustments_notes = forms.CharField(label="Other adjustments (optional)", required=False, max_length=1000,
                                        widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        prefers = set(data.get("preferred_contact") or [])
        if "email" in prefers and not data.get("email"):
            self.add_error("email", "Enter an email address, as they prefer email")
        if prefers & {"phone", "text"} and not data.get("phone"):
            self.add_error("phone", "Enter a phone number, as they prefer phone calls or texts")
        if "letter" in prefers and not data.get("address"):
            self.add_error("address", "Enter a postal address, as they prefer letters")
        data["language"] = data.get("language") or "English"
        return data
