"""The forms a mediator fills in about their own time. Errors are worded for the field they are shown beside."""

from __future__ import annotations

from django import forms

from senmediation.core.forms import GovukDateField

WEEKDAYS = [("0", "Monday"), ("1", "Tuesday"), ("2", "Wednesday"), ("3", "Thursday"), ("4", "Friday"),
            ("5", "Saturday"), ("6", "Sunday")]


def _time(label: str, help_text: str) -> forms.TimeField:
    return forms.TimeField(
        label=label, required=False, help_text=help_text, input_formats=["%H:%M", "%H.%M", "%H%M"],
        error_messages={"invalid": f"Enter {label.lower().removesuffix(' (optional)')} like 09:30"},
        widget=forms.TextInput(attrs={"data-govuk-class": "govuk-input--width-5", "inputmode": "numeric"}),
    )


class AvailabilityForm(forms.Form):
    available = forms.TypedChoiceField(
        label="Can you take meetings on these days?", widget=forms.RadioSelect, coerce=lambda value: value == "yes",
        choices=[("yes", "Yes, I can take meetings"), ("no", "No, I cannot take meetings")],
        error_messages={"required": "Select yes if you can take meetings on these days"},
    )
    weekdays = forms.TypedMultipleChoiceField(
        label="Which days of the week?", choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the days of the week this applies to"},
    )
    first = GovukDateField(label="From", label_lower="the first day", help_text="For example, 7 12 2026")
    last = GovukDateField(label="Until", label_lower="the last day",
                          help_text="Up to 6 months after the first day. For example, 26 2 2027")
    from_time = _time("Start time (optional)", "If you can only start later than usual. For example, 09:30")
    to_time = _time("Finish time (optional)", "If you must finish earlier than usual. For example, 13:00")


class LeaveForm(forms.Form):
    starts_on = GovukDateField(label="First day of leave", label_lower="the first day of leave",
                               help_text="For example, 21 12 2026")
    ends_on = GovukDateField(label="Last day of leave", label_lower="the last day of leave",
                             help_text="The same as the first day for one day. For example, 1 1 2027")
    reason = forms.CharField(
        label="Reason (optional)", required=False, max_length=200,
        help_text="Only you and managers see this. Diaries show only that you are away.",
        error_messages={"max_length": "The reason must be 200 characters or fewer"},
    )
