from __future__ import annotations

from typing import Any

from django import forms

from senmediation.cases.models import Party
from senmediation.portal.models import Purpose
from senmediation.rules.links import LINK_DAYS_BY_PURPOSE, MAX_DAYS_VALID

from .models import Message

_DAYS_HINT = ("Leave this empty to use the shortest time the link needs: "
              + "; ".join(f"{Purpose(purpose).label}, {days} days" for purpose, days in LINK_DAYS_BY_PURPOSE.items())
              + f". You can choose from 1 to {MAX_DAYS_VALID} days.")


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "All messages"), *Message.Status.choices])


class TemplateForm(forms.Form):
    subject = forms.CharField(label="Subject", max_length=200,
                              error_messages={"required": "Enter a subject"})
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 14}),
                           error_messages={"required": "Enter the message"})


class LinkCreateForm(forms.Form):
    party: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
                                   label="Who is the link for?", queryset=Party.objects.none(),
                                   empty_label=None, error_messages={"required": "Choose who the link is for"})
    purpose = forms.ChoiceField(label="What is it for?", choices=Purpose.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Choose what the link is for"})
    days_valid = forms.IntegerField(
        label="Days the link works for (optional)", required=False, min_value=1, max_value=MAX_DAYS_VALID,
        help_text=_DAYS_HINT,
        error_messages={"min_value": "A link must work for at least 1 day",
                        "max_value": f"A link can work for at most {MAX_DAYS_VALID} days",
                        "invalid": "Enter a number of days, like 14"})

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["party"]
        field.queryset = parties  # type: ignore[attr-defined]
        field.label_from_instance = lambda party: f"{party.name} ({party.get_role_display()})"  # type: ignore[attr-defined]
        self.fields["days_valid"].widget.attrs["data-govuk-class"] = "govuk-input--width-3"
