"""Forms for complaints and the survey. Each error says how to put the answer right."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from senmediation.accounts.models import User
from senmediation.core.forms import GovukDateField

from .models import Answer, Complaint, Recommend

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
SATISFACTION = [
    ("5", "Very satisfied"), ("4", "Satisfied"), ("3", "Neither satisfied nor dissatisfied"),
    ("2", "Dissatisfied"), ("1", "Very dissatisfied"),
]


def _text(label: str, *, required: str = "", help_text: str = "", rows: int = 5, limit: int = 5000) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=help_text, required=bool(required), max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required, "max_length": f"{label} must be {limit:,} characters or fewer"},
    )


def _line(label: str, *, required: str = "", help_text: str = "", limit: int = 200,
          autocomplete: str = "") -> forms.CharField:
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    return forms.CharField(
        label=label, help_text=help_text, required=bool(required), max_length=limit,
        widget=forms.TextInput(attrs=attrs),
        error_messages={"required": required, "max_length": f"{label} must be {limit} characters or fewer"},
    )


class ComplaintForm(forms.Form):
    """The public complaint form: one short page."""

    name = _line("Your full name", required="Enter your full name", autocomplete="name")
    details = _text("What is your complaint about?", required="Tell us what your complaint is about", rows=8,
                    help_text="Tell us what happened, when, and who was involved.")
    about_mediator = forms.TypedChoiceField(
        label="Is your complaint about your mediator?", widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No, it is about something else")], coerce=lambda v: v == "yes",
        error_messages={"required": "Select yes if your complaint is about your mediator"},
    )
    wanted = _text("What would you like us to do to put things right? (optional)", rows=4)
    case_reference = _line("Your case reference (optional)", limit=40,
                           help_text="If you have one, for example MED-2026-00012. You can complain without one.")
    preferred_contact = forms.ChoiceField(
        label="How should we reply to you?", widget=forms.RadioSelect, choices=Complaint.Contact.choices,
        error_messages={"required": "Select how we should reply to you"},
    )
    email = forms.EmailField(
        label="Email address", required=False, max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    phone = _line("Phone number", limit=40, autocomplete="tel")
    address = _text("Postal address", rows=4, limit=500)

    NEEDS = {"email": ("email", "Enter your email address, or choose another way for us to reply"),
             "letter": ("address", "Enter your postal address, or choose another way for us to reply"),
             "phone": ("phone", "Enter your phone number, or choose another way for us to reply")}

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data.get("phone", "")).strip()
        if phone and not re.fullmatch(r"\+?[0-9 ()-]{10,20}", phone):
            raise forms.ValidationError("Enter a phone number, like 01632 960 001 or 07700 900 982")
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("preferred_contact")
        if chosen in self.NEEDS:
            field, message = self.NEEDS[chosen]
            if not str(data.get(field) or "").strip() and field not in self.errors:
                self.add_error(field, message)
        return data


class StaffComplaintForm(ComplaintForm):
    """Staff recording a complaint that came by phone, letter or e-mail."""

    channel = forms.ChoiceField(
        label="How did the complaint arrive?", widget=forms.RadioSelect,
        choices=[c for c in Complaint.Channel.choices if c[0] != Complaint.Channel.ONLINE],
        error_messages={"required": "Select how the complaint arrived"},
    )
    received_on = GovukDateField(label="Date received", label_lower="the date received",
                                 help_text="For example, 27 11 2026")
    field_order = ["channel", "received_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = "Full name of the person complaining"
        self.fields["details"].label = "What is the complaint about?"
        self.fields["about_mediator"].label = "Is the complaint about the case's mediator?"
        self.fields["case_reference"].label = "Case reference (optional)"
        self.fields["preferred_contact"].label = "How do they want us to reply?"
        self.fields["wanted"].label = "What would they like us to do? (optional)"


class ManagerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class OwnerForm(forms.Form):
    owner = ManagerChoiceField(queryset=User.objects.none(), label="Who is dealing with it?",
                               error_messages={"required": "Choose who is dealing with the complaint"})

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = owners


class NoteForm(forms.Form):
    text = _text("Add a note", required="Enter the note", rows=3)


class ResponseForm(forms.Form):
    outcome = forms.ChoiceField(label="Outcome", widget=forms.RadioSelect, choices=Complaint.Outcome.choices,
                                error_messages={"required": "Select the outcome"})
    theme = forms.ChoiceField(label="What was the complaint mainly about?", widget=forms.RadioSelect,
                              choices=Complaint.Theme.choices,
                              help_text="For the reports to the local authorities: complaints are counted by theme.",
                              error_messages={"required": "Select what the complaint was mainly about",
                                              "invalid_choice": "Select what the complaint was mainly about"})
    response = _text("The response", required="Enter the response to send", rows=12,
                     help_text="What we found and what we will do. It becomes the letter; leave a blank line "
                               "between paragraphs. The letter adds what to do next if they are still unhappy.")
    lessons_learned = _text("Lessons learned (for staff, not sent)", rows=4)


def _answer(label: str, error: str, choices: Any = Answer.choices) -> forms.ChoiceField:
    # Only the first question must be answered: the rest may be left, so nobody gives up half-way.
    return forms.ChoiceField(label=label, widget=forms.RadioSelect, choices=choices, required=False,
                             error_messages={"required": error})


class SurveyForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label="Overall, how satisfied were you with the service?", choices=SATISFACTION, widget=forms.RadioSelect,
        coerce=int, error_messages={"required": "Select how satisfied you were with the service"},
    )
    felt_heard = _answer("Did you feel listened to?", "Select whether you felt listened to")
    treated_fairly = _answer("Were you treated fairly?", "Select whether you were treated fairly")
    mediator_impartial = _answer("Did the mediator stay neutral, not taking anyone's side?",
                                 "Select whether the mediator stayed neutral")
    process_explained = _answer("Did we explain clearly how things would work?",
                                "Select whether we explained how things would work")
    would_recommend = _answer("Would you recommend us to another family?",
                              "Select whether you would recommend us", Recommend.choices)
    comments = _text("Anything else you want to tell us? (optional)", rows=5,
                     help_text="Please do not include names or other personal details.")
    consent_to_quote = forms.BooleanField(
        label="You may quote my comments, without my name, to show others what families think", required=False,
    )
