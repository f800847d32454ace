"""Forms for the portal pages. Labels are short and plain; children's page especially."""

from __future__ import annotations

import datetime as dt

from django import forms

from senmediation.rules.calendar import format_day

from .services.lost_link import contact_parse, reference_normalise, reference_valid


def _text(label: str, *, help_text: str = "", rows: int = 5, required: str = "") -> forms.CharField:
    """A text area; `required` is the error shown when it is left empty (empty string: optional)."""
    return forms.CharField(
        label=label, help_text=help_text, required=bool(required), max_length=5000,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required, "max_length": f"{label} must be 5,000 characters or fewer"},
    )


class AvailabilityForm(forms.Form):
    """The days a meeting could still be held are offered as boxes to tick (portal/views_availability.py works
    them out: rules/family_days.py); what suits them, or does not, in their own words too."""

    can_do = _text("Days and times you can come", help_text="For example, Tuesday or Thursday mornings.")
    cannot_do = _text("Days and times you cannot come", help_text="For example, school holidays.")

    def __init__(self, *args: object, days: tuple[dt.date, ...] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.offered = days
        if days:
            self.fields["dates"] = forms.TypedMultipleChoiceField(
                label="Which of these days could you come?", required=False, coerce=dt.date.fromisoformat,
                help_text="Tick every day you could come. The more days you tick, the sooner we can find a time "
                          "that suits everyone.",
                choices=[(day.isoformat(), format_day(day)) for day in days], widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": "Choose from the days listed. Tell us about any other day in "
                                                  "the box below"},
            )
        # The boxes come first, then the words.
        self.order_fields(["dates", "can_do", "cannot_do"])

    def chosen_dates(self) -> list[dt.date]:
        return list(self.cleaned_data.get("dates") or [])


class SummaryForm(forms.Form):
    summary = _text("Your summary", required="Enter your summary", rows=8,
                    help_text="What the disagreement is about, from your point of view.")
    issues = _text("Issues you want to discuss", rows=6,
                   help_text="Put each issue on a new line.")
    mediator_only = _text("Anything only the mediator should read (optional)", rows=5,
                          help_text="This is never sent to the other sides. Only your mediator and our service "
                                    "managers can read it.")

    def issue_list(self) -> list[str]:
        return [line for line in self.cleaned_data.get("issues", "").splitlines() if line.strip()]


class ChildViewsForm(forms.Form):
    text = _text("What do you want to tell us?", rows=8,
                 help_text="You can write as much or as little as you like. There is no time limit.")
    drawing = forms.FileField(label="Add a drawing or a file (optional)", required=False,
                              help_text="A photo, picture or PDF. It must be smaller than 5MB.")


class AttendanceForm(forms.Form):
    attending = forms.TypedChoiceField(
        label="Are you coming to the meeting?", choices=[("yes", "Yes, I am coming"), ("no", "No, I cannot come")],
        widget=forms.RadioSelect, coerce=lambda value: value == "yes",
        error_messages={"required": "Select yes if you are coming to the meeting"},
    )
    who_is_coming = _text("Who is coming with you?", rows=3,
                          help_text="Give their names and how they know the family, for example a friend.")
    needs = _text("Is there anything you need to take part?", rows=3,
                  help_text="For example, step-free access, an interpreter or breaks.")


SATISFACTION = [
    ("5", "Very satisfied"), ("4", "Satisfied"), ("3", "Neither satisfied nor dissatisfied"),
    ("2", "Dissatisfied"), ("1", "Very dissatisfied"),
]


class FeedbackForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label="Overall, how did you feel about the service?", choices=SATISFACTION, widget=forms.RadioSelect,
        coerce=int, error_messages={"required": "Select how satisfied you are with the service"},
    )
    comments = _text("How could we improve the service?", rows=5, help_text="Do not include personal details.")


class CodeForm(forms.Form):
    code = forms.CharField(label="Code", max_length=40, help_text="It is 10 letters and numbers, for example ABCDE-23456.",
                           error_messages={"required": "Enter your code",
                                           "max_length": "The code is 10 letters and numbers"})


class LostLinkForm(forms.Form):
    """'I've lost my link': the case reference and the e-mail address or mobile number we hold."""

    reference = forms.CharField(
        label="Your case reference", max_length=40,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocapitalize": "characters",
                                      "data-govuk-class": "govuk-input--width-20"}),
        help_text="It is on our letters and e-mails, for example MED-2026-00042.",
        error_messages={"required": "Enter your case reference",
                        "max_length": "Enter your case reference as it is on our letters, for example MED-2026-00042"},
    )
    contact = forms.CharField(
        label="Your e-mail address or mobile phone number", max_length=254,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocapitalize": "none"}),
        help_text="The one you gave us. We will send the new link there and nowhere else.",
        error_messages={"required": "Enter the e-mail address or mobile phone number you gave us",
                        "max_length": "The e-mail address must be 254 characters or fewer"},
    )

    def clean_reference(self) -> str:
        value = str(self.cleaned_data["reference"])
        if not reference_valid(value):
            raise forms.ValidationError("Enter your case reference as it is on our letters, for example "
                                        "MED-2026-00042")
        return reference_normalise(value)

    def clean_contact(self) -> str:
        value = str(self.cleaned_data["contact"]).strip()
        if contact_parse(value) is not None:
            return value
        if "@" in value:
            raise forms.ValidationError("Enter an e-mail address with an @ and the rest of the address after it, "
                                        "for example name@example.com")
        if any(character.isdigit() for character in value) and not any(c.isalpha() for c in value):
            raise forms.ValidationError("Enter a UK mobile phone number starting 07 or +44 7, for example "
                                        "07700 900123. We cannot send a link to a landline")
        raise forms.ValidationError("Enter an e-mail address, for example name@example.com, or a UK mobile phone "
                                    "number, for example 07700 900123")
